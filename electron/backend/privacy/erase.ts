import { randomUUID } from 'node:crypto';
import { openDatabase, type Db } from '../../../db/open';
import { audit } from '../../../db/repos/audit';
import { getCustomerRow } from '../../../db/repos/customers';
import { freeSpaceClean, markFreeSpaceClean } from '../../../db/repos/freeSpace';
import { deskCountry, enqueuePermissionChange, hashedKey, insertEntry } from '../../../db/repos/permissions';
import { emailKey, type PermissionKind } from '../../../shared/domain/permissions';
import { toE164 } from '../../../shared/domain/phoneE164';
import { ERASED_TEXT, erasedIdFromHash, erasedPayload } from '../../../shared/domain/erasure';
import type { PermissionChange } from '../../../shared/sync/permissionsHubApi';
import { appendToErasureLog, erasureLogPath, markErasureLogApplied, pendingErasures, type ErasureNotice } from './erasureLog';
import { appError } from '../i18n/errors';

export interface ErasureResult {
  /** The anonymous id the customer's record keeps, so reports still count it. */
  erasedAs: string;
  calls: number;
}

export interface Actor {
  id: string | null;
  name: string;
}

type Keys = [PermissionKind, string | null][];

interface Target {
  id: number;
  externalId: string;
  keys: Keys;
  notice: ErasureNotice;
}

/** The customer's id, number (E.164) and email as the ledger keys them. */
function keysOf(db: Db, row: { external_id: string; phone: string | null; email: string | null }): Keys {
  const phone = row.phone === null ? null : toE164(row.phone, deskCountry(db));
  return [
    ['customer', row.external_id],
    ['phone', phone?.ok ? phone.e164 : null],
    ['email', row.email === null ? null : emailKey(row.email)],
  ];
}

/** What every desk and the hub hear of an erasure: hashes only. */
export function noticeFor(keys: Keys, erasedAt: string, uid: string = randomUUID()): ErasureNotice {
  const hashOf = (kind: PermissionKind) => {
    const v = keys.find(([k]) => k === kind)?.[1] ?? null;
    return v === null ? null : hashedKey(v);
  };
  return { uid, idHash: hashOf('customer') ?? '', phoneHash: hashOf('phone'), emailHash: hashOf('email'), erasedAt };
}

/**
 * The ledger's hashed "do not contact at all" entries for an erasure. Their uids follow from the
 * erasure's, so the erasing desk, a desk that hears of it from the hub and a replay of the erasure
 * log all write the same entries once.
 */
function hashedEntries(notice: ErasureNotice, by: string): PermissionChange[] {
  const keys: [PermissionKind, string | null][] = [
    ['customer', notice.idHash],
    ['phone', notice.phoneHash],
    ['email', notice.emailHash],
  ];
  return keys
    .filter((k): k is [PermissionKind, string] => k[1] !== null)
    .map(([kind, value]) => ({
      type: 'entry',
      uid: `erased:${notice.uid}:${kind}`,
      kind,
      value,
      scope: 'all',
      source: 'manager',
      note: 'Erased on request',
      addedAt: notice.erasedAt,
      addedBy: by,
      expiresAt: null,
    }));
}

/**
 * Adds an erasure's hashed entries to the ledger; with `relay`, queues them and the erasure itself
 * for the hub (the desk where it was asked for). A change already queued (a replay) is not queued twice.
 */
function recordInLedger(db: Db, notice: ErasureNotice, by: string, relay: boolean): void {
  const queued = db.prepare('SELECT 1 FROM permission_outbox WHERE uid = ?').pluck();
  for (const e of hashedEntries(notice, by)) {
    if (e.type !== 'entry') continue;
    const added = insertEntry(db, { uid: e.uid, kind: e.kind, value: e.value, scope: e.scope, source: e.source, note: e.note, added_at: e.addedAt, added_by: e.addedBy, expires_at: e.expiresAt });
    if (relay && added && queued.get(e.uid) === undefined) enqueuePermissionChange(db, e);
  }
  if (relay && queued.get(notice.uid) === undefined) {
    enqueuePermissionChange(db, { type: 'erasure', uid: notice.uid, idHash: notice.idHash, phoneHash: notice.phoneHash, emailHash: notice.emailHash, erasedAt: notice.erasedAt, erasedBy: by });
  }
}

/** Plain ledger values of an erased customer become their hash: the entry still blocks, and nobody can read it back. */
function hashPlainLedgerValues(db: Db, keys: Keys): void {
  for (const [kind, value] of keys) {
    if (value === null) continue;
    const hash = hashedKey(value);
    db.prepare('UPDATE permission_entries SET value = ? WHERE kind = ? AND value = ?').run(hash, kind, value);
    if (kind !== 'customer') {
      db.prepare('UPDATE OR IGNORE permission_list_values SET value = ? WHERE value = ?').run(hash, value);
      db.prepare('DELETE FROM permission_list_values WHERE value = ?').run(value);
    }
  }
}

/** One customer's rows: texts cleared, the record made anonymous. Returns how many calls they had. */
function eraseCustomerRows(db: Db, target: Target, erasedAs: string, iso: string): string[] {
  const id = target.id;
  const callIds = db.prepare('SELECT id FROM calls WHERE customer_id = ?').pluck().all(id) as string[];
  db.prepare("UPDATE calls SET customer_words = '', summary = '', offer_skipped_because = CASE WHEN offer_skipped_because IS NULL THEN NULL ELSE ? END WHERE customer_id = ?").run(ERASED_TEXT, id);
  db.prepare("UPDATE call_stages SET note = '' WHERE call_id IN (SELECT id FROM calls WHERE customer_id = ?)").run(id);
  db.prepare("UPDATE call_amendments SET note = ?, old_values = '{}', new_values = '{}' WHERE call_id IN (SELECT id FROM calls WHERE customer_id = ?)").run(ERASED_TEXT, id);
  db.prepare('UPDATE feedback SET text = ? WHERE customer_id = ?').run(ERASED_TEXT, id);
  db.prepare('DELETE FROM call_drafts WHERE customer_id = ?').run(id);
  db.prepare("UPDATE care_enrolments SET relost_note = '' WHERE customer_id = ?").run(id);
  db.prepare("UPDATE care_reviews SET note = '', outreach_note = '' WHERE enrolment_id IN (SELECT id FROM care_enrolments WHERE customer_id = ?)").run(id);
  db.prepare('UPDATE outreach_members SET to_address = NULL, subject = NULL, body = NULL WHERE customer_id = ?').run(id);
  db.prepare(
    `UPDATE customers SET external_id = @erasedAs, name = NULL, company = NULL, phone = NULL, email = NULL, notes = NULL,
       phone_key = '', call_blocked = 1, do_not_contact = 1,
       stated_reason_text = CASE WHEN stated_reason_text IS NULL THEN NULL ELSE @erased END, updated_at = @now
     WHERE id = @id`,
  ).run({ erasedAs, erased: ERASED_TEXT, now: iso, id });
  return callIds;
}

/** Events and ledger changes waiting for the hub: the erased customers' ids become anonymous, their texts and plain keys go. */
function scrubOutboxes(db: Db, erased: readonly { target: Target; erasedAs: string; callIds: string[] }[]): void {
  const pending = db.prepare('SELECT seq, change FROM permission_outbox').all() as { seq: number; change: string }[];
  for (const p of pending) {
    let text = p.change;
    for (const { target } of erased) for (const [, value] of target.keys) if (value !== null) text = text.split(JSON.stringify(value)).join(JSON.stringify(hashedKey(value)));
    if (text !== p.change) db.prepare('UPDATE permission_outbox SET change = ? WHERE seq = ?').run(text, p.seq);
  }
  const events = db.prepare('SELECT seq, kind, payload FROM outbox').all() as { seq: number; kind: string; payload: string }[];
  if (events.length === 0) return;
  const mine = erased.map((e) => ({ externalId: e.target.externalId, erasedAs: e.erasedAs, calls: new Set(e.callIds) }));
  for (const e of events) {
    const payload = JSON.parse(e.payload) as Record<string, unknown>;
    for (const m of mine) {
      const out = erasedPayload(e.kind, payload, m.externalId, m.erasedAs, m.calls);
      if (out) {
        db.prepare('UPDATE outbox SET payload = ? WHERE seq = ?').run(JSON.stringify(out), e.seq);
        break;
      }
    }
  }
}

/**
 * After an erasure commits: a database from an older version is vacuumed once (its pages' free
 * space may hold copies of rows from before secure_delete was on), and old page images in the
 * write-ahead log are copied back and the log cut to nothing.
 */
function finishErasure(db: Db): void {
  if (!freeSpaceClean(db)) {
    db.exec('VACUUM');
    markFreeSpaceClean(db);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * Anyone else on an erased customer's number or address is now kept out by the hashed entry: set
 * here in one pass over the customers for the whole batch, rather than working out every
 * customer's block again (that alone takes most of a second on a large console).
 */
function blockSharedKeys(db: Db, targets: readonly Target[]): void {
  const phones = targets.map((t) => t.keys.find(([k]) => k === 'phone')?.[1] ?? null).filter((v): v is string => v !== null);
  const emails = targets.map((t) => t.keys.find(([k]) => k === 'email')?.[1] ?? null).filter((v): v is string => v !== null);
  if (phones.length === 0 && emails.length === 0) return;
  db.prepare(
    `UPDATE customers SET call_blocked = 1 WHERE call_blocked = 0 AND (phone_key IN (SELECT value FROM json_each(@phones))
       OR (email IS NOT NULL AND lower(trim(email)) IN (SELECT value FROM json_each(@emails))))`,
  ).run({ phones: JSON.stringify(phones), emails: JSON.stringify(emails) });
}

export interface EraseOptions {
  /** Queue the erasure for the hub (false when it came from the hub). Default true. */
  relay?: boolean;
  /** The audit row: one per customer erased by hand, one per run for retention. Default 'each'. */
  audit?: 'each' | { action: string };
  /** The erasure is in the erasure log already (a replay of it): not written there again. */
  alreadyLogged?: boolean;
  /** Leave the WAL checkpoint to the caller (the benchmark times the erasure without it). */
  skipCheckpoint?: boolean;
}

/**
 * Erases customers' personal data from this console. What stays is anonymous and keeps every
 * report's totals: the reason (as its taxonomy id), revenue, segment, product, outcomes and dates.
 * Removed: the name, company, phone, email and notes; the customer's words and every free text of
 * their calls (stage notes, summaries, amendment notes, feedback quoting them); their draft; the
 * addresses and bodies of their outreach emails; their stated reason as written; the texts of their
 * events in the outbox. Their number, email and id stay on the ledger only hashed one way, so they
 * are never contacted again and never read back.
 *
 * Order matters for backups: the erasure log beside the database (erasureLog.ts) is written and
 * flushed first, so a backup restored later, or a crash between the two, can never bring back a
 * customer whose erasure was asked for. The bytes go too: the writes run with `secure_delete` on
 * (freed space is overwritten with zeros), and the write-ahead log is checkpointed and truncated
 * afterwards, so neither the database file nor its -wal holds the old values.
 */
export function eraseCustomers(
  db: Db,
  actor: Actor,
  customers: readonly { id: number; notice?: ErasureNotice }[],
  now: Date,
  options: EraseOptions = {},
): ErasureResult[] {
  const iso = now.toISOString();
  const targets: Target[] = [];
  for (const c of customers) {
    const row = getCustomerRow(db, c.id);
    if (!row) throw appError('not_found', 'customer.notFound', { id: String(c.id) });
    if (row.external_id.startsWith('erased-')) throw appError('conflict', 'privacy.alreadyErased');
    const keys = keysOf(db, row);
    targets.push({ id: row.id, externalId: row.external_id, keys, notice: c.notice ?? noticeFor(keys, iso) });
  }
  if (targets.length === 0) return [];
  const logged = options.alreadyLogged ? null : appendToErasureLog(db, targets.map((t) => t.notice));
  const secure = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  const results: ErasureResult[] = [];
  try {
    db.transaction(() => {
      const erased: { target: Target; erasedAs: string; callIds: string[] }[] = [];
      for (const target of targets) {
        const erasedAs = erasedIdFromHash(target.notice.idHash);
        hashPlainLedgerValues(db, target.keys);
        recordInLedger(db, target.notice, actor.name, options.relay !== false);
        const callIds = eraseCustomerRows(db, target, erasedAs, iso);
        erased.push({ target, erasedAs, callIds });
        results.push({ erasedAs, calls: callIds.length });
        if (options.audit === undefined || options.audit === 'each') {
          audit(db, { at: iso, actorId: actor.id, action: 'privacy.erase', entity: 'customers', detail: { calls: callIds.length, count: 1 } });
        }
      }
      scrubOutboxes(db, erased);
      blockSharedKeys(db, targets);
      if (options.audit !== undefined && options.audit !== 'each') audit(db, { at: iso, actorId: actor.id, action: options.audit.action, entity: 'customers', detail: { count: targets.length } });
      markErasureLogApplied(db, logged);
    })();
    if (!options.skipCheckpoint) finishErasure(db);
  } finally {
    db.pragma(`secure_delete = ${secure}`);
  }
  return results;
}

/** Erases one customer on a manager's request (the customer card, `winback erase`). */
export function eraseCustomer(db: Db, actor: Actor, customerId: number, now: Date): ErasureResult {
  const [result] = eraseCustomers(db, actor, [{ id: customerId }], now);
  if (!result) throw appError('not_found', 'customer.notFound', { id: String(customerId) });
  return result;
}

/**
 * An erasure heard of from elsewhere (the hub, or the erasure log after a restore): the customer
 * it names is erased here if this desk holds them, and their number and email, wherever this desk's
 * ledger holds them in plain, become the hash. Customers are found by hashing their ids: SQL cannot hash.
 */
export function applyErasureNotices(
  db: Db,
  notices: readonly ErasureNotice[],
  by: string,
  now: Date,
  options: { relay: boolean; alreadyLogged: boolean; action: string },
): { erased: number } {
  // An erasure this desk has applied already (it asked for it, or heard of it before) left its hashed entries.
  const applied = db.prepare('SELECT 1 FROM permission_entries WHERE uid = ?').pluck();
  notices = notices.filter((n) => applied.get(`erased:${n.uid}:customer`) === undefined);
  if (notices.length === 0) return { erased: 0 };
  const wanted = new Map(notices.map((n) => [n.idHash, n]));
  const found: { id: number; notice: ErasureNotice }[] = [];
  const rows = db.prepare("SELECT id, external_id FROM customers WHERE external_id NOT LIKE 'erased-%'").all() as { id: number; external_id: string }[];
  for (const r of rows) {
    const notice = wanted.get(hashedKey(r.external_id));
    if (notice) found.push({ id: r.id, notice });
  }
  const held = new Set(found.map((f) => f.notice.uid));
  const elsewhere = notices.filter((n) => !held.has(n.uid));
  if (found.length > 0) eraseCustomers(db, { id: null, name: by }, found, now, { relay: options.relay, alreadyLogged: options.alreadyLogged, audit: { action: options.action } });
  if (elsewhere.length > 0) {
    const secure = db.pragma('secure_delete', { simple: true }) as number;
    db.pragma('secure_delete = ON');
    try {
      // Logged too, so a backup restored on this desk later cannot bring back their number either.
      const logged = options.alreadyLogged ? null : appendToErasureLog(db, elsewhere);
      db.transaction(() => {
        hashLedgerValuesByHash(db, elsewhere);
        markErasureLogApplied(db, logged);
        for (const n of elsewhere) recordInLedger(db, n, by, options.relay);
      })();
      finishErasure(db);
    } finally {
      db.pragma(`secure_delete = ${secure}`);
    }
  }
  return { erased: found.length };
}

/** Plain ledger values whose hash an erasure names (a number relayed from another desk, a list holding it). */
function hashLedgerValuesByHash(db: Db, notices: readonly ErasureNotice[]): void {
  const hashes = new Set<string>();
  for (const n of notices) for (const h of [n.phoneHash, n.emailHash, n.idHash]) if (h !== null) hashes.add(h);
  const entries = db.prepare("SELECT id, value FROM permission_entries WHERE value NOT LIKE 'sha256:%'").all() as { id: number; value: string }[];
  const setEntry = db.prepare('UPDATE permission_entries SET value = ? WHERE id = ?');
  for (const e of entries) {
    const h = hashedKey(e.value);
    if (hashes.has(h)) setEntry.run(h, e.id);
  }
  const plain: string[] = [];
  for (const v of db.prepare("SELECT DISTINCT value FROM permission_list_values WHERE value NOT LIKE 'sha256:%'").pluck().iterate() as IterableIterator<string>) {
    if (hashes.has(hashedKey(v))) plain.push(v);
  }
  for (const v of plain) {
    const h = hashedKey(v);
    db.prepare('UPDATE OR IGNORE permission_list_values SET value = ? WHERE value = ?').run(h, v);
    db.prepare('DELETE FROM permission_list_values WHERE value = ?').run(v);
  }
}

/**
 * Replays the erasures of the log beside the database that it has not applied (a restored or
 * older backup): before the console, a command or a restore lets anything read it.
 */
export function applyErasureLog(db: Db, now: Date, logPath: string = erasureLogPath(db.name)): { erased: number } {
  const { notices, end } = pendingErasures(db, logPath);
  const result = applyErasureNotices(db, notices, 'the erasure log', now, { relay: true, alreadyLogged: true, action: 'privacy.erase.replayed' });
  db.transaction(() => markErasureLogApplied(db, end))();
  return result;
}

/**
 * For a restore (db/backup.ts, restoreDatabase): the checked copy of the backup, brought up to
 * this version, gets every erasure logged beside the database it will replace, before it takes
 * that database's place. Nothing can read the copy meanwhile: it is not the database yet.
 */
export function replayErasuresBeforeRestore(targetDbPath: string, now: Date): (copy: string) => void {
  return (copy) => {
    const db = openDatabase(copy, { beforeMigrating: () => undefined });
    try {
      applyErasureLog(db, now, erasureLogPath(targetDbPath));
    } finally {
      db.close();
    }
  };
}
