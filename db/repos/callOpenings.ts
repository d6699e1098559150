import type { Db } from '../open';
import { prepared } from '../statements';

export interface CallOpeningRow {
  call_id: string;
  customer_id: number;
  caller_id: string;
  opened_at: string;
  outside_hours_reason: string | null;
}

/** Records that the backend let a call start; the first opening of a call id is the one kept. */
export function recordCallOpening(
  db: Db,
  o: { callId: string; customerId: number; callerId: string; openedAt: string; outsideHoursReason: string | null },
): void {
  prepared(
    db,
    `INSERT INTO call_openings (call_id, customer_id, caller_id, opened_at, outside_hours_reason)
     VALUES (@callId, @customerId, @callerId, @openedAt, @outsideHoursReason) ON CONFLICT(call_id) DO NOTHING`,
  ).run(o);
}

export function getCallOpening(db: Db, callId: string): CallOpeningRow | undefined {
  return prepared(db, 'SELECT * FROM call_openings WHERE call_id = ?').get(callId) as CallOpeningRow | undefined;
}

/** The earliest next try after an unanswered call; null clears it (any other outcome). */
export function setNextAttempt(db: Db, customerId: number, at: string | null): void {
  prepared(db, 'UPDATE customers SET next_attempt_at = @at WHERE id = @customerId').run({ customerId, at });
}
