import { createHash } from 'node:crypto';
import type { Db } from '../open';
import { expectOneRow, prepared, preparedValue } from '../statements';
import { emailKey, type ContactBlock, type PermissionKind, type PermissionScope } from '../../shared/domain/permissions';
import type { PermissionChange } from '../../shared/sync/permissionsHubApi';
import { toE164 } from '../../shared/domain/phoneE164';
import { getSetting, setSetting } from './settings';
import { isEmailAddress } from '../../shared/domain/emailAddress';

/**
 * An erased customer's number, email or id as the ledger keeps it: one-way, so it can be matched
 * (the number is never called again) but never read back.
 */
export function hashedKey(value: string): string {
  return `sha256:${createHash('sha256').update(`winback.erased.v1:${value}`).digest('hex')}`;
}

/** Active: not expired by a manager, and not past its own expiry. `@now` is an ISO instant. */
const ACTIVE = '(expired_at IS NULL AND (expires_at IS NULL OR expires_at > @now))';

export interface EntryRow {
  id: number;
  uid: string;
  kind: PermissionKind;
  value: string;
  scope: PermissionScope;
  source: 'customer' | 'manager';
  note: string | null;
  added_at: string;
  added_by: string;
  expires_at: string | null;
  expired_at: string | null;
  expired_by: string | null;
}

export interface ListRow {
  id: number;
  uid: string;
  name: string;
  scope: PermissionScope;
  registry: number;
  size: number;
  added_at: string;
  added_by: string;
  expires_at: string | null;
  expired_at: string | null;
  expired_by: string | null;
}

export type NewEntry = Omit<EntryRow, 'id' | 'expired_at' | 'expired_by'>;

/** Adds an entry; one the ledger already has (the same uid, pulled again) changes nothing. */
export function insertEntry(db: Db, e: NewEntry): boolean {
  return (
    prepared(
      db,
      `INSERT INTO permission_entries (uid, kind, value, scope, source, note, added_at, added_by, expires_at)
       VALUES (@uid, @kind, @value, @scope, @source, @note, @added_at, @added_by, @expires_at) ON CONFLICT(uid) DO NOTHING`,
    ).run(e).changes === 1
  );
}

export function getEntry(db: Db, uid: string): EntryRow | undefined {
  return prepared(db, 'SELECT * FROM permission_entries WHERE uid = ?').get(uid) as EntryRow | undefined;
}

export function getList(db: Db, uid: string): ListRow | undefined {
  return prepared(db, 'SELECT * FROM permission_lists WHERE uid = ?').get(uid) as ListRow | undefined;
}

/** Marks an entry expired; one already expired keeps its first expiry. */
export function expireEntry(db: Db, uid: string, at: string, by: string): boolean {
  return prepared(db, 'UPDATE permission_entries SET expired_at = ?, expired_by = ? WHERE uid = ? AND expired_at IS NULL').run(at, by, uid).changes === 1;
}

export function expireList(db: Db, uid: string, at: string, by: string): boolean {
  return prepared(db, 'UPDATE permission_lists SET expired_at = ?, expired_by = ? WHERE uid = ? AND expired_at IS NULL').run(at, by, uid).changes === 1;
}

export type NewList = Omit<ListRow, 'id' | 'expired_at' | 'expired_by'>;

/** Adds a list (no values yet) and gives its row id; a list the ledger has already gives null. */
export function insertList(db: Db, l: NewList): number | null {
  const result = prepared(
    db,
    `INSERT INTO permission_lists (uid, name, scope, registry, size, added_at, added_by, expires_at)
     VALUES (@uid, @name, @scope, @registry, @size, @added_at, @added_by, @expires_at) ON CONFLICT(uid) DO NOTHING`,
  ).run(l);
  return result.changes === 1 ? Number(result.lastInsertRowid) : null;
}

/** Adds values to a list, each once. */
export function insertListValues(db: Db, listId: number, values: Iterable<string>): number {
  const add = prepared(db, 'INSERT INTO permission_list_values (value, list_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
  let added = 0;
  for (const v of values) added += add.run(v, listId).changes;
  return added;
}

export function listIdOf(db: Db, uid: string): number | undefined {
  return prepared(db, 'SELECT id FROM permission_lists WHERE uid = ?').pluck().get(uid) as number | undefined;
}

interface BlockRow {
  scope: PermissionScope;
  source: 'customer' | 'manager' | 'list';
  since: string;
  by: string;
  expires_at: string | null;
  registry?: number;
}

function toBlock(r: BlockRow): ContactBlock {
  return { scope: r.scope, source: r.source, since: r.since, by: r.by, expiresAt: r.expires_at, ...(r.registry === 1 ? { registry: true } : {}) };
}

export interface ContactKeys {
  /** E.164, or null when the customer has no readable number. */
  phone: string | null;
  /** As keyed (lower case), or null. */
  email: string | null;
  externalId: string | null;
  /** The customer's departure day: a registry list spares them while the relationship window lasts. */
  departedAt?: string | null;
}

/**
 * The earliest active entry that stops this contact on this channel, or null. Each key is one
 * indexed lookup: the dial button asks this before it opens anything.
 */
export function activeBlock(db: Db, keys: ContactKeys, channel: 'call' | 'email', now: string): ContactBlock | null {
  const cutoff = relationshipCutoff(db, new Date(now));
  const scopes = { a: channel, b: 'all', now };
  const found: BlockRow[] = [];
  const entry = prepared(
    db,
    `SELECT scope, source, added_at AS since, added_by AS by, expires_at FROM permission_entries
     WHERE value = @value AND kind = @kind AND scope IN (@a, @b) AND ${ACTIVE} ORDER BY added_at LIMIT 1`,
  );
  const list = prepared(
    db,
    `SELECT l.scope, 'list' AS source, l.added_at AS since, l.added_by || ' (list "' || l.name || '")' AS by, l.expires_at, l.registry
     FROM permission_list_values v JOIN permission_lists l ON l.id = v.list_id
     WHERE v.value = @value AND l.scope IN (@a, @b) AND l.expired_at IS NULL AND (l.expires_at IS NULL OR l.expires_at > @now)
       AND (l.registry = 0 OR @cutoff IS NULL OR @departed IS NULL OR @departed < @cutoff)
     ORDER BY l.added_at LIMIT 1`,
  );
  const hashed = hasHashedEntries(db);
  const look = (kind: PermissionKind, value: string | null) => {
    if (value === null || value === '') return;
    const e = entry.get({ ...scopes, kind, value }) as BlockRow | undefined;
    if (e) found.push(e);
    const h = hashed ? (entry.get({ ...scopes, kind, value: hashedKey(value) }) as BlockRow | undefined) : undefined;
    if (h) found.push(h);
    if (kind !== 'customer') {
      const l = list.get({ ...scopes, value, cutoff, departed: keys.departedAt ?? null }) as BlockRow | undefined;
      if (l) found.push(l);
    }
  };
  look('phone', keys.phone);
  look('email', keys.email);
  look('customer', keys.externalId);
  if (found.length === 0) return null;
  found.sort((x, y) => x.since.localeCompare(y.since));
  return toBlock(found[0] as BlockRow);
}

/** Customers whose number has not been read into E.164 yet (new, or the number changed). */
export function customersWithoutPhoneKey(db: Db): { id: number; phone: string }[] {
  return db.prepare('SELECT id, phone FROM customers WHERE phone_key IS NULL AND phone IS NOT NULL').all() as { id: number; phone: string }[];
}

export function setPhoneKeys(db: Db, keys: readonly { id: number; key: string }[]): void {
  const set = prepared(db, 'UPDATE customers SET phone_key = ? WHERE id = ?');
  for (const k of keys) set.run(k.key, k.id);
}

/**
 * Every scope the active ledger holds against a customer, as ',call,all,email,': entries by the
 * customer's E.164 number, email and id, and lists by number and email (a registry list only once
 * the customer's departure is past the relationship window), as activeBlock reads them one by one.
 * Entries keyed by a hash (an erased customer's keys) are matched in JavaScript: blockHashedMatches.
 */
/**
 * The scopes the active ledger gives a customer row `c`, as ",call,all," and so on, from the parts
 * of the ledger that hold anything: on a console whose ledger is empty (most imports into a new
 * one), each row's four lookups cost more than the rest of its flags together.
 */
function ledgerScopes(parts: LedgerParts): string {
  const entries = (kind: 'phone' | 'email' | 'customer', value: string) =>
    parts[kind]
      ? `coalesce((SELECT group_concat(e.scope) FROM permission_entries e
      WHERE e.value = ${value} AND e.kind = '${kind}' AND e.expired_at IS NULL AND (e.expires_at IS NULL OR e.expires_at > @now)), '')`
      : "''";
  const lists = parts.lists
    ? `coalesce((SELECT group_concat(l.scope) FROM permission_list_values v JOIN permission_lists l ON l.id = v.list_id
      WHERE v.value IN (nullif(c.phone_key, ''), lower(trim(c.email))) AND l.expired_at IS NULL AND (l.expires_at IS NULL OR l.expires_at > @now)
        AND (l.registry = 0 OR @cutoff IS NULL OR c.departed_at IS NULL OR c.departed_at < @cutoff)), '')`
    : "''";
  return `',' || ${entries('phone', "nullif(c.phone_key, '')")} || ',' || ${entries('email', 'lower(trim(c.email))')} || ',' || ${entries('customer', 'c.external_id')} || ',' || ${lists} || ','`;
}

/** Which parts of the ledger hold any row (expired or not: an empty part is only left out, never misread). */
interface LedgerParts {
  phone: boolean;
  email: boolean;
  customer: boolean;
  lists: boolean;
  objections: boolean;
}

function ledgerParts(db: Db): LedgerParts {
  const entries = (kind: string) => preparedValue(db, 'SELECT EXISTS (SELECT 1 FROM permission_entries WHERE kind = ?)').get(kind) === 1;
  return {
    phone: entries('phone'),
    email: entries('email'),
    customer: entries('customer'),
    lists: preparedValue(db, 'SELECT EXISTS (SELECT 1 FROM permission_list_values)').get() === 1,
    objections: preparedValue(db, "SELECT EXISTS (SELECT 1 FROM outreach_objections WHERE channel = 'email')").get() === 1,
  };
}

/**
 * Which rows a refresh works on: every customer (a ledger write, whose change may touch anyone), or
 * only those whose keys changed since their flags were last worked out.
 */
export type RefreshScope = 'all' | 'stale';
const ROWS: Record<RefreshScope, string> = { all: '1', stale: 'c.contact_stale = 1' };

const withEmailCheck = new WeakSet<Db>();

/** SQL cannot read an address the way the sender does: the check comes from here. */
function registerEmailCheck(db: Db): void {
  if (withEmailCheck.has(db)) return;
  db.function('winback_is_email', { deterministic: true }, (value: unknown) => (typeof value === 'string' && isEmailAddress(value) ? 1 : 0));
  withEmailCheck.add(db);
}

/**
 * Sets `call_blocked`, `email_blocked` and `post_blocked` from the active ledger (and, for email,
 * the unsubscribes pulled from the hub), and for rows whose keys changed whether their email can
 * be written to; with `clear`, marks those rows worked out in the same write. Only rows that change
 * are written, each once. An erased customer's row holds none of their keys any more: their hashed
 * entries keep them blocked everywhere.
 */
export function refreshContactBlocks(db: Db, now: string, scope: RefreshScope = 'all', clear = false): { changed: number } {
  registerEmailCheck(db);
  const parts = ledgerParts(db);
  const objected = parts.objections ? "EXISTS (SELECT 1 FROM outreach_objections o WHERE o.external_id = y.external_id AND o.channel = 'email')" : '0';
  const result = prepared(
    db,
    `UPDATE customers AS t SET call_blocked = x.call_blocked, email_blocked = x.email_blocked, post_blocked = x.post_blocked,
         email_usable = x.email_usable, contact_stale = CASE WHEN @clear = 1 THEN 0 ELSE t.contact_stale END
       FROM (SELECT id, email_usable,
               erased OR instr(s, ',call,') > 0 OR instr(s, ',all,') > 0 AS call_blocked,
               erased OR instr(s, ',email,') > 0 OR instr(s, ',all,') > 0
                 OR ${objected} AS email_blocked,
               erased OR instr(s, ',all,') > 0 AS post_blocked
             FROM (SELECT c.id, c.external_id, c.external_id LIKE 'erased-%' AS erased, ${ledgerScopes(parts)} AS s,
                     CASE WHEN c.contact_stale = 1 THEN winback_is_email(c.email) ELSE c.email_usable END AS email_usable
                   FROM customers c WHERE ${ROWS[scope]}) AS y) AS x
       WHERE x.id = t.id AND (t.call_blocked IS NOT x.call_blocked OR t.email_blocked IS NOT x.email_blocked OR t.post_blocked IS NOT x.post_blocked
         OR t.email_usable IS NOT x.email_usable OR (@clear = 1 AND t.contact_stale = 1))`,
  ).run({ now, cutoff: relationshipCutoff(db, new Date(now)), clear: clear ? 1 : 0 });
  return { changed: result.changes };
}

/** Customers whose flags need working out again: a new row, or a number, email, id or departure changed. */
export function hasStaleContacts(db: Db): boolean {
  return prepared(db, 'SELECT EXISTS (SELECT 1 FROM customers WHERE contact_stale = 1)').pluck().get() === 1;
}

/**
 * Works out the contact flags of every customer (`all`, after a ledger write) or of those whose
 * keys changed (`stale`), inside the caller's transaction: numbers into E.164, whether the email
 * can be written to, then the ledger's blocks, hashed entries included.
 */
export function refreshContacts(db: Db, now: Date, scope: RefreshScope): { changed: number } {
  const country = deskCountry(db);
  const keys = customersWithoutPhoneKey(db).map((c) => {
    const e = toE164(c.phone, country);
    return { id: c.id, key: e.ok ? e.e164 : '' };
  });
  setPhoneKeys(db, keys);
  const iso = now.toISOString();
  // Hashed entries are matched after the SQL pass, on the same rows: only then are the rows marked worked out.
  const hashed = hasHashedEntries(db);
  const result = refreshContactBlocks(db, iso, scope, !hashed);
  if (hashed) {
    result.changed += blockHashedMatches(db, iso, scope);
    prepared(db, 'UPDATE customers SET contact_stale = 0 WHERE contact_stale = 1').run();
  }
  return result;
}

/**
 * Before anything reads the flags: an entry that has ended by itself frees its customers, and rows
 * whose keys changed are worked out (neither: a setting read and one index probe). True when it wrote.
 */
export function ensureContactsFresh(db: Db, now: Date): boolean {
  const expired = ensureLedgerFresh(db, now);
  if (!hasStaleContacts(db)) return expired;
  db.transaction(() => refreshContacts(db, now, 'stale'))();
  return true;
}

/** The next moment an active entry or list ends by itself, when the queue must look again. */
export function nextExpiry(db: Db, now: string): string | null {
  return (
    (db
      .prepare(
        `SELECT min(expires_at) FROM (
           SELECT expires_at FROM permission_entries WHERE expired_at IS NULL AND expires_at > @now
           UNION ALL SELECT expires_at FROM permission_lists WHERE expired_at IS NULL AND expires_at > @now)`,
      )
      .pluck()
      .get({ now }) as string | null) ?? null
  );
}

export function listEntries(db: Db, o: { search: string | null; includeExpired: boolean; now: string; limit: number }): EntryRow[] {
  const where: string[] = [];
  if (!o.includeExpired) where.push(ACTIVE);
  if (o.search) where.push('value = @search');
  return db
    .prepare(`SELECT * FROM permission_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY added_at DESC, id DESC LIMIT @limit`)
    .all({ now: o.now, search: o.search, limit: o.limit }) as EntryRow[];
}

export function listLists(db: Db): ListRow[] {
  return db.prepare('SELECT * FROM permission_lists ORDER BY added_at DESC, id DESC').all() as ListRow[];
}

/** Lists holding this value (the ledger view's search). */
export function listsHolding(db: Db, value: string): string[] {
  return db.prepare('SELECT l.uid FROM permission_list_values v JOIN permission_lists l ON l.id = v.list_id WHERE v.value = ?').pluck().all(value) as string[];
}

export function countEntries(db: Db, now: string): { active: number; expired: number; lists: number; listValues: number } {
  const row = db
    .prepare(
      `SELECT (SELECT count(*) FROM permission_entries WHERE ${ACTIVE}) AS active,
         (SELECT count(*) FROM permission_entries WHERE NOT ${ACTIVE}) AS expired,
         (SELECT count(*) FROM permission_lists WHERE ${ACTIVE}) AS lists,
         (SELECT coalesce(sum(size), 0) FROM permission_lists WHERE ${ACTIVE}) AS listValues`,
    )
    .get({ now }) as { active: number; expired: number; lists: number; listValues: number };
  return row;
}

export function enqueuePermissionChange(db: Db, change: PermissionChange): void {
  expectOneRow(prepared(db, 'INSERT INTO permission_outbox (uid, change) VALUES (?, ?)').run(change.uid, JSON.stringify(change)), 'enqueuePermissionChange');
}

export function pendingPermissionChanges(db: Db, limit: number): { seq: number; change: string }[] {
  return prepared(db, 'SELECT seq, change FROM permission_outbox ORDER BY seq LIMIT ?').all(limit) as { seq: number; change: string }[];
}

export function dropPermissionChanges(db: Db, upToSeq: number): void {
  prepared(db, 'DELETE FROM permission_outbox WHERE seq <= ?').run(upToSeq);
}

export function countPendingPermissionChanges(db: Db): number {
  return prepared(db, 'SELECT count(*) FROM permission_outbox').pluck().get() as number;
}

export const PERMISSION_KEYS = {
  /** The desk's country (ISO 3166 alpha-2): how national numbers are read. */
  country: 'permissions.defaultCountry',
  /** When the queue's blocks must be worked out again because an entry ends by itself. */
  nextExpiry: 'permissions.nextExpiry',
  /** The hub's cursor: the last change this desk holds. */
  cursor: 'permissions.hubCursor',
  /** When the ledger last heard from the hub. */
  syncedAt: 'permissions.syncedAt',
  /**
   * The established-relationship window in months, or null (off, the default): while it is on, a
   * number on a do-not-call registry list may still be called until the customer's departure is
   * this old (US rules allow 18 months after the last transaction).
   */
  relationshipMonths: 'permissions.relationshipMonths',
} as const;

export function deskCountry(db: Db): string | null {
  return getSetting<string | null>(db, PERMISSION_KEYS.country) ?? null;
}

/**
 * Reads every customer's number into E.164 that has not been read yet, then sets the contact flags
 * (`call_blocked`, `email_blocked`, `post_blocked`) of every customer from the active ledger, and
 * notes when an entry next ends by itself. Run inside the caller's transaction, after anything that
 * changes customers or the ledger.
 */
export function applyLedger(db: Db, now: Date): { changed: number } {
  const result = refreshContacts(db, now, 'all');
  setSetting(db, PERMISSION_KEYS.nextExpiry, nextExpiry(db, now.toISOString()));
  return result;
}

/** Before the queue is read: an entry that has ended by itself since the last look frees its customers. */
export function ensureLedgerFresh(db: Db, now: Date): boolean {
  const next = getSetting<string | null>(db, PERMISSION_KEYS.nextExpiry) ?? null;
  if (next === null || next > now.toISOString()) return false;
  db.transaction(() => applyLedger(db, now))();
  return true;
}


export interface CustomerContact {
  external_id: string;
  phone: string | null;
  email: string | null;
  departed_at?: string | null;
}

/** What stops this customer being called (or emailed) now, read from the ledger itself. */
export function customerBlock(db: Db, customer: CustomerContact, channel: 'call' | 'email', now: Date): ContactBlock | null {
  const phone = customer.phone === null ? null : toE164(customer.phone, deskCountry(db));
  return activeBlock(
    db,
    {
      phone: phone?.ok ? phone.e164 : null,
      email: customer.email === null ? null : emailKey(customer.email),
      externalId: customer.external_id,
      departedAt: customer.departed_at ?? null,
    },
    channel,
    now.toISOString(),
  );
}

/** What stops this number being dialled, whoever it belongs to. */
export function numberBlock(db: Db, number: string, now: Date): ContactBlock | null {
  const phone = toE164(number, deskCountry(db));
  if (!phone.ok) return null;
  return activeBlock(db, { phone: phone.e164, email: null, externalId: null }, 'call', now.toISOString());
}


function hasHashedEntries(db: Db): boolean {
  return prepared(db, "SELECT EXISTS (SELECT 1 FROM permission_entries WHERE value >= 'sha256:' AND value < 'sha256;')").pluck().get() === 1;
}

/**
 * Customers whose number, email or id matches an erased customer's hashed entry: SQL cannot hash,
 * so they are found here. Only run when an erasure has left a hashed entry.
 */
function blockHashedMatches(db: Db, now: string, scope: RefreshScope): number {
  const scopes = new Map<string, Set<string>>();
  const hashed = db
    .prepare(
      `SELECT kind || ' ' || value AS key, scope FROM permission_entries WHERE value >= 'sha256:' AND value < 'sha256;'
       AND expired_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`,
    )
    .all(now) as { key: string; scope: PermissionScope }[];
  for (const h of hashed) scopes.set(h.key, (scopes.get(h.key) ?? new Set()).add(h.scope));
  if (scopes.size === 0) return 0;
  const set = prepared(
    db,
    'UPDATE customers SET call_blocked = max(call_blocked, @call), email_blocked = max(email_blocked, @email), post_blocked = max(post_blocked, @post) WHERE id = @id',
  );
  let changed = 0;
  const rows = db
    .prepare(
      `SELECT id, phone_key, email, external_id, call_blocked, email_blocked, post_blocked FROM customers c
       WHERE ${ROWS[scope]} AND (call_blocked = 0 OR email_blocked = 0 OR post_blocked = 0)`,
    )
    .all() as { id: number; phone_key: string | null; email: string | null; external_id: string; call_blocked: number; email_blocked: number; post_blocked: number }[];
  for (const r of rows) {
    const held = new Set<string>();
    const look = (key: string) => scopes.get(key)?.forEach((s) => held.add(s));
    if (r.phone_key) look(`phone ${hashedKey(r.phone_key)}`);
    if (r.email) look(`email ${hashedKey(emailKey(r.email))}`);
    look(`customer ${hashedKey(r.external_id)}`);
    if (held.size === 0) continue;
    const all = held.has('all') ? 1 : 0;
    const next = { call: Math.max(all, held.has('call') ? 1 : 0), email: Math.max(all, held.has('email') ? 1 : 0), post: all };
    if (next.call > r.call_blocked || next.email > r.email_blocked || next.post > r.post_blocked) changed += set.run({ ...next, id: r.id }).changes;
  }
  return changed;
}

/** The day before which a departure is past the relationship window, or null when the window is off. */
export function relationshipCutoff(db: Db, now: Date): string | null {
  const months = getSetting<number | null>(db, PERMISSION_KEYS.relationshipMonths) ?? null;
  if (months === null) return null;
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff.toISOString().slice(0, 10);
}
