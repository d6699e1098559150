import { randomUUID } from 'node:crypto';
import { openDatabase, type Db } from '../../../db/open';
import { audit } from '../../../db/repos/audit';
import {
  clearPersonalData,
  erasureContacts,
  eventsAbout,
  hashPlainLedgerValues,
  lastPendingChangeSeq,
  pendingChangesHolding,
  rewriteEvent,
  rewritePendingChange,
  type PlainToHash,
} from '../../../db/repos/erasure';
import { freeSpaceClean, markFreeSpaceClean } from '../../../db/repos/freeSpace';
import { prepared } from '../../../db/statements';
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
function keysOf(country: string | null, row: { external_id: string; phone: string | null; email: string | null }): Keys {
  const phone = row.phone === null ? null : toE164(row.phone, country);
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
  const queued = prepared(db, 'SELECT 1 AS queued FROM permission_outbox WHERE uid = ?');
  for (const e of hashedEntries(notice, by)) {
    if (e.type !== 'entry') continue;
    const added = insertEntry(db, { uid: e.uid, kind: e.kind, value: e.value, scope: e.scope, source: e.source, note: e.note, added_at: e.addedAt, added_by: e.addedBy, expires_at: e.expiresAt });
    if (relay && added && queued.get(e.uid) === undefined) enqueuePermissionChange(db, e);
  }
  if (relay && queued.get(notice.uid) === undefined) {
    enqueuePermissionChange(db, { type: 'erasure', uid: notice.uid, idHash: notice.idHash, phoneHash: notice.phoneHash, emailHash: notice.emailHash, erasedAt: notice.erasedAt, erasedBy: by });
  }
}

/** The plain values of the batch's numbers, emails and ids, each with the hash the ledger keeps instead. */
function plainToHash(targets: readonly Target[]): PlainToHash[] {
  const seen = new Map<string, PlainToHash>();
  for (const t of targets) {
    for (const [kind, plain] of t.keys) {
      if (plain !== null && !seen.has(`${kind}:${plain}`)) seen.set(`${kind}:${plain}`, { kind, plain, hash: hashedKey(plain) });
    }
  }
  return [...seen.values()];
}

/** Replaces every text value found in `hashes` (not object keys) in a parsed JSON value. */
function withHashes(value: unknown, hashes: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return hashes.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => withHashes(v, hashes));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withHashes(v, hashes)]));
  return value;
}

/**
 * Events and ledger changes waiting for the hub: the erased customers' ids become anonymous, their
 * texts and plain keys go. Only the rows that name them are read (SQLite finds them), so a desk
 * with a long outbox does not parse all of it once per batch. Ledger changes queued by this
 * erasure (after `queuedBefore`) hold hashes only and are not looked at.
 */
function scrubOutboxes(db: Db, erased: readonly { target: Target; erasedAs: string; callIds: string[] }[], values: readonly PlainToHash[], queuedBefore: number): void {
  const hashes = new Map(values.map((v) => [v.plain, v.hash]));
  for (const p of pendingChangesHolding(db, [...hashes.keys()], queuedBefore)) {
    const text = JSON.stringify(withHashes(JSON.parse(p.change), hashes));
    if (text !== p.change) rewritePendingChange(db, p.seq, text);
  }
  // The first customer of the batch an event names (by id or by one of their calls) is the one it is about.
  const byId = new Map<string, number>();
  const byCall = new Map<string, number>();
  erased.forEach((e, i) => {
    if (!byId.has(e.target.externalId)) byId.set(e.target.externalId, i);
    for (const c of e.callIds) if (!byCall.has(c)) byCall.set(c, i);
  });
  const events = eventsAbout(db, [...byId.keys()], [...byCall.keys()]);
  const callSets = erased.map((e) => new Set(e.callIds));
  for (const e of events) {
    const payload = JSON.parse(e.payload) as Record<string, unknown>;
    const candidates = [
      typeof payload.externalId === 'string' ? byId.get(payload.externalId) : undefined,
      typeof payload.callId === 'string' ? byCall.get(payload.callId) : undefined,
    ].filter((i): i is number => i !== undefined);
    const i = Math.min(...candidates);
    const m = erased[i];
    const calls = callSets[i];
    if (!m || !calls) continue;
    const out = erasedPayload(e.kind, payload, m.target.externalId, m.erasedAs, calls);
    if (out) rewriteEvent(db, e.seq, JSON.stringify(out));
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
    `UPDATE customers SET call_blocked = 1, email_blocked = 1, post_blocked = 1
     WHERE (call_blocked = 0 OR email_blocked = 0 OR post_blocked = 0) AND (phone_key IN (SELECT value FROM json_each(@phones))
       OR (email IS NOT NULL AND lower(trim(email)) IN (SELECT value FROM json_each(@emails))))`,
  ).run({ phones: JSON.stringify(phones), emails: JSON.stringify(emails) });
}

/** The customers to erase, read in one query; an unknown or already erased one refuses the whole batch. */
function targetsOf(db: Db, customers: readonly { id: number; notice?: ErasureNotice }[], iso: string): Target[] {
  const rows = erasureContacts(db, customers.map((c) => c.id));
  const country = deskCountry(db);
  const targets: Target[] = [];
  const seen = new Set<number>();
  for (const c of customers) {
    const row = rows.get(c.id);
    if (!row) throw appError('not_found', 'customer.notFound', { id: String(c.id) });
    if (row.external_id.startsWith('erased-')) throw appError('conflict', 'privacy.alreadyErased');
    // Named twice in one batch: erased once.
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const keys = keysOf(country, row);
    targets.push({ id: row.id, externalId: row.external_id, keys, notice: c.notice ?? noticeFor(keys, iso) });
  }
  return targets;
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
  const targets = targetsOf(db, customers, iso);
  if (targets.length === 0) return [];
  const logged = options.alreadyLogged ? null : appendToErasureLog(db, targets.map((t) => t.notice));
  const secure = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  const results: ErasureResult[] = [];
  try {
    db.transaction(() => {
      const queuedBefore = lastPendingChangeSeq(db);
      const values = plainToHash(targets);
      hashPlainLedgerValues(db, values);
      for (const target of targets) recordInLedger(db, target.notice, actor.name, options.relay !== false);
      const batch = targets.map((t) => ({ id: t.id, erasedAs: erasedIdFromHash(t.notice.idHash), erasedAt: t.notice.erasedAt }));
      const callsOf = clearPersonalData(db, batch, ERASED_TEXT);
      const erased = targets.map((target, i) => ({ target, erasedAs: batch[i]?.erasedAs ?? '', callIds: callsOf.get(target.id) ?? [] }));
      for (const e of erased) {
        results.push({ erasedAs: e.erasedAs, calls: e.callIds.length });
        if (options.audit === undefined || options.audit === 'each') {
          audit(db, { at: iso, actorId: actor.id, action: 'privacy.erase', entity: 'customers', detail: { calls: e.callIds.length, count: 1 } });
        }
      }
      scrubOutboxes(db, erased, values, queuedBefore);
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
