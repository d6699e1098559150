import type { Db } from '../open';
import { prepared } from '../statements';

/** The open call of a customer, saved on every change so nothing typed is lost. One per customer. */
export interface DraftRow {
  customer_id: number;
  caller_id: string;
  state: string;
  updated_at: string;
}

export function getDraft(db: Db, customerId: number): DraftRow | undefined {
  return prepared(db, 'SELECT * FROM call_drafts WHERE customer_id = ?').get(customerId) as DraftRow | undefined;
}

export function saveDraft(db: Db, d: { customerId: number; callerId: string; state: string; updatedAt: string }): void {
  prepared(
    db,
    `INSERT INTO call_drafts (customer_id, caller_id, state, updated_at) VALUES (@customerId, @callerId, @state, @updatedAt)
     ON CONFLICT(customer_id) DO UPDATE SET caller_id = excluded.caller_id, state = excluded.state, updated_at = excluded.updated_at`,
  ).run(d);
}

/** The caller's most recently saved unfinished call. */
export function latestDraftOf(db: Db, callerId: string): DraftRow | undefined {
  return prepared(db, 'SELECT * FROM call_drafts WHERE caller_id = ? ORDER BY updated_at DESC LIMIT 1')
    .get(callerId) as DraftRow | undefined;
}

/** Removes the draft of this call only: another call of the same customer started since keeps its draft. */
export function deleteDraftOfCall(db: Db, customerId: number, callId: string): void {
  prepared(db, "DELETE FROM call_drafts WHERE customer_id = ? AND json_extract(state, '$.callId') = ?").run(customerId, callId);
}

/** The caller's unfinished calls, latest first, with who each is with. */
export function listDraftsOf(db: Db, callerId: string): (DraftRow & { name: string | null; external_id: string })[] {
  return prepared(
    db,
    `SELECT d.*, c.name, c.external_id FROM call_drafts d JOIN customers c ON c.id = d.customer_id
     WHERE d.caller_id = ? ORDER BY d.updated_at DESC LIMIT 100`,
  ).all(callerId) as (DraftRow & { name: string | null; external_id: string })[];
}
