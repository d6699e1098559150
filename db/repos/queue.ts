import type { Db } from '../open';
import type { Role } from '../../shared/domain/roles';

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
}

const COLUMNS = `c.id, c.external_id, c.name, c.company, c.phone, c.email, c.timezone, c.segment, c.product,
  c.monthly_revenue, c.departed_at, c.stated_reason_text, r.name AS stated_reason_name, rc.name AS category_name,
  cy.name AS cycle_name, c.assigned_to, p.name AS assigned_name, c.attempts, c.callback_at,
  CASE WHEN c.callback_at IS NULL THEN NULL ELSE (
    SELECT pp.name FROM calls k JOIN people pp ON pp.id = k.caller_id
    WHERE k.customer_id = c.id AND k.outcome = 'callback' ORDER BY k.completed_at DESC LIMIT 1) END AS callback_owner,
  c.selected_by, c.value_band, c.priority, c.priority_detail`;
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
function whereClause(f: QueuePageFilter): { sql: string; params: Record<string, unknown> } {
  // The first three terms are, word for word, the WHERE of the customers_queue index, so SQLite
  // can use it. Filter columns carry a unary + so the planner walks that index in priority order
  // instead of picking a single-column index and sorting every match.
  const where = [
    'c.selected = 1',
    'c.do_not_contact = 0',
    `(c.last_outcome IS NULL OR c.last_outcome IN ${OPEN_OUTCOMES})`,
    // A callback the customer asked for is kept even after the last allowed attempt.
    '(c.attempts < @maxAttempts OR c.callback_at IS NOT NULL)',
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
  if (f.viewer.role !== 'manager') {
    // A callback comes back to the person who agreed it with the customer.
    where.push(`(c.callback_at IS NULL OR coalesce((
      SELECT k.caller_id FROM calls k WHERE k.customer_id = c.id AND k.outcome = 'callback'
      ORDER BY k.completed_at DESC LIMIT 1), @viewer) = @viewer)`);
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
  return { sql: where.join(' AND '), params };
}

/**
 * A page of the queue: callbacks that are due first (oldest first), then everyone else by
 * priority. Two ordered queries instead of one ORDER BY on "is due", so each walks an index.
 */
export function queryQueuePage(db: Db, f: QueuePageFilter): { rows: QueueRow[]; total: number } {
  const { sql, params } = whereClause(f);
  const due = 'c.callback_at IS NOT NULL AND c.callback_at <= @now';
  const total = db.prepare(`SELECT count(*) FROM customers c WHERE ${sql}`).pluck().get(params) as number;
  const dueCount = db
    .prepare(`SELECT count(*) FROM customers c WHERE ${sql} AND ${due}`)
    .pluck()
    .get({ ...params, now: f.now }) as number;

  const rows: QueueRow[] = [];
  if (f.offset < dueCount) {
    rows.push(
      ...(db
        .prepare(`SELECT ${COLUMNS} ${JOINS} WHERE ${sql} AND ${due} ORDER BY c.callback_at, c.id LIMIT @limit OFFSET @offset`)
        .all({ ...params, now: f.now, limit: f.limit, offset: f.offset }) as QueueRow[]),
    );
  }
  const remaining = f.limit - rows.length;
  if (remaining > 0) {
    rows.push(
      ...(db
        .prepare(
          `SELECT ${COLUMNS} ${JOINS} WHERE ${sql} AND NOT (${due})
           ORDER BY c.priority DESC, c.id LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, now: f.now, limit: remaining, offset: Math.max(0, f.offset - dueCount) }) as QueueRow[]),
    );
  }
  return { rows, total };
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
