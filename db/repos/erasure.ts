import type { Db } from '../open';
import { prepared } from '../statements';

/**
 * The rows an erasure rewrites, for a whole batch of customers at once (electron/backend/privacy/
 * erase.ts decides what and when). Each statement takes the batch as one JSON array and touches
 * every row of it in one pass: retention used to run ten statements (and prepare them) per
 * customer, about 23 ms a customer on a busy desk; set-based it is a fraction of a millisecond.
 * The summary tables stay exact the same way as before: SQLite's triggers still fire for each row
 * the statements change.
 */

export interface ErasureContactRow {
  id: number;
  external_id: string;
  phone: string | null;
  email: string | null;
}

/** The ids, numbers and emails of the customers named (those that exist), by id. */
export function erasureContacts(db: Db, ids: readonly number[]): Map<number, ErasureContactRow> {
  const rows = prepared(db, 'SELECT id, external_id, phone, email FROM customers WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as ErasureContactRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** A customer of the batch, the anonymous id their record keeps, and when their erasure was asked for. */
export interface ErasedCustomer {
  id: number;
  erasedAs: string;
  /**
   * The record's updated_at: the erasure's own time, the same as its hashed ledger entries', also
   * when it is applied later (replayed from the erasure log after a crash or a restore, or heard
   * from the hub).
   */
  erasedAt: string;
}

/**
 * Clears every free text of the batch's customers and their calls and makes their records
 * anonymous; `erasedText` replaces the texts whose presence a report or a screen shows. Gives each
 * customer's call ids (their events in the outbox are found by them).
 */
export function clearPersonalData(db: Db, batch: readonly ErasedCustomer[], erasedText: string): Map<number, string[]> {
  const ids = JSON.stringify(batch.map((c) => c.id));
  const calls = new Map<number, string[]>(batch.map((c) => [c.id, []]));
  const theirCalls = 'SELECT id FROM calls WHERE customer_id IN (SELECT value FROM json_each(@ids))';
  const theirs = 'customer_id IN (SELECT value FROM json_each(@ids))';
  const callRows = prepared(
    db,
    `UPDATE calls SET customer_words = '', summary = '', offer_skipped_because = CASE WHEN offer_skipped_because IS NULL THEN NULL ELSE @erased END
     WHERE ${theirs} RETURNING customer_id, id`,
  ).all({ ids, erased: erasedText }) as { customer_id: number; id: string }[];
  for (const r of callRows) calls.get(r.customer_id)?.push(r.id);
  prepared(db, `UPDATE call_stages SET note = '' WHERE call_id IN (${theirCalls})`).run({ ids });
  prepared(db, `UPDATE call_amendments SET note = @erased, old_values = '{}', new_values = '{}' WHERE call_id IN (${theirCalls})`).run({ ids, erased: erasedText });
  prepared(db, `UPDATE feedback SET text = @erased WHERE ${theirs}`).run({ ids, erased: erasedText });
  prepared(db, `DELETE FROM call_drafts WHERE ${theirs}`).run({ ids });
  prepared(db, `UPDATE care_enrolments SET relost_note = '' WHERE ${theirs}`).run({ ids });
  prepared(db, `UPDATE care_reviews SET note = '', outreach_note = '' WHERE enrolment_id IN (SELECT id FROM care_enrolments WHERE ${theirs})`).run({ ids });
  prepared(db, `UPDATE outreach_members SET to_address = NULL, subject = NULL, body = NULL WHERE ${theirs}`).run({ ids });
  prepared(
    db,
    `UPDATE customers SET external_id = b.erased_as, name = NULL, company = NULL, phone = NULL, email = NULL, notes = NULL,
       phone_key = '', call_blocked = 1, email_blocked = 1, post_blocked = 1, do_not_contact = 1,
       stated_reason_text = CASE WHEN stated_reason_text IS NULL THEN NULL ELSE @erased END, updated_at = b.erased_at
     FROM (SELECT value ->> 0 AS id, value ->> 1 AS erased_as, value ->> 2 AS erased_at FROM json_each(@batch)) AS b
     WHERE customers.id = b.id`,
  ).run({ batch: JSON.stringify(batch.map((c) => [c.id, c.erasedAs, c.erasedAt])), erased: erasedText });
  return calls;
}

/** A plain ledger value of an erased customer and the hash it becomes. */
export interface PlainToHash {
  kind: string;
  plain: string;
  hash: string;
}

/**
 * Plain ledger values of erased customers become their hash: the entries still block, and nobody
 * can read them back. List values (numbers and emails) too; where a list holds the hash already,
 * the plain copy goes.
 */
export function hashPlainLedgerValues(db: Db, values: readonly PlainToHash[]): void {
  if (values.length === 0) return;
  const all = JSON.stringify(values.map((v) => [v.kind, v.plain, v.hash]));
  prepared(
    db,
    `UPDATE permission_entries SET value = k.hash
     FROM (SELECT value ->> 0 AS kind, value ->> 1 AS plain, value ->> 2 AS hash FROM json_each(?)) AS k
     WHERE permission_entries.value = k.plain AND permission_entries.kind = k.kind`,
  ).run(all);
  const listed = values.filter((v) => v.kind !== 'customer');
  if (listed.length === 0) return;
  const pairs = JSON.stringify(listed.map((v) => [v.plain, v.hash]));
  prepared(
    db,
    `UPDATE OR IGNORE permission_list_values SET value = k.hash
     FROM (SELECT value ->> 0 AS plain, value ->> 1 AS hash FROM json_each(?)) AS k
     WHERE permission_list_values.value = k.plain`,
  ).run(pairs);
  prepared(db, 'DELETE FROM permission_list_values WHERE value IN (SELECT value ->> 0 FROM json_each(?))').run(pairs);
}

/**
 * Ledger changes waiting for the hub (up to `upToSeq`) that hold any of `plain` as a text value
 * anywhere (an entry's value, a list's values, a note): the few a scrub must rewrite, found by
 * SQLite's JSON reader instead of parsing every waiting change in JavaScript.
 */
export function pendingChangesHolding(db: Db, plain: readonly string[], upToSeq: number): { seq: number; change: string }[] {
  if (plain.length === 0) return [];
  return prepared(
    db,
    `SELECT p.seq, p.change FROM permission_outbox p
     WHERE p.seq <= @upTo AND EXISTS (SELECT 1 FROM json_tree(p.change) t WHERE t.type = 'text' AND t.atom IN (SELECT value FROM json_each(@plain)))`,
  ).all({ upTo: upToSeq, plain: JSON.stringify(plain) }) as { seq: number; change: string }[];
}

export function lastPendingChangeSeq(db: Db): number {
  return (prepared(db, 'SELECT coalesce(max(seq), 0) AS seq FROM permission_outbox').get() as { seq: number }).seq;
}

export function rewritePendingChange(db: Db, seq: number, change: string): void {
  prepared(db, 'UPDATE permission_outbox SET change = ? WHERE seq = ?').run(change, seq);
}

/** Events (sent or not) naming one of `externalIds` or about one of `callIds`. */
export function eventsAbout(db: Db, externalIds: readonly string[], callIds: readonly string[]): { seq: number; kind: string; payload: string }[] {
  return prepared(
    db,
    `SELECT seq, kind, payload FROM outbox
     WHERE payload ->> '$.externalId' IN (SELECT value FROM json_each(@ids)) OR payload ->> '$.callId' IN (SELECT value FROM json_each(@calls))
     ORDER BY seq`,
  ).all({ ids: JSON.stringify(externalIds), calls: JSON.stringify(callIds) }) as { seq: number; kind: string; payload: string }[];
}

export function rewriteEvent(db: Db, seq: number, payload: string): void {
  prepared(db, 'UPDATE outbox SET payload = ? WHERE seq = ?').run(payload, seq);
}
