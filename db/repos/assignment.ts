import type { Db } from '../open';
import { expectOneRow } from '../statements';

/** How many customers of a cycle are assigned to a person. */
export function countAssigned(db: Db, personId: string, cycleId: string | null): number {
  return db
    .prepare('SELECT count(*) FROM customers WHERE assigned_to = ? AND cycle_id IS ?')
    .pluck()
    .get(personId, cycleId) as number;
}

export interface AssignableRow {
  id: number;
  cycle_id: string | null;
  assigned_to: string | null;
}

export function getAssignable(db: Db, ids: readonly number[]): AssignableRow[] {
  const stmt = db.prepare('SELECT id, cycle_id, assigned_to FROM customers WHERE id = ?');
  return ids.map((id) => stmt.get(id) as AssignableRow | undefined).filter((r): r is AssignableRow => r !== undefined);
}

export function setAssignee(db: Db, customerId: number, personId: string | null, now: string): void {
  expectOneRow(db.prepare('UPDATE customers SET assigned_to = ?, updated_at = ? WHERE id = ?').run(personId, now, customerId), 'setAssignee');
}

/**
 * Unassigned customers of a cycle who are in the queue, highest monthly revenue first: the
 * candidates for "the ten highest-value customers of the cycle to the executives".
 */
export function topUnassigned(db: Db, cycleId: string, maxAttempts: number, limit: number): number[] {
  return db
    .prepare(
      `SELECT id FROM customers
       WHERE selected = 1 AND cycle_id = @cycleId AND assigned_to IS NULL AND do_not_contact = 0 AND call_blocked = 0
         AND (last_outcome IS NULL OR last_outcome IN ('callback', 'no_answer', 'considering'))
         AND (attempts < @maxAttempts OR callback_at IS NOT NULL)
       ORDER BY monthly_revenue DESC NULLS LAST, priority DESC, id LIMIT @limit`,
    )
    .pluck()
    .all({ cycleId, maxAttempts, limit }) as number[];
}
