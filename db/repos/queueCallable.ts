import type { Db } from '../open';
import { isWithinWindow, wallClock, type CallingWindow } from '../../shared/domain/callingHours';

/**
 * "Callable now" as SQL, for the queue's filter and sort: inside calling hours in the customer's
 * zone (every candidate zone when the zone is not known exactly), past the retry cadence's wait,
 * and not waiting for a callback booked later. Calling hours depend on the wall clock of each zone,
 * which SQLite does not know, so the zones open now are worked out here and passed in as a list.
 */
export interface CallableNowRule {
  now: string;
  /** Null when the manager turned the calling-hours rule off. */
  window: CallingWindow | null;
  defaultZone: string;
}

/** Every zone the console's customers are in, candidates included; a few dozen at most. */
function zonesInUse(db: Db): string[] {
  return db
    .prepare(
      `SELECT timezone FROM customers WHERE timezone IS NOT NULL
       UNION SELECT j.value FROM (SELECT DISTINCT timezone_candidates AS c FROM customers WHERE timezone_candidates IS NOT NULL) t, json_each(t.c) j`,
    )
    .pluck()
    .all() as string[];
}

function openZones(db: Db, rule: CallableNowRule & { window: CallingWindow }): string[] {
  const instant = new Date(rule.now);
  const open: string[] = [];
  for (const zone of new Set([...zonesInUse(db), rule.defaultZone])) {
    try {
      if (isWithinWindow(wallClock(instant, zone).minutes, rule.window)) open.push(zone);
    } catch {
      // A zone Intl does not know is never open; the import refuses them anyway.
    }
  }
  return open;
}

/** The predicate over customers `c`, with its named parameters. */
export function callableNowSql(db: Db, rule: CallableNowRule): { sql: string; params: Record<string, unknown> } {
  const terms = ['(c.next_attempt_at IS NULL OR c.next_attempt_at <= @callableAt)', '(c.callback_at IS NULL OR c.callback_at <= @callableAt)'];
  const params: Record<string, unknown> = { callableAt: rule.now };
  if (rule.window) {
    params.openZones = JSON.stringify(openZones(db, { ...rule, window: rule.window }));
    params.callableDefaultZone = rule.defaultZone;
    terms.unshift(`(CASE WHEN c.timezone IS NULL AND c.timezone_candidates IS NOT NULL
        THEN NOT EXISTS (SELECT 1 FROM json_each(c.timezone_candidates) j WHERE j.value NOT IN (SELECT value FROM json_each(@openZones)))
        ELSE coalesce(c.timezone, @callableDefaultZone) IN (SELECT value FROM json_each(@openZones)) END)`);
  }
  return { sql: `(${terms.join(' AND ')})`, params };
}
