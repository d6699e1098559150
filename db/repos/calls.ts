import type { Db } from '../open';
import type { Outcome } from '../../shared/domain/outcomes';

export interface CallSummaryRow {
  id: string;
  completed_at: string;
  caller_name: string;
  outcome: Outcome;
  diagnosed_reason: string | null;
}

export function listCallsOfCustomer(db: Db, customerId: number): CallSummaryRow[] {
  return db
    .prepare(
      `SELECT k.id, k.completed_at, p.name AS caller_name, k.outcome, r.name AS diagnosed_reason
       FROM calls k
       JOIN people p ON p.id = k.caller_id
       LEFT JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1
       LEFT JOIN reasons r ON r.id = cr.reason_id
       WHERE k.customer_id = ? ORDER BY k.completed_at DESC`,
    )
    .all(customerId) as CallSummaryRow[];
}
