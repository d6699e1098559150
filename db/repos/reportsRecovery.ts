import type { Db } from '../open';
import { callConditions, cents, rate, whereClause, type ReportQuery, type SqlParams } from './reportsFilters';

export interface RecoveryGroup {
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

interface GroupRow {
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
export function recoveryBy(db: Db, dimension: RecoveryDimension, q: ReportQuery): RecoveryGroup[] {
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
    .all(params) as GroupRow[];
  return rows.map((r) => ({
    key: r.key,
    calls: r.calls,
    recovered: r.recovered,
    recoveryRate: rate(r.recovered, r.calls),
    recoveredRevenue: cents(r.recovered_revenue),
  }));
}

export interface OfferMatrixRow {
  reason_id: string | null;
  offer_id: string;
  offered: number;
  accepted: number;
  recovered: number;
}

/** Reason (the call's primary diagnosed one) by offer: how often it was made, accepted, and won the customer back. */
export function offerMatrix(db: Db, q: ReportQuery): OfferMatrixRow[] {
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

export interface AgreementCounts {
  compared: number;
  agreed: number;
  category_agreed: number;
  not_comparable: number;
}

export interface MismatchRow {
  stated_reason_id: string;
  diagnosed_reason_id: string;
  calls: number;
}

/** How often the reason verified on the call is the one stated at departure (exactly, and by category). */
export function agreement(db: Db, q: ReportQuery, topMismatches = 10): { counts: AgreementCounts; mismatches: MismatchRow[] } {
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
