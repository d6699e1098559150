import type { Db } from '../open';
import { prepared } from '../statements';
import { type ReportQuery, type SqlParams } from './reportsFilters';

/**
 * The recovery, offer and agreement reports from the cells of migration 9 (and, for diagnosed
 * reasons, migration 7's diagnosed cells): a sum over a few thousand rows, whatever the number of
 * calls. They hold every call, overall and per cycle, split by segment, product and team; a report
 * over a range of days or over one person's calls among others' is read from the calls instead
 * (reportsRecovery.ts).
 */

/** Whether the cells hold the answer: no days, no caller (the sole-caller case is already resolved). */
export const cellsAnswer = (q: ReportQuery): boolean => q.from === undefined && q.to === undefined && q.callerId === undefined;

/** The cells a query keeps: its period (overall or one cycle) and its segment, product and team. */
function cellConditions(q: ReportQuery, params: SqlParams): string {
  const where = ['period_kind = @periodKind', 'period = @period'];
  params.periodKind = q.cycleId === undefined ? 'all' : 'cycle';
  params.period = q.cycleId ?? '';
  for (const key of ['segment', 'product', 'team'] as const) {
    const value = q[key];
    if (value === undefined) continue;
    where.push(`${key} = @${key}`);
    params[key] = value;
  }
  return `WHERE ${where.join(' AND ')}`;
}

export interface CellGroupRow {
  dim: 'all' | 'reason' | 'offer' | 'segment' | 'agent' | 'callerGroup';
  key: string | null;
  calls: number;
  recovered: number;
  recovered_revenue_micros: number;
}

/** The revenue of the customers that calls without a diagnosis recovered, each once per cell (see migration 9). */
function undiagnosedRecovery(q: ReportQuery): string {
  const where = ["f.reason_id IS NULL AND f.outcome = 'recovered'"];
  if (q.cycleId !== undefined) where.push("coalesce(f.cycle_id, '') = @period");
  // The parameters are cellConditions' (the period is the cycle's id).
  for (const key of ['segment', 'product', 'team'] as const) if (q[key] !== undefined) where.push(`f.${key} = @${key}`);
  return `SELECT coalesce(sum(revenue_micros), 0) FROM (
      SELECT DISTINCT f.customer_id, f.revenue_micros, coalesce(f.segment, ''), coalesce(f.product, ''), coalesce(f.team, '')
      FROM call_facts f INDEXED BY call_facts_recovered_undiagnosed WHERE ${where.join(' AND ')})`;
}

/**
 * Every breakdown of the recovery report in one statement, ordered within each as the report lists
 * them. Calls without a diagnosis are all calls less the diagnosed ones (the diagnosed cells' totals
 * row, reason ''), with the revenue of the customers they recovered read from those calls.
 */
export function recoveryGroupsFromCells(db: Db, q: ReportQuery): CellGroupRow[] {
  const params: SqlParams = {};
  const where = cellConditions(q, params);
  const sums = 'sum(calls) AS calls, sum(recovered) AS recovered, sum(recovered_revenue_micros) AS recovered_revenue_micros';
  return prepared(
    db,
    `WITH c AS (SELECT dim, key, segment, ${sums} FROM recovery_cells ${where} GROUP BY dim, key, segment),
     d AS (SELECT reason_id, ${sums} FROM diagnosed_reason_cells ${where} GROUP BY reason_id),
     everything AS (SELECT ${sums} FROM c WHERE dim = 'all' GROUP BY dim),
     diagnosed AS (SELECT calls, recovered FROM d WHERE reason_id = '')
     SELECT 'all' AS dim, NULL AS key, calls, recovered, recovered_revenue_micros FROM everything
     UNION ALL SELECT 'segment', nullif(segment, ''), ${sums} FROM c WHERE dim = 'all' GROUP BY segment
     UNION ALL SELECT 'agent', key, ${sums} FROM c WHERE dim = 'caller' GROUP BY key
     UNION ALL SELECT 'callerGroup', key, ${sums} FROM c WHERE dim = 'group' GROUP BY key
     UNION ALL SELECT 'offer', key, ${sums} FROM c WHERE dim = 'offer' GROUP BY key
     UNION ALL SELECT 'reason', reason_id, calls, recovered, recovered_revenue_micros FROM d WHERE reason_id <> ''
     UNION ALL SELECT 'reason', NULL, e.calls - coalesce(dg.calls, 0), e.recovered - coalesce(dg.recovered, 0), (${undiagnosedRecovery(q)})
       FROM everything e LEFT JOIN diagnosed dg ON 1 WHERE e.calls > coalesce(dg.calls, 0)
     ORDER BY dim, recovered DESC, calls DESC, key`,
  ).all(params) as CellGroupRow[];
}

export interface OfferCellRow {
  reason_id: string | null;
  offer_id: string;
  offered: number;
  accepted: number;
  recovered: number;
}

export function offerMatrixFromCells(db: Db, q: ReportQuery): OfferCellRow[] {
  const params: SqlParams = {};
  return prepared(
    db,
    `SELECT nullif(c.reason_id, '') AS reason_id, c.offer_id, sum(offered) AS offered, sum(accepted) AS accepted, sum(recovered) AS recovered
     FROM offer_cells c ${cellConditions(q, params)}
     GROUP BY c.reason_id, c.offer_id
     ORDER BY offered DESC, recovered DESC, nullif(reason_id, ''), offer_id`,
  ).all(params) as OfferCellRow[];
}

/** Diagnosed calls per stated reason (null when the customer left none that maps) and diagnosed reason. */
export function agreementPairsFromCells(q: ReportQuery): { sql: string; params: SqlParams } {
  const params: SqlParams = {};
  const sql = `SELECT nullif(a.stated_reason_id, '') AS stated_reason_id, a.reason_id, sum(calls) AS calls
    FROM agreement_cells a ${cellConditions(q, params)} GROUP BY a.stated_reason_id, a.reason_id`;
  return { sql, params };
}
