import type { Db } from '../open';

/** A correction of a completed call: who, when, why, and the changed fields before and after. */
export interface AmendmentRow {
  id: string;
  call_id: string;
  amended_at: string;
  amended_by: string;
  amended_by_name: string;
  note: string;
  old_values: string;
  new_values: string;
}

export function insertAmendment(
  db: Db,
  a: { id: string; callId: string; amendedAt: string; amendedBy: string; note: string; oldValues: unknown; newValues: unknown },
): void {
  db.prepare(
    `INSERT INTO call_amendments (id, call_id, amended_at, amended_by, note, old_values, new_values)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.id, a.callId, a.amendedAt, a.amendedBy, a.note, JSON.stringify(a.oldValues), JSON.stringify(a.newValues));
}

export function listAmendments(db: Db, callId: string): AmendmentRow[] {
  return db
    .prepare(
      `SELECT a.*, p.name AS amended_by_name FROM call_amendments a JOIN people p ON p.id = a.amended_by
       WHERE a.call_id = ? ORDER BY a.amended_at, a.rowid`,
    )
    .all(callId) as AmendmentRow[];
}
