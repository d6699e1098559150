import type { Db } from '../open';
import { emailClosed, phoneClosed, postClosed, RECOVERABLE } from './contactRules';

/**
 * The keep-in-touch list: departed customers not won back whom the company may still contact,
 * worked out in one SQL pass over the customers' rows, kept in a temporary table per filter so the
 * view's pages, its groups and the command read it again without working it out again.
 *
 * Everything the rules read is on the customer's row (migration 20: the ledger's blocks per
 * channel, the latest consent per channel, the latest call's outcome and diagnosis), so the pass
 * makes no lookup per customer; the per-channel rules are db/repos/contactRules.ts, which
 * mayContact reads too. What is only shown (the last contact, the last message) is read per page.
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

/** Their reason: the latest call's diagnosis, else the one they stated when they left. */
const REASON = 'coalesce(c.diagnosed_reason_id, c.stated_reason_id)';

/**
 * The list's rows in its order, with what the groups and pages need. The order names the result's
 * own columns, so the sorter keeps each value once: customers with no reason come first (NULL),
 * then each reason's customers, most revenue first. Sorting is most of the list's time.
 */
const LIST_SQL = `
SELECT c.id AS id, ${REASON} AS reason_id, c.monthly_revenue AS monthly_revenue,
  (${phoneClosed('c', '1')}) IS NULL AS phone_open,
  (${emailClosed('c', '1')}) IS NULL AS email_open,
  (${postClosed('c', '1')}) IS NULL AS post_open
FROM customers c
WHERE c.departed_at IS NOT NULL AND c.do_not_contact = 0 AND c.returned_on IS NULL AND c.external_id NOT LIKE 'erased-%'
  AND coalesce(c.latest_call_outcome, '') <> 'recovered' AND ${RECOVERABLE('c')}
  AND (@segment IS NULL OR c.segment = @segment)
  AND (@product IS NULL OR c.product = @product)
  AND (@cycle IS NULL OR c.cycle_id = @cycle)
  AND (@departedBefore IS NULL OR c.departed_at < @departedBefore)
  AND (@departedSince IS NULL OR c.departed_at >= @departedSince)
  AND (@reason IS NULL OR ${REASON} = @reason)
  AND (@category IS NULL OR ${REASON} IN (SELECT r.id FROM reasons r WHERE r.category_id = @category))
  AND (phone_open OR email_open OR post_open)
ORDER BY reason_id, monthly_revenue DESC, id`;

function daysBefore(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

function parameters(filters: KeepInTouchFilters, now: Date) {
  const today = now.toISOString().slice(0, 10);
  return {
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

/** A page's rows: what the list worked out, with what is only shown read for these rows alone. */
const PAGE_SQL = `
SELECT k.id, c.external_id, c.name, c.segment, c.product, c.cycle_id, c.departed_at, k.monthly_revenue, k.reason_id,
  CASE WHEN c.diagnosed_reason_id IS NOT NULL THEN 'diagnosed' WHEN c.stated_reason_id IS NOT NULL THEN 'stated' ELSE 'none' END AS reason_source,
  r.category_id, c.stated_reason_text, c.latest_call_outcome AS last_outcome,
  (SELECT max(x.completed_at) FROM calls x WHERE x.customer_id = c.id) AS last_call_at,
  (SELECT max(coalesce(m.sent_at, m.exported_at)) FROM outreach_members m WHERE m.customer_id = c.id) AS last_message_at,
  c.consent_phone, c.consent_email, c.consent_post, k.phone_open, k.email_open, k.post_open
FROM temp.keep_in_touch k
JOIN customers c ON c.id = k.id
LEFT JOIN reasons r ON r.id = k.reason_id
WHERE k.n > ? ORDER BY k.n LIMIT ?`;

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
 * The caller brings the customers' contact flags up to date first (ensureContactsFresh).
 */
export function materialiseKeepInTouch(db: Db, filters: KeepInTouchFilters, now: Date): KeepInTouchGroupRow[] {
  const params = parameters(filters, now);
  // The day, not the instant: an entry ending by itself is a write (ensureLedgerFresh), so the version covers it.
  const key = JSON.stringify({ ...params, today: now.toISOString().slice(0, 10) });
  const held = cache.get(db);
  if (held && held.key === key && held.version === version(db)) return held.groups;
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS keep_in_touch (
    n INTEGER PRIMARY KEY, id INTEGER NOT NULL, reason_id TEXT, monthly_revenue REAL,
    phone_open INTEGER NOT NULL, email_open INTEGER NOT NULL, post_open INTEGER NOT NULL)`);
  const groups = db.transaction(() => {
    db.exec('DELETE FROM temp.keep_in_touch');
    db.prepare(`INSERT INTO temp.keep_in_touch (id, reason_id, monthly_revenue, phone_open, email_open, post_open) ${LIST_SQL}`).run(params);
    return db
      .prepare(
        `SELECT g.reason_id, r.name AS reason_name, r.category_id, rc.name AS category_name, g.customers, g.revenue
         FROM (SELECT reason_id, count(*) AS customers, total(monthly_revenue) AS revenue FROM temp.keep_in_touch GROUP BY reason_id) g
         LEFT JOIN reasons r ON r.id = g.reason_id
         LEFT JOIN reason_categories rc ON rc.id = r.category_id
         ORDER BY g.revenue DESC, g.customers DESC, r.name`,
      )
      .all() as KeepInTouchGroupRow[];
  })();
  cache.set(db, { key, version: version(db), groups });
  return groups;
}

/** Rows of the list last worked out, in the list's order. */
export function keepInTouchPage(db: Db, offset: number, limit: number): KeepInTouchRow[] {
  return db.prepare(PAGE_SQL).all(offset, limit) as KeepInTouchRow[];
}

/** Filter choices: what departed customers actually have. */
export function keepInTouchChoices(db: Db): { segments: string[]; products: string[] } {
  const distinct = (column: 'segment' | 'product') =>
    db.prepare(`SELECT DISTINCT ${column} FROM customers WHERE departed_at IS NOT NULL AND ${column} IS NOT NULL ORDER BY ${column}`).pluck().all() as string[];
  return { segments: distinct('segment'), products: distinct('product') };
}
