import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/open';
import { AppError } from '../../../shared/api/result';
import { audit } from '../../../db/repos/audit';
import { getCustomerRow } from '../../../db/repos/customers';
import { applyLedger, deskCountry, enqueuePermissionChange, hashedKey, insertEntry } from '../../../db/repos/permissions';
import { emailKey, type PermissionKind } from '../../../shared/domain/permissions';
import { toE164 } from '../../../shared/domain/phoneE164';

export interface ErasureResult {
  /** The anonymous id the customer's record keeps, so reports still count it. */
  erasedAs: string;
  calls: number;
}

const ERASED = '(erased)';

/**
 * Erases a customer's personal data from this console, on their request. What stays is anonymous
 * and keeps every report's totals: the reason (as its taxonomy id), revenue, segment, product,
 * outcomes and dates. Removed: the name, company, phone, email and notes; the customer's words and
 * every free text of their calls (stage notes, summaries, amendment notes, feedback quoting them);
 * their draft; the addresses and bodies of their outreach emails; their stated reason as written;
 * the texts of their events in the outbox. Their number, email and id stay on the ledger only
 * hashed one way (sha256 with a fixed prefix), so they are never contacted again and never read back.
 *
 * The bytes go too: the writes run with `secure_delete` on (freed space is overwritten with
 * zeros), and the write-ahead log is checkpointed and truncated afterwards, so neither the database
 * file nor its -wal holds the old values.
 */
export function eraseCustomer(db: Db, actor: { id: string; name: string }, customerId: number, now: Date): ErasureResult {
  const row = getCustomerRow(db, customerId);
  if (!row) throw new AppError('not_found', `No customer with id ${customerId}.`);
  if (row.external_id.startsWith('erased-')) throw new AppError('conflict', 'This customer has already been erased.');
  const iso = now.toISOString();
  const phone = row.phone === null ? null : toE164(row.phone, deskCountry(db));
  const keys: [PermissionKind, string | null][] = [
    ['customer', row.external_id],
    ['phone', phone?.ok ? phone.e164 : null],
    ['email', row.email === null ? null : emailKey(row.email)],
  ];
  const erasedAs = `erased-${hashedKey(row.external_id).slice(7, 23)}`;
  const secure = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  let calls = 0;
  try {
    db.transaction(() => {
      // The ledger: plain entries for this customer become hashed, and a hashed "everything" entry is added for each key.
      for (const [kind, value] of keys) {
        if (value === null) continue;
        const hash = hashedKey(value);
        db.prepare('UPDATE permission_entries SET value = ? WHERE kind = ? AND value = ?').run(hash, kind, value);
        if (kind !== 'customer') db.prepare('UPDATE OR IGNORE permission_list_values SET value = ? WHERE value = ?').run(hash, value);
        db.prepare('DELETE FROM permission_list_values WHERE value = ?').run(value);
        const uid = randomUUID();
        insertEntry(db, { uid, kind, value: hash, scope: 'all', source: 'manager', note: 'Erased on request', added_at: iso, added_by: actor.name, expires_at: null });
        enqueuePermissionChange(db, { type: 'entry', uid, kind, value: hash, scope: 'all', source: 'manager', note: 'Erased on request', addedAt: iso, addedBy: actor.name, expiresAt: null });
      }
      // Changes not yet sent to the hub that carry a plain key.
      const pending = db.prepare('SELECT seq, change FROM permission_outbox').all() as { seq: number; change: string }[];
      for (const p of pending) {
        let text = p.change;
        for (const [, value] of keys) if (value !== null) text = text.split(JSON.stringify(value)).join(JSON.stringify(hashedKey(value)));
        if (text !== p.change) db.prepare('UPDATE permission_outbox SET change = ? WHERE seq = ?').run(text, p.seq);
      }

      const callIds = db.prepare('SELECT id FROM calls WHERE customer_id = ?').pluck().all(customerId) as string[];
      calls = callIds.length;
      db.prepare("UPDATE calls SET customer_words = '', summary = '', offer_skipped_because = CASE WHEN offer_skipped_because IS NULL THEN NULL ELSE ? END WHERE customer_id = ?").run(ERASED, customerId);
      db.prepare("UPDATE call_stages SET note = '' WHERE call_id IN (SELECT id FROM calls WHERE customer_id = ?)").run(customerId);
      db.prepare("UPDATE call_amendments SET note = ?, old_values = '{}', new_values = '{}' WHERE call_id IN (SELECT id FROM calls WHERE customer_id = ?)").run(ERASED, customerId);
      db.prepare('UPDATE feedback SET text = ? WHERE customer_id = ?').run(ERASED, customerId);
      db.prepare('DELETE FROM call_drafts WHERE customer_id = ?').run(customerId);
      db.prepare("UPDATE care_enrolments SET relost_note = '' WHERE customer_id = ?").run(customerId);
      db.prepare("UPDATE care_reviews SET note = '', outreach_note = '' WHERE enrolment_id IN (SELECT id FROM care_enrolments WHERE customer_id = ?)").run(customerId);
      db.prepare('UPDATE outreach_members SET to_address = NULL, subject = NULL, body = NULL WHERE customer_id = ?').run(customerId);

      // Events in the outbox: the customer's id becomes the anonymous one, and their texts go.
      const events = db.prepare('SELECT seq, kind, payload FROM outbox').all() as { seq: number; kind: string; payload: string }[];
      const ownCalls = new Set(callIds);
      for (const e of events) {
        const payload = JSON.parse(e.payload) as Record<string, unknown>;
        const mine = payload.externalId === row.external_id || (typeof payload.callId === 'string' && ownCalls.has(payload.callId));
        if (!mine) continue;
        if (payload.externalId === row.external_id) payload.externalId = erasedAs;
        if ('statedReasonText' in payload && payload.statedReasonText !== null) payload.statedReasonText = ERASED;
        if (e.kind === 'feedback.recorded') payload.text = ERASED;
        if (e.kind === 'call.amended' && 'note' in payload) payload.note = ERASED;
        db.prepare('UPDATE outbox SET payload = ? WHERE seq = ?').run(JSON.stringify(payload), e.seq);
      }

      db.prepare(
        `UPDATE customers SET external_id = @erasedAs, name = NULL, company = NULL, phone = NULL, email = NULL, notes = NULL,
           phone_key = '', call_blocked = 1, do_not_contact = 1,
           stated_reason_text = CASE WHEN stated_reason_text IS NULL THEN NULL ELSE @erased END, updated_at = @now
         WHERE id = @id`,
      ).run({ erasedAs, erased: ERASED, now: iso, id: customerId });
      audit(db, { at: iso, actorId: actor.id, action: 'privacy.erase', entity: 'customers', detail: { calls, count: 1 } });
      applyLedger(db, now);
    })();
    // Old page images live on in the write-ahead log until it is copied back and cut to nothing.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.pragma(`secure_delete = ${secure}`);
  }
  return { erasedAs, calls };
}
