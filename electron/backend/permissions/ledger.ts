import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/open';
import { audit } from '../../../db/repos/audit';
import {
  applyLedger,
  deskCountry,
  enqueuePermissionChange,
  expireEntry,
  expireList,
  getEntry,
  getList,
  insertEntry,
  type EntryRow,
} from '../../../db/repos/permissions';
export { applyLedger, customerBlock, deskCountry, ensureLedgerFresh, numberBlock, PERMISSION_KEYS, type CustomerContact } from '../../../db/repos/permissions';
import type { CustomerContact } from '../../../db/repos/permissions';
import { emailKey, type PermissionKind, type PermissionScope } from '../../../shared/domain/permissions';
import { e164ProblemSaid, toE164 } from '../../../shared/domain/phoneE164';
import { said, type Said } from '../../../shared/i18n/said';
import { appError, appErrorSaying } from '../i18n/errors';

const CUSTOMER_ID_MAX = 100;

/** A value as the ledger keys it, or a sentence (by key) saying why it cannot be one. */
export function ledgerValue(db: Db, kind: PermissionKind, raw: string, country = deskCountry(db)): { ok: true; value: string } | { ok: false; why: Said } {
  const text = raw.trim();
  if (text === '') return { ok: false, why: said('errors.permissions.emptyValue') };
  switch (kind) {
    case 'phone': {
      const e = toE164(text, country);
      return e.ok ? { ok: true, value: e.e164 } : { ok: false, why: e164ProblemSaid(e.problem) };
    }
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) && text.length <= 320 ? { ok: true, value: emailKey(text) } : { ok: false, why: said('errors.permissions.notEmail') };
    case 'customer':
      return text.length <= CUSTOMER_ID_MAX ? { ok: true, value: text } : { ok: false, why: said('errors.permissions.customerIdLong', { max: CUSTOMER_ID_MAX }) };
  }
}

export interface NewEntryInput {
  kind: PermissionKind;
  value: string;
  scope: PermissionScope;
  source: 'customer' | 'manager';
  note: string | null;
  expiresAt: string | null;
}

/**
 * Adds an entry, its change for the hub and an audit line (no personal data: the kind and scope),
 * inside the caller's transaction. Gives the entry, or null when an active one already says the
 * same (the same value, kind and scope): the ledger does not repeat itself.
 */
export function addEntry(db: Db, actor: { id: string; name: string }, input: NewEntryInput, now: Date): EntryRow | null {
  const key = ledgerValue(db, input.kind, input.value);
  if (!key.ok) throw appErrorSaying('invalid_input', key.why);
  const iso = now.toISOString();
  if (input.expiresAt !== null && input.expiresAt <= iso) throw appError('invalid_input', 'permissions.expiryPast');
  const same = db
    .prepare(
      `SELECT 1 FROM permission_entries WHERE value = ? AND kind = ? AND scope = ? AND expired_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`,
    )
    .get(key.value, input.kind, input.scope, iso);
  if (same) return null;
  const uid = randomUUID();
  const row = { uid, kind: input.kind, value: key.value, scope: input.scope, source: input.source, note: input.note, added_at: iso, added_by: actor.name, expires_at: input.expiresAt };
  insertEntry(db, row);
  enqueuePermissionChange(db, {
    type: 'entry',
    uid,
    kind: row.kind,
    value: row.value,
    scope: row.scope,
    source: row.source,
    note: row.note,
    addedAt: iso,
    addedBy: actor.name,
    expiresAt: row.expires_at,
  });
  audit(db, { at: iso, actorId: actor.id, action: 'permissions.add', entity: 'permission_entries', entityId: uid, detail: { kind: row.kind, scope: row.scope, source: row.source, count: 1 } });
  return getEntry(db, uid) ?? null;
}

/** Expires an entry or a list by its uid (a manager's act), with its change for the hub. */
export function expire(db: Db, actor: { id: string; name: string }, uid: string, now: Date): 'entry' | 'list' {
  const iso = now.toISOString();
  if (getEntry(db, uid)) {
    if (!expireEntry(db, uid, iso, actor.name)) throw appError('conflict', 'permissions.entryExpired');
    enqueuePermissionChange(db, { type: 'entry.expired', uid: randomUUID(), entryUid: uid, expiredAt: iso, expiredBy: actor.name });
    audit(db, { at: iso, actorId: actor.id, action: 'permissions.expire', entity: 'permission_entries', entityId: uid, detail: { count: 1 } });
    return 'entry';
  }
  const list = getList(db, uid);
  if (list) {
    if (!expireList(db, uid, iso, actor.name)) throw appError('conflict', 'permissions.listExpired');
    enqueuePermissionChange(db, { type: 'list.expired', uid: randomUUID(), listUid: uid, expiredAt: iso, expiredBy: actor.name });
    audit(db, { at: iso, actorId: actor.id, action: 'permissions.expire', entity: 'permission_lists', entityId: uid, detail: { count: list.size } });
    return 'list';
  }
  throw appError('not_found', 'permissions.notFound');
}

/**
 * The agent's "Do not contact" outcome, inside the call's own transaction: entries for the
 * customer's id, number and email, scope everything, on the customer's word.
 */
export function recordDoNotContact(db: Db, caller: { id: string; name: string }, customer: CustomerContact, now: Date): void {
  const add = (kind: PermissionKind, value: string | null) => {
    if (value === null || value.trim() === '') return;
    if (!ledgerValue(db, kind, value).ok) return;
    addEntry(db, caller, { kind, value, scope: 'all', source: 'customer', note: 'Asked on a call not to be contacted', expiresAt: null }, now);
  };
  add('customer', customer.external_id);
  add('phone', customer.phone);
  add('email', customer.email);
  applyLedger(db, now);
}
