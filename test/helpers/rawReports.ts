/**
 * The reports exactly as they were computed before the summary tables of migration 7: straight from
 * calls, call_reasons and customers. Kept verbatim as the oracle that the summary-based reports are
 * compared with (test/unit/report-summaries*.test.ts): same rows, same order, same numbers.
 */
import type { Db } from '../../db/open';
import type { ReasonsReport, ReasonsReportRow } from '../../shared/reports/reasons';
import { cents, nextDay, rate, whereClause, type ReportQuery, type SqlParams } from '../../db/repos/reportsFilters';

/** Conditions on the departed customer (alias c). */
function customerConditions(q: ReportQuery, params: SqlParams): string[] {
  const where: string[] = [];
  if (q.segment !== undefined) {
    where.push('c.segment = @segment');
    params.segment = q.segment;
  }
  if (q.product !== undefined) {
    where.push('c.product = @product');
    params.product = q.product;
  }
  if (q.team !== undefined) {
    where.push('c.frontline_team = @team');
    params.team = q.team;
  }
  return where;
}

function dateConditions(column: string, q: ReportQuery, params: SqlParams): string[] {
  const where: string[] = [];
  if (q.from !== undefined) {
    where.push(`${column} >= @from`);
    params.from = q.from;
  }
  if (q.to !== undefined) {
    where.push(`${column} < @toExclusive`);
    params.toExclusive = nextDay(q.to);
  }
  return where;
}

function callConditions(q: ReportQuery, params: SqlParams): string[] {
  const where = [...dateConditions('k.completed_at', q, params), ...customerConditions(q, params)];
  if (q.cycleId !== undefined) {
    where.push('coalesce(k.cycle_id, c.cycle_id) = @cycleId');
    params.cycleId = q.cycleId;
  }
  if (q.callerId !== undefined) {
    where.push('k.caller_id = @callerId');
    params.callerId = q.callerId;
  }
  return where;
}

export interface ReasonsQuery extends ReportQuery {
  by: 'stated' | 'diagnosed';
  group?: 'cycle' | 'month' | undefined;
}

/** Label of rows whose stated text matches no reason in the taxonomy (and of customers with none). */
const UNMAPPED_CATEGORY = 'Unmapped';
const NO_REASON_RECORDED = 'No reason recorded';

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
export function rawReasonsReport(db: Db, q: ReasonsQuery): ReasonsReport {
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


interface RecoveryGroup {
  key: string | null;
  calls: number;
  recovered: number;
  recoveryRate: number;
  recoveredRevenue: number;
}

/** What a recovery breakdown groups calls by; each is a key expression plus the joins it needs. */
const DIMENSIONS = {
  reason: {
    key: 'cr.reason_id',
    join: 'LEFT JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1',
  },
  // A call with two offers made counts for both; an offer "not offered" counts for none.
  offer: {
    key: 'o.offer_id',
    join: "JOIN call_offers o ON o.call_id = k.id AND o.answer <> 'not_offered'",
  },
  segment: { key: 'c.segment', join: '' },
  agent: { key: 'k.caller_id', join: '' },
  callerGroup: { key: "CASE WHEN k.caller_role = 'executive' THEN 'executive' ELSE 'team' END", join: '' },
  all: { key: 'NULL', join: '' },
} as const;
export type RecoveryDimension = keyof typeof DIMENSIONS;

interface RecoveryGroupRow {
  key: string | null;
  calls: number;
  recovered: number;
  recovered_revenue: number;
}

/**
 * Calls, recoveries, recovery rate and recovered monthly revenue per key. Calls are read as they
 * stand (an amendment rewrites the rows), and a customer's revenue counts once per key however
 * many calls it took.
 */
export function rawRecoveryBy(db: Db, dimension: RecoveryDimension, q: ReportQuery): RecoveryGroup[] {
  const params: SqlParams = {};
  const d = DIMENSIONS[dimension];
  const rows = db
    .prepare(
      `WITH pc AS (
         SELECT ${d.key} AS key, k.customer_id, max(coalesce(c.monthly_revenue, 0)) AS rev,
           count(*) AS calls, sum(k.outcome = 'recovered') AS recovered
         FROM calls k JOIN customers c ON c.id = k.customer_id ${d.join}
         ${whereClause(callConditions(q, params))}
         GROUP BY 1, k.customer_id
       )
       SELECT key, total(calls) AS calls, total(recovered) AS recovered,
         total(CASE WHEN recovered > 0 THEN rev END) AS recovered_revenue
       FROM pc GROUP BY key ORDER BY recovered DESC, calls DESC, key`,
    )
    .all(params) as RecoveryGroupRow[];
  return rows.map((r) => ({
    key: r.key,
    calls: r.calls,
    recovered: r.recovered,
    recoveryRate: rate(r.recovered, r.calls),
    recoveredRevenue: cents(r.recovered_revenue),
  }));
}

interface OfferMatrixRow {
  reason_id: string | null;
  offer_id: string;
  offered: number;
  accepted: number;
  recovered: number;
}

/** Reason (the call's primary diagnosed one) by offer: how often it was made, accepted, and won the customer back. */
export function rawOfferMatrix(db: Db, q: ReportQuery): OfferMatrixRow[] {
  const params: SqlParams = {};
  return db
    .prepare(
      `SELECT cr.reason_id, o.offer_id, count(*) AS offered, sum(o.answer = 'accepted') AS accepted,
         sum(k.outcome = 'recovered') AS recovered
       FROM calls k
       JOIN customers c ON c.id = k.customer_id
       JOIN call_offers o ON o.call_id = k.id AND o.answer <> 'not_offered'
       LEFT JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1
       ${whereClause(callConditions(q, params))}
       GROUP BY cr.reason_id, o.offer_id
       ORDER BY offered DESC, recovered DESC, cr.reason_id, o.offer_id`,
    )
    .all(params) as OfferMatrixRow[];
}

interface AgreementCounts {
  compared: number;
  agreed: number;
  category_agreed: number;
  not_comparable: number;
}

interface MismatchRow {
  stated_reason_id: string;
  diagnosed_reason_id: string;
  calls: number;
}

/** How often the reason verified on the call is the one stated at departure (exactly, and by category). */
export function rawAgreement(db: Db, q: ReportQuery, topMismatches = 10): { counts: AgreementCounts; mismatches: MismatchRow[] } {
  const params: SqlParams = {};
  const conditions = callConditions(q, params);
  const from = `
    FROM calls k
    JOIN customers c ON c.id = k.customer_id
    JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1
    JOIN reasons d ON d.id = cr.reason_id
    LEFT JOIN reasons s ON s.id = c.stated_reason_id`;
  const counts = db
    .prepare(
      `SELECT count(s.id) AS compared,
         coalesce(sum(s.id = d.id), 0) AS agreed,
         coalesce(sum(s.category_id = d.category_id), 0) AS category_agreed,
         count(*) - count(s.id) AS not_comparable
       ${from} ${whereClause(conditions)}`,
    )
    .get(params) as AgreementCounts;
  const mismatches = db
    .prepare(
      `SELECT s.id AS stated_reason_id, d.id AS diagnosed_reason_id, count(*) AS calls
       ${from} ${whereClause([...conditions, 's.id <> d.id'])}
       GROUP BY s.id, d.id ORDER BY calls DESC, s.id, d.id LIMIT @top`,
    )
    .all({ ...params, top: topMismatches }) as MismatchRow[];
  return { counts, mismatches };
}
