import { customerConditions, dateConditions, type ReasonsQuery, type SqlParams } from './reportsFilters';

/**
 * The diagnosed reasons report over a range of days, from the call chains of migration 9: each
 * diagnosed call knows the day of the customer's previous call with the same reason (and cycle),
 * with any reason, and of the previous such call that recovered them. A call is its customer's
 * first in a report row when that previous call falls before the range or outside the row's month,
 * so the rows add calls up instead of grouping them by customer: one pass over each reason's calls
 * of those days, in day order, through one index.
 *
 * Returns null where the chains do not say it: one person's calls among others' (the caller's own
 * index serves those).
 */

/**
 * A grouped query (period, reason_id, text and the sums); with totalsInRows, each row also carries
 * its share of the totals (t_departed, t_revenue_micros, t_recovered_revenue_micros), so rows and
 * totals come from one pass over the calls.
 */
export interface RangePlan {
  rows: string;
  totalsInRows: boolean;
  params: SqlParams;
}

/**
 * Whether call f is its customer's first of the report row in the range: its previous call (the
 * chain given) is before the first day, or, by month, in another month. Without a first day, only
 * the customer's first call of the chain, or by month their first of the month.
 */
function first(chain: string, q: ReasonsQuery, byMonth: boolean): string {
  const terms = [`f.${chain} IS NULL`];
  if (q.from !== undefined) terms.push(`f.${chain} < @from`);
  if (byMonth) terms.push(`nullif(substr(f.${chain}, 1, 7), '') IS NOT nullif(substr(f.day, 1, 7), '')`);
  return `(${terms.join(' OR ')})`;
}

/**
 * Sums over calls, each customer counted where it is first (`firstCall`) and its revenue recovered
 * where it is its first recovered call (`firstRecovery`): departed customers, their revenue, calls,
 * recoveries and the revenue won back, as the per-customer sums name them.
 */
const sums = (firstCall: string, firstRecovery: string) => `coalesce(sum(${firstCall}), 0) AS departed,
  sum(iif(${firstCall}, f.revenue_micros, 0)) AS revenue_micros, count(*) AS calls, sum(f.outcome = 'recovered') AS recovered,
  sum(iif(f.outcome = 'recovered' AND ${firstRecovery}, f.revenue_micros, 0)) AS recovered_revenue_micros`;

export function diagnosedFromChains(q: ReasonsQuery): RangePlan | null {
  if (q.callerId !== undefined || (q.from === undefined && q.to === undefined)) return null;
  const params: SqlParams = {};
  // Each reason's calls of these days, in day order: a seek per reason, nothing to sort.
  const where = [
    'f.reason_id IS NOT NULL',
    'f.reason_id IN (SELECT id FROM reasons)',
    ...dateConditions('f.day', q, params),
    ...customerConditions('f', q, params),
  ];
  if (q.cycleId !== undefined) {
    where.push('f.cycle_id = @cycleId');
    params.cycleId = q.cycleId;
  }
  const from = `FROM call_facts f INDEXED BY call_facts_reason_day WHERE ${where.join(' AND ')}`;
  // Rows count a customer once per reason (and period): within one cycle, per reason and cycle.
  const perCycle = q.group === 'cycle' || q.cycleId !== undefined;
  const byMonth = q.group === 'month';
  const chain = perCycle ? 'reason_cycle_prev_day' : 'reason_prev_day';
  const recoveredChain = perCycle ? 'reason_cycle_prev_recovered_day' : 'reason_prev_recovered_day';
  const period = q.group === 'cycle' ? 'f.cycle_id' : byMonth ? "nullif(substr(f.day, 1, 7), '')" : 'NULL';
  // Totals count a customer once across reasons: the chains of any reason, which span cycles (so
  // within one cycle the totals are counted otherwise).
  const totalsInRows = q.cycleId === undefined;
  const customer = first('diagnosed_prev_day', q, false);
  const recovery = first('diagnosed_prev_recovered_day', q, false);
  const shares = totalsInRows
    ? `, coalesce(sum(${customer}), 0) AS t_departed, sum(iif(${customer}, f.revenue_micros, 0)) AS t_revenue_micros,
        sum(iif(f.outcome = 'recovered' AND ${recovery}, f.revenue_micros, 0)) AS t_recovered_revenue_micros`
    : '';
  return {
    rows: `SELECT ${period} AS period, f.reason_id AS reason_id, NULL AS text,
        ${sums(first(chain, q, byMonth), first(recoveredChain, q, byMonth))}${shares}
      ${from} GROUP BY 1, 2`,
    totalsInRows,
    params,
  };
}
