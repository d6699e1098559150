import type { Db } from '../open';
import { callConditions, centsOfMicros, rate, whereClause, withoutSoleCaller, type ReportQuery, type SqlParams } from './reportsFilters';

export interface RecoveryGroup {
  key: string | null;
  calls: number;
  recovered: number;
  recoveryRate: number;
  recoveredRevenue: number;
}

/**
 * What a recovery breakdown groups calls by; each is a key expression on `call_facts` (alias f),
 * plus the join it needs.
 */
const DIMENSIONS = {
  reason: { key: 'f.reason_id', join: '' },
  // A call with two offers made counts for both; an offer "not offered" counts for none.
  offer: {
    key: 'o.offer_id',
    join: "JOIN call_offers o ON o.call_id = f.call_id AND o.answer <> 'not_offered'",
  },
  segment: { key: 'f.segment', join: '' },
  agent: { key: 'f.caller_id', join: '' },
  callerGroup: { key: "CASE WHEN f.caller_role = 'executive' THEN 'executive' ELSE 'team' END", join: '' },
  all: { key: 'NULL', join: '' },
} as const;
export type RecoveryDimension = keyof typeof DIMENSIONS;

interface GroupRow {
  key: string | null;
  calls: number;
  recovered: number;
  recovered_revenue_micros: number;
}

/**
 * Calls, recoveries, recovery rate and recovered monthly revenue per key. Calls are read as they
 * stand (an amendment rewrites the rows, and call_facts with them), and a customer's revenue counts
 * once per key however many calls it took.
 */
export function recoveryBy(db: Db, dimension: RecoveryDimension, query: ReportQuery): RecoveryGroup[] {
  const q = withoutSoleCaller(db, query);
  const params: SqlParams = {};
  const d = DIMENSIONS[dimension];
  const rows = db
    .prepare(
      `SELECT key, sum(calls) AS calls, sum(recovered) AS recovered, sum(iif(recovered > 0, rev, 0)) AS recovered_revenue_micros
       FROM (
         SELECT ${d.key} AS key, f.customer_id, max(f.revenue_micros) AS rev, count(*) AS calls, sum(f.outcome = 'recovered') AS recovered
         FROM call_facts f ${d.join}
         ${whereClause(callConditions(q, params))}
         GROUP BY 1, f.customer_id
       )
       GROUP BY key ORDER BY recovered DESC, calls DESC, key`,
    )
    .all(params) as GroupRow[];
  return rows.map((r) => ({
    key: r.key,
    calls: r.calls,
    recovered: r.recovered,
    recoveryRate: rate(r.recovered, r.calls),
    recoveredRevenue: centsOfMicros(r.recovered_revenue_micros),
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
export function offerMatrix(db: Db, query: ReportQuery): OfferMatrixRow[] {
  const q = withoutSoleCaller(db, query);
  const params: SqlParams = {};
  return db
    .prepare(
      `SELECT f.reason_id, o.offer_id, count(*) AS offered, sum(o.answer = 'accepted') AS accepted,
         sum(f.outcome = 'recovered') AS recovered
       FROM call_facts f
       JOIN call_offers o ON o.call_id = f.call_id AND o.answer <> 'not_offered'
       ${whereClause(callConditions(q, params))}
       GROUP BY f.reason_id, o.offer_id
       ORDER BY offered DESC, recovered DESC, f.reason_id, o.offer_id`,
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

interface PairRow {
  stated_reason_id: string | null;
  stated_category_id: string | null;
  diagnosed_reason_id: string;
  diagnosed_category_id: string;
  calls: number;
}

/**
 * How often the reason verified on the call is the one stated at departure (exactly, and by
 * category). The calls are counted once per pair of stated and diagnosed reason; the handful of
 * pairs then gives the counts and the most frequent differences.
 */
export function agreement(db: Db, query: ReportQuery, topMismatches = 10): { counts: AgreementCounts; mismatches: MismatchRow[] } {
  const q = withoutSoleCaller(db, query);
  const params: SqlParams = {};
  const pairs = db
    .prepare(
      `SELECT s.id AS stated_reason_id, s.category_id AS stated_category_id, d.id AS diagnosed_reason_id,
         d.category_id AS diagnosed_category_id, sum(p.calls) AS calls
       FROM (
         SELECT f.stated_reason_id, f.reason_id, count(*) AS calls FROM call_facts f
         ${whereClause(['f.reason_id IS NOT NULL', ...callConditions(q, params)])}
         GROUP BY 1, 2
       ) p
       JOIN reasons d ON d.id = p.reason_id
       LEFT JOIN reasons s ON s.id = p.stated_reason_id
       GROUP BY s.id, d.id
       ORDER BY calls DESC, s.id, d.id`,
    )
    .all(params) as PairRow[];
  const counts: AgreementCounts = { compared: 0, agreed: 0, category_agreed: 0, not_comparable: 0 };
  const mismatches: MismatchRow[] = [];
  for (const p of pairs) {
    if (p.stated_reason_id === null) {
      counts.not_comparable += p.calls;
      continue;
    }
    counts.compared += p.calls;
    if (p.stated_reason_id === p.diagnosed_reason_id) counts.agreed += p.calls;
    else if (mismatches.length < topMismatches) {
      mismatches.push({ stated_reason_id: p.stated_reason_id, diagnosed_reason_id: p.diagnosed_reason_id, calls: p.calls });
    }
    if (p.stated_category_id === p.diagnosed_category_id) counts.category_agreed += p.calls;
  }
  return { counts, mismatches };
}
