import type { Db } from '../open';
import type { ReasonsReport, ReasonsReportRow } from '../../shared/reports/reasons';
import {
  callConditions,
  cents,
  customerConditions,
  dateConditions,
  rate,
  whereClause,
  type ReportQuery,
  type SqlParams,
} from './reportsFilters';

export interface ReasonsQuery extends ReportQuery {
  by: 'stated' | 'diagnosed';
  group?: 'cycle' | 'month' | undefined;
}

/** Label of rows whose stated text matches no reason in the taxonomy (and of customers with none). */
export const UNMAPPED_CATEGORY = 'Unmapped';
export const NO_REASON_RECORDED = 'No reason recorded';

interface GroupRow {
  period: string | null;
  reason_id: string | null;
  text: string | null;
  reason_name: string | null;
  category_id: string | null;
  category_name: string | null;
  departed: number;
  revenue: number;
  calls: number;
  recovered: number;
  recovered_revenue: number;
}

/**
 * One row per departed customer (stated) or per diagnosed customer and reason (diagnosed), with the
 * customer's revenue once and the calls behind it. Aggregating from here counts each customer once
 * per row, whatever the number of calls.
 */
function perCustomerSql(q: ReasonsQuery, params: SqlParams): string {
  if (q.by === 'stated') {
    const where = [...dateConditions('c.departed_at', q, params), ...customerConditions(q, params)];
    if (q.cycleId !== undefined) {
      where.push('c.cycle_id = @cycleId');
      params.cycleId = q.cycleId;
    }
    const callerCalls = q.callerId !== undefined ? 'WHERE caller_id = @callerId' : '';
    if (q.callerId !== undefined) {
      params.callerId = q.callerId;
      where.push('ka.calls > 0');
    }
    const period = q.group === 'cycle' ? 'c.cycle_id' : q.group === 'month' ? 'substr(c.departed_at, 1, 7)' : 'NULL';
    return `
      SELECT ${period} AS period, c.id AS customer_id, coalesce(c.monthly_revenue, 0) AS rev,
        c.stated_reason_id AS reason_id,
        CASE WHEN c.stated_reason_id IS NULL THEN nullif(trim(c.stated_reason_text), '') END AS text,
        coalesce(ka.calls, 0) AS calls, coalesce(ka.recovered, 0) AS recovered
      FROM customers c
      LEFT JOIN (
        SELECT customer_id, count(*) AS calls, sum(outcome = 'recovered') AS recovered
        FROM calls ${callerCalls} GROUP BY customer_id
      ) ka ON ka.customer_id = c.id
      ${whereClause(where)}`;
  }
  const where = callConditions(q, params);
  const period =
    q.group === 'cycle' ? 'coalesce(k.cycle_id, c.cycle_id)' : q.group === 'month' ? 'substr(k.completed_at, 1, 7)' : 'NULL';
  return `
    SELECT ${period} AS period, k.customer_id, max(coalesce(c.monthly_revenue, 0)) AS rev,
      cr.reason_id, NULL AS text, count(*) AS calls, sum(k.outcome = 'recovered') AS recovered
    FROM calls k
    JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1
    JOIN customers c ON c.id = k.customer_id
    ${whereClause(where)}
    GROUP BY 1, k.customer_id, cr.reason_id`;
}

/**
 * Departed customers and lost monthly revenue per category and specific reason, with the calls
 * made to them, optionally per cycle or month. Stated reasons come from the departure record;
 * texts the taxonomy does not know stay visible as their own rows under "Unmapped". Diagnosed
 * reasons are each call's primary reason as it stands now (amendments rewrite the call rows).
 * Retired reasons still appear: history keeps its names.
 */
export function reasonsReport(db: Db, q: ReasonsQuery): ReasonsReport {
  const params: SqlParams = {};
  const base = perCustomerSql(q, params);
  const rows = db
    .prepare(
      `WITH pc AS (${base})
       SELECT g.*, r.name AS reason_name, r.category_id, rc.name AS category_name
       FROM (
         SELECT period, reason_id, min(text) AS text, count(*) AS departed, total(rev) AS revenue,
           total(calls) AS calls, total(recovered) AS recovered,
           total(CASE WHEN recovered > 0 THEN rev END) AS recovered_revenue
         FROM pc GROUP BY period, reason_id, lower(text)
       ) g
       LEFT JOIN reasons r ON r.id = g.reason_id
       LEFT JOIN reason_categories rc ON rc.id = r.category_id
       ORDER BY g.period, g.revenue DESC, coalesce(r.name, g.text)`,
    )
    .all(params) as GroupRow[];

  // Totals count each customer once across periods and reasons.
  const totalParams: SqlParams = {};
  const totalBase = perCustomerSql({ ...q, group: undefined }, totalParams);
  const t = db
    .prepare(
      `WITH pc AS (${totalBase}),
       customers_once AS (
         SELECT customer_id, max(rev) AS rev, sum(calls) AS calls, sum(recovered) AS recovered FROM pc GROUP BY customer_id
       )
       SELECT count(*) AS departed, total(rev) AS revenue, total(calls) AS calls, total(recovered) AS recovered,
         total(CASE WHEN recovered > 0 THEN rev END) AS recovered_revenue
       FROM customers_once`,
    )
    .get(totalParams) as Omit<GroupRow, 'period' | 'reason_id' | 'text' | 'reason_name' | 'category_id' | 'category_name'>;

  return {
    rows: rows.map((r) => toRow(r, q.group !== undefined)),
    totals: {
      departed: t.departed,
      revenue: cents(t.revenue),
      calls: t.calls,
      recovered: t.recovered,
      recoveryRate: rate(t.recovered, t.calls),
      recoveredRevenue: cents(t.recovered_revenue),
    },
  };
}

function toRow(r: GroupRow, grouped: boolean): ReasonsReportRow {
  const mapped = r.reason_id !== null;
  const row: ReasonsReportRow = {
    categoryId: mapped ? r.category_id : null,
    category: mapped ? (r.category_name ?? UNMAPPED_CATEGORY) : UNMAPPED_CATEGORY,
    reasonId: r.reason_id,
    reason: mapped ? (r.reason_name ?? r.reason_id ?? '') : (r.text ?? NO_REASON_RECORDED),
    departed: r.departed,
    revenue: cents(r.revenue),
    calls: r.calls,
    recovered: r.recovered,
    recoveryRate: rate(r.recovered, r.calls),
    recoveredRevenue: cents(r.recovered_revenue),
  };
  return grouped ? { period: r.period ?? 'none', ...row } : row;
}
