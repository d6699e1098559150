import type { Db } from '../open';
import { preparedRaw } from '../statements';
import { callConditions, centsOfMicros, rate, whereClause, withoutSoleCaller, type ReportQuery, type SqlParams } from './reportsFilters';
import { agreementPairsFromCells, cellsAnswer, offerMatrixFromCells, recoveryGroupsFromCells } from './reportsRecoveryCells';

export interface RecoveryGroup {
  key: string | null;
  calls: number;
  recovered: number;
  recoveryRate: number;
  recoveredRevenue: number;
}

/** The breakdowns of the recovery report. */
const DIMENSIONS = ['all', 'reason', 'offer', 'segment', 'agent', 'callerGroup'] as const;
export type RecoveryDimension = (typeof DIMENSIONS)[number];
export const RECOVERY_DIMENSIONS: readonly RecoveryDimension[] = DIMENSIONS;
export type RecoveryGroups = Record<RecoveryDimension, RecoveryGroup[]>;

interface GroupRow {
  key: string | null;
  calls: number;
  recovered: number;
  recovered_revenue_micros: number;
}

const toGroup = (r: GroupRow): RecoveryGroup => ({
  key: r.key,
  calls: r.calls,
  recovered: r.recovered,
  recoveryRate: rate(r.recovered, r.calls),
  recoveredRevenue: centsOfMicros(r.recovered_revenue_micros),
});

function groupsFromCells(db: Db, q: ReportQuery): RecoveryGroups {
  const groups = Object.fromEntries(RECOVERY_DIMENSIONS.map((d) => [d, [] as RecoveryGroup[]])) as RecoveryGroups;
  for (const r of recoveryGroupsFromCells(db, q)) groups[r.dim].push(toGroup(r));
  return groups;
}

interface Tally {
  calls: number;
  recovered: number;
  revenue: number;
  /** The customers this key won back, each of whose revenue is in `revenue` once. */
  won: Set<number>;
}

/** Keys in the order SQLite sorts them (NULL first, then by UTF-8 bytes), so both paths list rows alike. */
function byKey(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** The offers made on a call, as call_facts.offers_made holds them ([[offer, answer], ...], or NULL for none). */
const offersMade = (json: string | null): [string, string][] => (json === null ? [] : (JSON.parse(json) as [string, string][]));

/**
 * Every breakdown from the calls the query keeps (a range of days, one person's calls among others'),
 * in one pass over them through an index that holds what is read, the offers made included. A
 * customer's revenue counts once per key however many calls it took.
 */
function groupsFromCalls(db: Db, q: ReportQuery): RecoveryGroups {
  const params: SqlParams = {};
  const tallies = new Map<RecoveryDimension, Map<string | null, Tally>>(RECOVERY_DIMENSIONS.map((d) => [d, new Map()]));
  const count = (dim: RecoveryDimension, key: string | null, customer: number, revenue: number, won: number) => {
    const keys = tallies.get(dim) as Map<string | null, Tally>;
    let t = keys.get(key);
    if (!t) {
      t = { calls: 0, recovered: 0, revenue: 0, won: new Set() };
      keys.set(key, t);
    }
    t.calls += 1;
    if (won === 1) {
      t.recovered += 1;
      if (!t.won.has(customer)) {
        t.won.add(customer);
        t.revenue += revenue;
      }
    }
  };
  type CallRow = [number, number, number, string | null, string | null, string, number, string | null];
  const calls = preparedRaw(
    db,
    `SELECT f.customer_id, f.revenue_micros, f.outcome = 'recovered', f.reason_id, f.segment, f.caller_id, f.caller_role = 'executive',
       f.offers_made
     FROM call_facts f ${whereClause(callConditions(q, params))}`,
  );
  for (const [customer, revenue, won, reason, segment, caller, executive, offers] of calls.iterate(params) as IterableIterator<CallRow>) {
    count('all', null, customer, revenue, won);
    count('reason', reason, customer, revenue, won);
    count('segment', segment, customer, revenue, won);
    count('agent', caller, customer, revenue, won);
    count('callerGroup', executive === 1 ? 'executive' : 'team', customer, revenue, won);
    // A call with two offers made counts for both; an offer "not offered" counts for none.
    for (const [offer] of offersMade(offers)) count('offer', offer, customer, revenue, won);
  }
  const groups = {} as RecoveryGroups;
  for (const [dim, keys] of tallies) {
    groups[dim] = [...keys]
      .map(([key, t]) => toGroup({ key, calls: t.calls, recovered: t.recovered, recovered_revenue_micros: t.revenue }))
      .sort((a, b) => b.recovered - a.recovered || b.calls - a.calls || byKey(a.key, b.key));
  }
  return groups;
}

/**
 * Every breakdown of the recovery report: calls, recoveries, recovery rate and recovered monthly
 * revenue by diagnosed reason, offer, segment, caller, executives against the team, and overall.
 * Calls are read as they stand (an amendment rewrites the rows, and the summaries with them).
 */
export function recoveryGroups(db: Db, query: ReportQuery): RecoveryGroups {
  const q = withoutSoleCaller(db, query);
  return cellsAnswer(q) ? groupsFromCells(db, q) : groupsFromCalls(db, q);
}

/** One breakdown of the recovery report (see recoveryGroups). */
export function recoveryBy(db: Db, dimension: RecoveryDimension, query: ReportQuery): RecoveryGroup[] {
  const q = withoutSoleCaller(db, query);
  return (cellsAnswer(q) ? groupsFromCells(db, q) : groupsFromCalls(db, q))[dimension];
}

export interface OfferMatrixRow {
  reason_id: string | null;
  offer_id: string;
  offered: number;
  accepted: number;
  recovered: number;
}

/** The matrix from the calls the query keeps, in one pass, the offers made read with each call. */
function offerMatrixFromCalls(db: Db, q: ReportQuery): OfferMatrixRow[] {
  const params: SqlParams = {};
  const where = whereClause([...callConditions(q, params), 'f.offers_made IS NOT NULL']);
  const cells = new Map<string, OfferMatrixRow>();
  type CallRow = [string | null, number, string];
  const calls = preparedRaw(db, `SELECT f.reason_id, f.outcome = 'recovered', f.offers_made FROM call_facts f ${where}`);
  for (const [reason, won, offers] of calls.iterate(params) as IterableIterator<CallRow>) {
    for (const [offer, answer] of offersMade(offers)) {
      const key = JSON.stringify([reason, offer]);
      let cell = cells.get(key);
      if (!cell) {
        cell = { reason_id: reason, offer_id: offer, offered: 0, accepted: 0, recovered: 0 };
        cells.set(key, cell);
      }
      cell.offered += 1;
      if (answer === 'accepted') cell.accepted += 1;
      cell.recovered += won;
    }
  }
  return [...cells.values()].sort(
    (a, b) => b.offered - a.offered || b.recovered - a.recovered || byKey(a.reason_id, b.reason_id) || byKey(a.offer_id, b.offer_id),
  );
}

/** Reason (the call's primary diagnosed one) by offer: how often it was made, accepted, and won the customer back. */
export function offerMatrix(db: Db, query: ReportQuery): OfferMatrixRow[] {
  const q = withoutSoleCaller(db, query);
  return cellsAnswer(q) ? offerMatrixFromCells(db, q) : offerMatrixFromCalls(db, q);
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

function agreementPairsFromCalls(q: ReportQuery): { sql: string; params: SqlParams } {
  const params: SqlParams = {};
  const sql = `SELECT f.stated_reason_id, f.reason_id, count(*) AS calls FROM call_facts f
    ${whereClause(['f.reason_id IS NOT NULL', ...callConditions(q, params)])} GROUP BY 1, 2`;
  return { sql, params };
}

/**
 * How often the reason verified on the call is the one stated at departure (exactly, and by
 * category). The calls are counted once per pair of stated and diagnosed reason; the handful of
 * pairs then gives the counts and the most frequent differences.
 */
export function agreement(db: Db, query: ReportQuery, topMismatches = 10): { counts: AgreementCounts; mismatches: MismatchRow[] } {
  const q = withoutSoleCaller(db, query);
  const source = cellsAnswer(q) ? agreementPairsFromCells(q) : agreementPairsFromCalls(q);
  const pairs = db
    .prepare(
      `SELECT s.id AS stated_reason_id, s.category_id AS stated_category_id, d.id AS diagnosed_reason_id,
         d.category_id AS diagnosed_category_id, sum(p.calls) AS calls
       FROM (${source.sql}) p
       JOIN reasons d ON d.id = p.reason_id
       LEFT JOIN reasons s ON s.id = p.stated_reason_id
       GROUP BY s.id, d.id
       ORDER BY calls DESC, s.id, d.id`,
    )
    .all(source.params) as PairRow[];
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
