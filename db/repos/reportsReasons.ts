import type { Db } from '../open';
import type { ReasonsReport, ReasonsReportRow } from '../../shared/reports/reasons';
import {
  callConditions,
  centsOfMicros,
  customerConditions,
  dateConditions,
  isSoleCaller,
  rate,
  whereClause,
  withoutSoleCaller,
  type ReasonsQuery,
  type SqlParams,
} from './reportsFilters';
import { diagnosedFromChains } from './reportsReasonsRange';

export type { ReasonsQuery } from './reportsFilters';

/** Label of rows whose stated text matches no reason in the taxonomy (and of customers with none). */
export const UNMAPPED_CATEGORY = 'Unmapped';
export const NO_REASON_RECORDED = 'No reason recorded';

/** One report row or the totals, as summed: money in integer millionths. */
interface Sums {
  departed: number;
  revenue_micros: number | null;
  calls: number | null;
  recovered: number | null;
  recovered_revenue_micros: number | null;
}

interface GroupRow extends Sums, Partial<TotalShares> {
  period: string | null;
  reason_id: string | null;
  text: string | null;
  reason_name: string | null;
  category_id: string | null;
  category_name: string | null;
}

/**
 * A grouped query (period, reason_id, text and the sums) and the totals query over the same rows;
 * or, with totals null, totals that are the sum of the rows (each customer is in exactly one row),
 * or of the shares of them the rows carry (TotalShares): one pass for both.
 */
interface Plan {
  rows: string;
  totals: string | null;
  params: SqlParams;
}

/** A row's share of the totals, where the rows carry it (see diagnosedFromChains). */
interface TotalShares {
  t_departed: number;
  t_revenue_micros: number | null;
  t_recovered_revenue_micros: number | null;
}

const SUMS = `coalesce(sum(departed), 0) AS departed, sum(revenue_micros) AS revenue_micros, sum(calls) AS calls,
  sum(recovered) AS recovered, sum(recovered_revenue_micros) AS recovered_revenue_micros`;
/** Sums over rows of one customer each (rev, calls, recovered): a customer's revenue counts once. */
const PER_CUSTOMER_SUMS = `count(*) AS departed, sum(rev) AS revenue_micros, sum(calls) AS calls, sum(recovered) AS recovered,
  sum(iif(recovered > 0, rev, 0)) AS recovered_revenue_micros`;

/**
 * Stated reasons from the stated cells: every customer is in exactly one cell (one departure month,
 * one cycle, one stated reason or text, one segment, product and team), so any grouping and any of
 * those filters is a plain sum. A day range or one caller's calls need the customers themselves.
 */
function statedFromCells(q: ReasonsQuery): Plan {
  const params: SqlParams = {};
  const where = customerConditions('s', q, params);
  if (q.cycleId !== undefined) {
    where.push('s.cycle_id = @cycleId');
    params.cycleId = q.cycleId;
  }
  const period = q.group === 'cycle' ? "nullif(s.cycle_id, '')" : q.group === 'month' ? "nullif(s.month, '')" : 'NULL';
  return {
    rows: `SELECT ${period} AS period, nullif(s.reason_id, '') AS reason_id, min(nullif(s.text, '')) AS text, ${SUMS}
      FROM stated_reason_cells s ${whereClause(where)} GROUP BY 1, 2, lower(s.text)`,
    // Every customer is in one row: the totals are the rows summed.
    totals: null,
    params,
  };
}

/** Whose calls a stated report counts: everyone's, or one person's (only the customers they called). */
type StatedCalls = { of: 'everyone' } | { of: 'caller'; callerId: string; sole: boolean };

function statedFromCustomers(q: ReasonsQuery, counted: StatedCalls): Plan {
  const params: SqlParams = {};
  const where = [...dateConditions('cf.departed_at', q, params), ...customerConditions('cf', q, params)];
  if (q.cycleId !== undefined) {
    where.push('cf.cycle_id = @cycleId');
    params.cycleId = q.cycleId;
  }
  let calls = 'cf.calls AS calls, cf.recovered AS recovered';
  let join = '';
  if (counted.of === 'caller' && counted.sole) {
    // Every call is theirs: the customers they called are those with calls, with all of them.
    where.push('cf.calls > 0');
  } else if (counted.of === 'caller') {
    params.callerId = counted.callerId;
    calls = 'ka.calls, ka.recovered';
    join = `JOIN (SELECT customer_id, count(*) AS calls, sum(outcome = 'recovered') AS recovered FROM call_facts
      WHERE caller_id = @callerId GROUP BY customer_id) ka ON ka.customer_id = cf.customer_id`;
  }
  const period = q.group === 'cycle' ? 'cf.cycle_id' : q.group === 'month' ? 'cf.month' : 'NULL';
  const perCustomer = `SELECT ${period} AS period, cf.stated_reason_id AS reason_id, cf.stated_text AS text,
      cf.revenue_micros AS rev, ${calls} FROM customer_facts cf ${join} ${whereClause(where)}`;
  return {
    rows: `SELECT period, reason_id, min(text) AS text, ${PER_CUSTOMER_SUMS} FROM (${perCustomer}) GROUP BY 1, 2, lower(text)`,
    // Every customer is in one row: the totals are the rows summed.
    totals: null,
    params,
  };
}

/**
 * Diagnosed reasons from the diagnosed cells, where they hold the answer: each cell counts a
 * customer once per reason (overall, per month or per cycle) within one segment, product and team.
 * Within one cycle, rows and totals come from the per-cycle cells, except by month.
 */
function diagnosedFromCells(q: ReasonsQuery): Plan | null {
  if (q.from !== undefined || q.to !== undefined || q.callerId !== undefined) return null;
  if (q.cycleId !== undefined && q.group === 'month') return null;
  const params: SqlParams = {};
  const where = customerConditions('d', q, params);
  if (q.cycleId !== undefined) {
    where.push('d.period = @cycleId');
    params.cycleId = q.cycleId;
  }
  // Rows count a customer once per reason within a period kind; the totals rows (reason '') once per period.
  const kind = q.group === 'month' ? 'month' : q.group === 'cycle' || q.cycleId !== undefined ? 'cycle' : 'all';
  const period = q.group === undefined ? 'NULL' : "nullif(d.period, '')";
  return {
    rows: `SELECT ${period} AS period, d.reason_id, NULL AS text, ${SUMS}
      FROM diagnosed_reason_cells d ${whereClause([`d.period_kind = '${kind}'`, "d.reason_id <> ''", ...where])} GROUP BY 1, 2`,
    totals: `SELECT ${SUMS} FROM diagnosed_reason_cells d
      ${whereClause([`d.period_kind = '${q.cycleId !== undefined ? 'cycle' : 'all'}'`, "d.reason_id = ''", ...where])}`,
    params,
  };
}

function diagnosedFromCalls(q: ReasonsQuery): Plan {
  const params: SqlParams = {};
  const where = whereClause(['f.reason_id IS NOT NULL', ...callConditions(q, params)]);
  const period = q.group === 'cycle' ? 'f.cycle_id' : q.group === 'month' ? 'f.month' : 'NULL';
  return {
    rows: `SELECT period, reason_id, NULL AS text, ${PER_CUSTOMER_SUMS} FROM (
        SELECT ${period} AS period, f.customer_id, f.reason_id, max(f.revenue_micros) AS rev, count(*) AS calls,
          sum(f.outcome = 'recovered') AS recovered
        FROM call_facts f ${where} GROUP BY f.customer_id, f.reason_id, 1
      ) GROUP BY 1, 2`,
    totals: `SELECT ${PER_CUSTOMER_SUMS} FROM (
        SELECT f.customer_id, max(f.revenue_micros) AS rev, count(*) AS calls, sum(f.outcome = 'recovered') AS recovered
        FROM call_facts f ${where} GROUP BY f.customer_id
      )`,
    params,
  };
}

function planFor(db: Db, q: ReasonsQuery): Plan {
  if (q.by === 'stated') {
    if (q.callerId !== undefined) return statedFromCustomers(q, { of: 'caller', callerId: q.callerId, sole: isSoleCaller(db, q.callerId) });
    return q.from === undefined && q.to === undefined ? statedFromCells(q) : statedFromCustomers(q, { of: 'everyone' });
  }
  const d = withoutSoleCaller(db, q);
  const cells = diagnosedFromCells(d);
  if (cells) return cells;
  const range = diagnosedFromChains(d);
  if (!range) return diagnosedFromCalls(d);
  if (range.totalsInRows) return { rows: range.rows, totals: null, params: range.params };
  // Within one cycle the customers' totals are counted from their calls of those days.
  const calls = diagnosedFromCalls(d);
  return { rows: range.rows, totals: calls.totals, params: { ...range.params, ...calls.params } };
}

/**
 * The totals from the rows: their shares of the totals where they carry them (each call in one
 * row), else their own sums (each customer in one row).
 */
function totalsOfRows(rows: GroupRow[]): Sums {
  const t = { departed: 0, revenue_micros: 0, calls: 0, recovered: 0, recovered_revenue_micros: 0 };
  for (const r of rows) {
    const shares = r.t_departed !== undefined;
    t.departed += shares ? (r.t_departed ?? 0) : r.departed;
    t.revenue_micros += (shares ? r.t_revenue_micros : r.revenue_micros) ?? 0;
    t.calls += r.calls ?? 0;
    t.recovered += r.recovered ?? 0;
    t.recovered_revenue_micros += (shares ? r.t_recovered_revenue_micros : r.recovered_revenue_micros) ?? 0;
  }
  return t;
}

/**
 * Departed customers and lost monthly revenue per category and specific reason, with the calls
 * made to them, optionally per cycle or month. Stated reasons come from the departure record;
 * texts the taxonomy does not know stay visible as their own rows under "Unmapped". Diagnosed
 * reasons are each call's primary reason as it stands now (amendments rewrite the call rows, and
 * the summary tables follow in the same transaction). Retired reasons still appear: history keeps
 * its names.
 */
export function reasonsReport(db: Db, q: ReasonsQuery): ReasonsReport {
  const plan = planFor(db, q);
  const rows = db
    .prepare(
      `SELECT g.*, r.name AS reason_name, r.category_id, rc.name AS category_name
       FROM (${plan.rows}) g
       LEFT JOIN reasons r ON r.id = g.reason_id
       LEFT JOIN reason_categories rc ON rc.id = r.category_id
       ORDER BY g.period, g.revenue_micros DESC, coalesce(r.name, g.text)`,
    )
    .all(plan.params) as GroupRow[];
  const t = plan.totals === null ? totalsOfRows(rows) : (db.prepare(plan.totals).get(plan.params) as Sums);
  const recovered = t.recovered ?? 0;
  const calls = t.calls ?? 0;
  return {
    rows: rows.map((r) => toRow(r, q.group !== undefined)),
    totals: {
      departed: t.departed,
      revenue: centsOfMicros(t.revenue_micros),
      calls,
      recovered,
      recoveryRate: rate(recovered, calls),
      recoveredRevenue: centsOfMicros(t.recovered_revenue_micros),
    },
  };
}

function toRow(r: GroupRow, grouped: boolean): ReasonsReportRow {
  const mapped = r.reason_id !== null;
  const calls = r.calls ?? 0;
  const recovered = r.recovered ?? 0;
  const row: ReasonsReportRow = {
    categoryId: mapped ? r.category_id : null,
    category: mapped ? (r.category_name ?? UNMAPPED_CATEGORY) : UNMAPPED_CATEGORY,
    reasonId: r.reason_id,
    reason: mapped ? (r.reason_name ?? r.reason_id ?? '') : (r.text ?? NO_REASON_RECORDED),
    departed: r.departed,
    revenue: centsOfMicros(r.revenue_micros),
    calls,
    recovered,
    recoveryRate: rate(recovered, calls),
    recoveredRevenue: centsOfMicros(r.recovered_revenue_micros),
  };
  return grouped ? { period: r.period ?? 'none', ...row } : row;
}
