import type { Db } from '../open';
import { prepared, preparedValue } from '../statements';
import type { Role } from '../../shared/domain/roles';
import { callableNowSql, type CallableNowRule } from './queueCallable';
import { ensureLedgerFresh } from './permissions';

/** Outcomes after which a customer is still worth another call. */
const OPEN_OUTCOMES = "('callback', 'no_answer', 'considering')";

export interface QueuePageFilter {
  search?: string | undefined;
  segment?: string | undefined;
  /** A reason category id, or 'unmapped' for stated reasons that map to no reason yet. */
  reasonCategory?: string | undefined;
  cycleId?: string | undefined;
  /** Manager only: a person's id, or 'unassigned'. */
  assignee?: string | undefined;
  viewer: { id: string; role: Role };
  now: string;
  maxAttempts: number;
  limit: number;
  offset: number;
  /** What "callable now" means at this instant; needed for the filter and the sort below. */
  callable?: CallableNowRule | undefined;
  /** Only customers who may be called now. */
  onlyCallable?: boolean | undefined;
  /** Priority (due callbacks first), callable now first then priority, or revenue. */
  sort?: 'priority' | 'callable' | 'revenue' | undefined;
}

export interface QueueRow {
  id: number;
  external_id: string;
  name: string | null;
  company: string | null;
  phone: string | null;
  email: string | null;
  timezone: string | null;
  segment: string | null;
  product: string | null;
  monthly_revenue: number | null;
  departed_at: string | null;
  stated_reason_text: string | null;
  stated_reason_name: string | null;
  category_name: string | null;
  cycle_name: string | null;
  assigned_to: string | null;
  assigned_name: string | null;
  attempts: number;
  callback_at: string | null;
  callback_owner: string | null;
  selected_by: string | null;
  value_band: string | null;
  priority: number;
  priority_detail: string;
  next_attempt_at: string | null;
  timezone_candidates: string | null;
  timezone_source: string | null;
}

/** Who agreed the customer's callback: the caller of their latest call that ended in one. */
const CALLBACK_OWNER_ID = `(SELECT k.caller_id FROM calls k WHERE k.customer_id = c.id AND k.outcome = 'callback'
  ORDER BY k.completed_at DESC LIMIT 1)`;

const COLUMNS = `c.id, c.external_id, c.name, c.company, c.phone, c.email, c.timezone, c.segment, c.product,
  c.monthly_revenue, c.departed_at, c.stated_reason_text, r.name AS stated_reason_name, rc.name AS category_name,
  cy.name AS cycle_name, c.assigned_to, p.name AS assigned_name, c.attempts, c.callback_at,
  CASE WHEN c.callback_at IS NULL THEN NULL
    ELSE (SELECT pp.name FROM people pp WHERE pp.id = ${CALLBACK_OWNER_ID}) END AS callback_owner,
  c.selected_by, c.value_band, c.priority, c.priority_detail, c.next_attempt_at, c.timezone_candidates, c.timezone_source`;
const JOINS = `FROM customers c
  LEFT JOIN reasons r ON r.id = c.stated_reason_id
  LEFT JOIN reason_categories rc ON rc.id = r.category_id
  LEFT JOIN cycles cy ON cy.id = c.cycle_id
  LEFT JOIN people p ON p.id = c.assigned_to`;

/**
 * The WHERE clause of a queue. `selected = 1` comes first so the partial priority indexes apply.
 * Selection (rules, recoverable reason, contact details) was decided by the selection pass; what
 * the call screen changes (do-not-contact, outcome, attempts, callbacks) is checked here.
 */
function whereClause(f: QueuePageFilter, callable: { sql: string; params: Record<string, unknown> } | null): { sql: string; params: Record<string, unknown> } {
  // The first three terms are, word for word, the WHERE of the customers_queue index, so SQLite
  // can use it. Filter columns carry a unary + so the planner walks that index in priority order
  // instead of picking a single-column index and sorting every match.
  const where = [
    'c.selected = 1',
    'c.do_not_contact = 0',
    `(c.last_outcome IS NULL OR c.last_outcome IN ${OPEN_OUTCOMES})`,
    // A callback the customer asked for is kept even after the last allowed attempt.
    '(c.attempts < @maxAttempts OR c.callback_at IS NOT NULL)',
    // The contact-permission ledger: a number, email or customer id it holds is never called.
    'c.call_blocked = 0',
  ];
  const params: Record<string, unknown> = { maxAttempts: f.maxAttempts };
  if (f.viewer.role === 'executive') {
    where.push('+c.assigned_to = @viewer');
    params.viewer = f.viewer.id;
  } else if (f.viewer.role === 'agent') {
    where.push('(+c.assigned_to IS NULL OR +c.assigned_to = @viewer)');
    params.viewer = f.viewer.id;
  } else if (f.assignee === 'unassigned') {
    where.push('+c.assigned_to IS NULL');
  } else if (f.assignee) {
    where.push('+c.assigned_to = @assignee');
    params.assignee = f.assignee;
  }
  if (f.search) {
    where.push("(c.name LIKE @search ESCAPE '\\' OR c.phone LIKE @search ESCAPE '\\' OR c.external_id LIKE @search ESCAPE '\\')");
    params.search = `%${f.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  }
  if (f.segment) {
    where.push('+c.segment = @segment');
    params.segment = f.segment;
  }
  if (f.reasonCategory === 'unmapped') {
    where.push('+c.stated_reason_id IS NULL');
  } else if (f.reasonCategory) {
    where.push('+c.stated_reason_id IN (SELECT id FROM reasons WHERE category_id = @category)');
    params.category = f.reasonCategory;
  }
  if (f.cycleId) {
    where.push('+c.cycle_id = @cycle');
    params.cycle = f.cycleId;
  }
  if (f.onlyCallable && callable) {
    where.push(callable.sql);
    Object.assign(params, callable.params);
  }
  if (f.viewer.role !== 'manager') {
    // A callback comes back to the person who agreed it with the customer. Last: SQLite checks the
    // terms in this order, and this one looks up calls, so the plain column filters go first.
    where.push(`(c.callback_at IS NULL OR coalesce(${CALLBACK_OWNER_ID}, @viewer) = @viewer)`);
  }
  return { sql: where.join(' AND '), params };
}

/**
 * The number of customers a queue holds, as the person sees it above the list. Counting walks the
 * whole queue index (about 17 ms at 200,000 customers) while a page reads fifty entries of it, so
 * each count is kept, per filter and viewer, until anything is written to the database: a row
 * inserted, changed or deleted on this connection (total_changes(), which counts what triggers do
 * too) or a commit from another connection, such as `winback import` in a terminal (data_version).
 * The first page after a change counts again; the pages read between changes do not.
 *
 * Nothing is kept while a transaction is open: it could still roll back, and total_changes() never
 * goes back down.
 */
interface KeptTotals {
  stamp: string;
  totals: Map<string, number>;
}
const keptTotals = new WeakMap<Db, KeptTotals>();
/** Enough for every filter a team uses between two changes; past it the oldest count goes. */
const MAX_KEPT_TOTALS = 200;

function changeStamp(db: Db): string {
  // Two statements: reading data_version through pragma_data_version in the same SELECT costs twice as much.
  const changes = preparedValue(db, 'SELECT total_changes()').get() as number;
  const version = preparedValue(db, 'PRAGMA data_version').get() as number;
  return `${changes}:${version}`;
}

function queueTotal(db: Db, where: string, params: Record<string, unknown>): number {
  const count = () => preparedValue(db, `SELECT count(*) FROM customers c WHERE ${where}`).get(params) as number;
  if (db.inTransaction) return count();
  const stamp = changeStamp(db);
  let kept = keptTotals.get(db);
  if (!kept || kept.stamp !== stamp) {
    kept = { stamp, totals: new Map() };
    keptTotals.set(db, kept);
  }
  const key = `${where}\u0000${JSON.stringify(params)}`;
  let total = kept.totals.get(key);
  if (total === undefined) {
    total = count();
    if (kept.totals.size >= MAX_KEPT_TOTALS) {
      const oldest = kept.totals.keys().next();
      if (!oldest.done) kept.totals.delete(oldest.value);
    }
    kept.totals.set(key, total);
  }
  return total;
}

/**
 * The page bounds as expressions, not bare parameters: SQLite looks at the value bound to a bare
 * `LIMIT ?` when it plans, so binding a new one throws the plan away and the whole statement is
 * prepared again on every run (measured: a 50-row page of the queue took half as long again).
 */
const PAGE = 'LIMIT +@limit OFFSET +@offset';

/**
 * A page of the queue: callbacks that are due first (oldest first), then everyone else by
 * priority. Two ordered queries instead of one ORDER BY on "is due", so each walks an index.
 */
export function queryQueuePage(db: Db, f: QueuePageFilter): { rows: QueueRow[]; total: number } {
  ensureLedgerFresh(db, new Date(f.now));
  const callable = f.callable && (f.onlyCallable || f.sort === 'callable') ? callableNowSql(db, f.callable) : null;
  const { sql, params } = whereClause(f, callable);
  if (f.sort === 'revenue' || (f.sort === 'callable' && callable)) {
    return { rows: sortedPage(db, f, sql, params, callable), total: queueTotal(db, sql, params) };
  }
  const due = 'c.callback_at IS NOT NULL AND c.callback_at <= @now';
  const total = queueTotal(db, sql, params);

  const rows = prepared(db, `SELECT ${COLUMNS} ${JOINS} WHERE ${sql} AND ${due} ORDER BY c.callback_at, c.id ${PAGE}`).all({
    ...params,
    now: f.now,
    limit: f.limit,
    offset: f.offset,
  }) as QueueRow[];
  const remaining = f.limit - rows.length;
  if (remaining > 0) {
    // The page runs past the due callbacks. Where it starts among the others follows from how many
    // are due: known from this page when it held some, counted (through the callbacks index) when
    // the page starts beyond them all.
    const dueCount =
      rows.length > 0 || f.offset === 0
        ? f.offset + rows.length
        : (preparedValue(db, `SELECT count(*) FROM customers c WHERE ${sql} AND ${due}`).get({ ...params, now: f.now }) as number);
    rows.push(
      ...(prepared(
        db,
        `SELECT ${COLUMNS} ${JOINS} WHERE ${sql} AND NOT (${due})
           ORDER BY c.priority DESC, c.id ${PAGE}`,
      ).all({ ...params, now: f.now, limit: remaining, offset: Math.max(0, f.offset - dueCount) }) as QueueRow[]),
    );
  }
  return { rows, total };
}

/**
 * A page in another order than priority: by revenue, or callable-now customers first (each part in
 * priority order). These sort the matching customers instead of walking the priority index, which
 * a person asks for now and then, not on every page.
 */
function sortedPage(
  db: Db,
  f: QueuePageFilter,
  sql: string,
  params: Record<string, unknown>,
  callable: { sql: string; params: Record<string, unknown> } | null,
): QueueRow[] {
  const order =
    f.sort === 'revenue' || !callable
      ? 'c.monthly_revenue IS NULL, c.monthly_revenue DESC, c.priority DESC, c.id'
      : `(CASE WHEN ${callable.sql} THEN 0 ELSE 1 END), c.priority DESC, c.id`;
  return prepared(db, `SELECT ${COLUMNS} ${JOINS} WHERE ${sql} ORDER BY ${order} ${PAGE}`).all({
    ...params,
    ...(callable?.params ?? {}),
    limit: f.limit,
    offset: f.offset,
  }) as QueueRow[];
}

/** The choices the queue's filters offer. */
export function queueFilterOptions(db: Db): {
  segments: string[];
  categories: { id: string; name: string }[];
  cycles: { id: string; name: string }[];
} {
  return {
    segments: db
      .prepare('SELECT DISTINCT segment FROM customers WHERE selected = 1 AND segment IS NOT NULL ORDER BY segment')
      .pluck()
      .all() as string[],
    categories: db
      .prepare('SELECT id, name FROM reason_categories WHERE retired_at IS NULL AND recoverable = 1 ORDER BY sort, name')
      .all() as { id: string; name: string }[],
    cycles: db.prepare('SELECT id, name FROM cycles ORDER BY starts_on DESC').all() as { id: string; name: string }[],
  };
}
