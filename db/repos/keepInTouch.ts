import type { Db } from '../open';
import { hashedKey, relationshipCutoff } from './permissions';
import { isEmailAddress } from '../../shared/domain/emailAddress';

/**
 * The keep-in-touch list: departed customers not won back whom the company may still contact,
 * worked out in one SQL pass over the customers (indexed lookups per customer, no JS loop), kept
 * in a temporary table per filter so the view's pages, its groups and the command read it again
 * without working it out again.
 *
 * The per-channel rules are those of electron/backend/outreach/mayContact.ts (the ledger by phone,
 * email and customer id, with the registry window; unsubscribes pulled from the hub; a wrong number
 * on the last call; an address that can be written to) plus the customer's latest consent answer on
 * that channel: test/unit/keep-in-touch.test.ts holds the two to the same answers customer by
 * customer.
 */

export interface KeepInTouchFilters {
  reasonId?: string | undefined;
  categoryId?: string | undefined;
  segment?: string | undefined;
  product?: string | undefined;
  cycleId?: string | undefined;
  /** Departed at least this many days ago. */
  minAgeDays?: number | undefined;
  /** Departed at most this many days ago. */
  maxAgeDays?: number | undefined;
}

export interface KeepInTouchRow {
  id: number;
  external_id: string;
  name: string | null;
  segment: string | null;
  product: string | null;
  cycle_id: string | null;
  departed_at: string;
  monthly_revenue: number | null;
  reason_id: string | null;
  reason_source: 'diagnosed' | 'stated' | 'none';
  category_id: string | null;
  stated_reason_text: string | null;
  last_outcome: string | null;
  last_call_at: string | null;
  last_message_at: string | null;
  consent_phone: string | null;
  consent_email: string | null;
  consent_post: string | null;
  phone_open: number;
  email_open: number;
  post_open: number;
}

export interface KeepInTouchGroupRow {
  reason_id: string | null;
  reason_name: string | null;
  category_id: string | null;
  category_name: string | null;
  customers: number;
  revenue: number;
}

const ACTIVE_ENTRY = 'e.expired_at IS NULL AND (e.expires_at IS NULL OR e.expires_at > @now)';

/**
 * One row per departed customer with what the rules need, each read once (MATERIALIZED): the
 * latest call (its time and outcome in one seek of calls_customer_latest, migration 018), the
 * latest diagnosis, the latest consent per channel, and the scopes of the ledger's active entries
 * and lists that hold any of the customer's keys (as activeBlock reads the ledger: by E.164
 * number, email and customer id; lists by number and email, a registry list only past the
 * relationship window), three seeks for entries and two for lists instead of one per scope.
 */
const BASE = `
base AS MATERIALIZED (
  SELECT c.id, c.external_id, c.name, c.segment, c.product, c.cycle_id, c.departed_at, c.monthly_revenue,
    c.stated_reason_id, c.stated_reason_text, c.phone, c.call_blocked,
    winback_is_email(c.email) AS email_usable,
    (SELECT k.completed_at || ' ' || k.outcome FROM calls k WHERE k.customer_id = c.id ORDER BY k.completed_at DESC, k.id DESC LIMIT 1) AS latest_call,
    (SELECT k.primary_reason_id FROM calls k WHERE k.customer_id = c.id AND k.primary_reason_id IS NOT NULL
       ORDER BY k.completed_at DESC, k.id DESC LIMIT 1) AS diagnosed_reason_id,
    (SELECT max(coalesce(m.sent_at, m.exported_at)) FROM outreach_members m WHERE m.customer_id = c.id) AS last_message_at,
    (SELECT s.answer FROM consents s WHERE s.customer_id = c.id AND s.channel = 'phone' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1) AS consent_phone,
    (SELECT s.answer FROM consents s WHERE s.customer_id = c.id AND s.channel = 'email' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1) AS consent_email,
    (SELECT s.answer FROM consents s WHERE s.customer_id = c.id AND s.channel = 'post' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1) AS consent_post,
    (SELECT group_concat(e.scope) FROM permission_entries e
       WHERE ((e.kind = 'phone' AND e.value = nullif(c.phone_key, '')) OR (e.kind = 'email' AND e.value = lower(trim(c.email)))
         OR (e.kind = 'customer' AND e.value = c.external_id)) AND ${ACTIVE_ENTRY}) AS entry_scopes,
    (SELECT group_concat(l.scope) FROM permission_list_values v JOIN permission_lists l ON l.id = v.list_id
       WHERE v.value IN (nullif(c.phone_key, ''), lower(trim(c.email)))
         AND l.expired_at IS NULL AND (l.expires_at IS NULL OR l.expires_at > @now)
         AND (l.registry = 0 OR @cutoff IS NULL OR c.departed_at < @cutoff)) AS list_scopes,
    CASE WHEN @hashed = 1 THEN (SELECT group_concat(e.scope) FROM permission_entries e
       WHERE ((e.kind = 'phone' AND e.value = winback_hashed_key(nullif(c.phone_key, ''))) OR (e.kind = 'email' AND e.value = winback_hashed_key(lower(trim(c.email))))
         OR (e.kind = 'customer' AND e.value = winback_hashed_key(c.external_id))) AND ${ACTIVE_ENTRY}) END AS hashed_scopes
  FROM customers c
  WHERE c.departed_at IS NOT NULL AND c.do_not_contact = 0 AND c.returned_on IS NULL
    AND c.external_id NOT LIKE 'erased-%'
    AND (@segment IS NULL OR c.segment = @segment)
    AND (@product IS NULL OR c.product = @product)
    AND (@cycle IS NULL OR c.cycle_id = @cycle)
    AND (@departedBefore IS NULL OR c.departed_at < @departedBefore)
    AND (@departedSince IS NULL OR c.departed_at >= @departedSince)
),
reasoned AS MATERIALIZED (
  SELECT b.*, coalesce(b.diagnosed_reason_id, b.stated_reason_id) AS reason_id,
    CASE WHEN b.diagnosed_reason_id IS NOT NULL THEN 'diagnosed' WHEN b.stated_reason_id IS NOT NULL THEN 'stated' ELSE 'none' END AS reason_source,
    r.category_id, coalesce(rc.recoverable, 1) AS recoverable,
    substr(b.latest_call, 1, instr(b.latest_call, ' ') - 1) AS last_call_at,
    substr(b.latest_call, instr(b.latest_call, ' ') + 1) AS last_outcome,
    -- ',call,all,email,': the scopes of every entry and list that holds the customer, to look up by name.
    ',' || coalesce(b.entry_scopes, '') || ',' || coalesce(b.list_scopes, '') || ',' || coalesce(b.hashed_scopes, '') || ',' AS scopes
  FROM base b
  LEFT JOIN reasons r ON r.id = coalesce(b.diagnosed_reason_id, b.stated_reason_id)
  LEFT JOIN reason_categories rc ON rc.id = r.category_id
),
channels AS MATERIALIZED (
  SELECT b.*,
    (b.phone IS NOT NULL AND trim(b.phone) <> '' AND b.call_blocked = 0 AND coalesce(b.last_outcome, '') <> 'wrong_number'
      AND coalesce(b.consent_phone, '') <> 'no' AND instr(b.scopes, ',call,') = 0 AND instr(b.scopes, ',all,') = 0) AS phone_open,
    (b.email_usable = 1 AND coalesce(b.consent_email, '') <> 'no' AND instr(b.scopes, ',email,') = 0 AND instr(b.scopes, ',all,') = 0
      AND NOT EXISTS (SELECT 1 FROM outreach_objections o WHERE o.external_id = b.external_id AND o.channel = 'email')) AS email_open,
    (coalesce(b.consent_post, '') <> 'no' AND instr(b.scopes, ',all,') = 0) AS post_open
  FROM reasoned b
  WHERE b.recoverable = 1 AND coalesce(b.last_outcome, '') <> 'recovered'
    AND (@reason IS NULL OR b.reason_id = @reason)
    AND (@category IS NULL OR b.category_id = @category)
)`;

const registered = new WeakSet<Db>();

/** SQL cannot hash nor read an address the way the sender does: the two functions come from here. */
function registerFunctions(db: Db): void {
  if (registered.has(db)) return;
  db.function('winback_hashed_key', { deterministic: true }, (value: unknown) => (typeof value === 'string' && value !== '' ? hashedKey(value) : null));
  db.function('winback_is_email', { deterministic: true }, (value: unknown) => (typeof value === 'string' && isEmailAddress(value) ? 1 : 0));
  registered.add(db);
}

function daysBefore(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

function parameters(db: Db, filters: KeepInTouchFilters, now: Date) {
  const today = now.toISOString().slice(0, 10);
  const hashed = db.prepare("SELECT EXISTS (SELECT 1 FROM permission_entries WHERE value >= 'sha256:' AND value < 'sha256;')").pluck().get() as number;
  return {
    now: now.toISOString(),
    cutoff: relationshipCutoff(db, now),
    hashed,
    reason: filters.reasonId ?? null,
    category: filters.categoryId ?? null,
    segment: filters.segment ?? null,
    product: filters.product ?? null,
    cycle: filters.cycleId ?? null,
    // Departed at least N days ago: before the day N days back, counted from the start of today.
    departedBefore: filters.minAgeDays === undefined ? null : daysBefore(today, filters.minAgeDays - 1),
    departedSince: filters.maxAgeDays === undefined ? null : daysBefore(today, filters.maxAgeDays),
  };
}

const COLUMNS = `id, external_id, name, segment, product, cycle_id, departed_at, monthly_revenue, reason_id, reason_source, category_id,
  stated_reason_text, last_outcome, last_call_at, last_message_at, consent_phone, consent_email, consent_post, phone_open, email_open, post_open`;

interface Cached {
  key: string;
  version: string;
  groups: KeepInTouchGroupRow[];
}
const cache = new WeakMap<Db, Cached>();

/** Changes to the database since: another connection's commits (data_version) or this one's (total_changes). */
function version(db: Db): string {
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  const changes = db.prepare('SELECT total_changes()').pluck().get() as number;
  return `${dataVersion}:${changes}`;
}

/**
 * Works out the list for these filters into `temp.keep_in_touch`, unless it holds them already and
 * nothing has changed since, and gives its groups (biggest lost revenue first). Ordered by group
 * (the reason), then lost revenue, so a page is a range of row numbers: scrolling reads pages of
 * what is there, and only a change to the data or the filters works the list out again. An entry
 * of the ledger that ends by itself is such a change: ensureLedgerFresh writes when one has ended.
 * `beforeWork` runs only when the list is worked out again (it may write: the ledger's keys).
 */
export function materialiseKeepInTouch(db: Db, filters: KeepInTouchFilters, now: Date, beforeWork?: () => void): KeepInTouchGroupRow[] {
  registerFunctions(db);
  const params = parameters(db, filters, now);
  // Not the instant: an entry ending by itself is a write (ensureLedgerFresh), so the version covers it.
  const key = JSON.stringify({ ...params, now: params.now.slice(0, 10) });
  const held = cache.get(db);
  if (held && held.key === key && held.version === version(db)) return held.groups;
  beforeWork?.();
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS keep_in_touch (
    n INTEGER PRIMARY KEY, id INTEGER NOT NULL, external_id TEXT NOT NULL, name TEXT, segment TEXT, product TEXT, cycle_id TEXT,
    departed_at TEXT NOT NULL, monthly_revenue REAL, reason_id TEXT, reason_source TEXT NOT NULL, category_id TEXT, stated_reason_text TEXT,
    last_outcome TEXT, last_call_at TEXT, last_message_at TEXT, consent_phone TEXT, consent_email TEXT, consent_post TEXT,
    phone_open INTEGER NOT NULL, email_open INTEGER NOT NULL, post_open INTEGER NOT NULL)`);
  const groups = db.transaction(() => {
    db.exec('DELETE FROM temp.keep_in_touch');
    db.prepare(
      `INSERT INTO temp.keep_in_touch (${COLUMNS})
       WITH ${BASE}
       SELECT ${COLUMNS} FROM channels
       WHERE phone_open OR email_open OR post_open
       ORDER BY reason_id IS NULL, reason_id, monthly_revenue IS NULL, monthly_revenue DESC, id`,
    ).run(params);
    return db
      .prepare(
        `SELECT k.reason_id, r.name AS reason_name, k.category_id, rc.name AS category_name, count(*) AS customers, total(k.monthly_revenue) AS revenue
         FROM temp.keep_in_touch k
         LEFT JOIN reasons r ON r.id = k.reason_id
         LEFT JOIN reason_categories rc ON rc.id = k.category_id
         GROUP BY k.reason_id ORDER BY revenue DESC, customers DESC, r.name`,
      )
      .all() as KeepInTouchGroupRow[];
  })();
  cache.set(db, { key, version: version(db), groups });
  return groups;
}

/** Rows of the list last worked out, in the list's order. */
export function keepInTouchPage(db: Db, offset: number, limit: number): KeepInTouchRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM temp.keep_in_touch WHERE n > ? ORDER BY n LIMIT ?`).all(offset, limit) as KeepInTouchRow[];
}


/** Filter choices: what departed customers actually have. */
export function keepInTouchChoices(db: Db): { segments: string[]; products: string[] } {
  const distinct = (column: 'segment' | 'product') =>
    db.prepare(`SELECT DISTINCT ${column} FROM customers WHERE departed_at IS NOT NULL AND ${column} IS NOT NULL ORDER BY ${column}`).pluck().all() as string[];
  return { segments: distinct('segment'), products: distinct('product') };
}
