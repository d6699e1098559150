import type { Db } from '../open';
import { prepared } from '../statements';

/** What each person on this desk is doing (migration 016), written when it changes. */
export interface DeskPresenceRow {
  person_id: string;
  state: 'idle' | 'in_call' | 'wrap_up';
  customer_id: number | null;
  call_id: string | null;
  stage: string | null;
  since: string;
}

export function getDeskPresence(db: Db, personId: string): DeskPresenceRow | undefined {
  return prepared(db, 'SELECT * FROM desk_presence WHERE person_id = ?').get(personId) as DeskPresenceRow | undefined;
}

export function setDeskPresence(db: Db, row: DeskPresenceRow): void {
  prepared(
    db,
    `INSERT INTO desk_presence (person_id, state, customer_id, call_id, stage, since) VALUES (@person_id, @state, @customer_id, @call_id, @stage, @since)
     ON CONFLICT (person_id) DO UPDATE SET state = excluded.state, customer_id = excluded.customer_id, call_id = excluded.call_id,
       stage = excluded.stage, since = excluded.since`,
  ).run(row);
}

export interface DayCountsRow {
  calls: number;
  recovered: number;
  revenue_back: number;
}

/** The person's calls completed in [from, until), those recovered, and those customers' monthly revenue. */
export function dayCounts(db: Db, personId: string, from: string, until: string): DayCountsRow {
  return prepared(
    db,
    `SELECT count(*) AS calls,
            coalesce(sum(k.outcome = 'recovered'), 0) AS recovered,
            coalesce(sum(CASE WHEN k.outcome = 'recovered' THEN coalesce(c.monthly_revenue, 0) ELSE 0 END), 0) AS revenue_back
     FROM calls k JOIN customers c ON c.id = k.customer_id
     WHERE k.caller_id = ? AND k.completed_at >= ? AND k.completed_at < ?`,
  ).get(personId, from, until) as DayCountsRow;
}
