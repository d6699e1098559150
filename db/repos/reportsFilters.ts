import type { Db } from '../open';

/**
 * The filters every report shares, already resolved by the service (a cycle name turned into its id).
 * `callerId` limits the report to one person's calls: agents and executives see only their own.
 */
export interface ReportQuery {
  cycleId?: string | undefined;
  /** Inclusive first day, YYYY-MM-DD. */
  from?: string | undefined;
  /** Inclusive last day, YYYY-MM-DD. */
  to?: string | undefined;
  segment?: string | undefined;
  product?: string | undefined;
  team?: string | undefined;
  callerId?: string | undefined;
}

/** A reasons report's query: which reason (stated or diagnosed) and how it is grouped over time. */
export interface ReasonsQuery extends ReportQuery {
  by: 'stated' | 'diagnosed';
  group?: 'cycle' | 'month' | undefined;
}

export type SqlParams = Record<string, string | number>;

/**
 * Whether every call in the database is this person's (or there are none): on an executive's
 * laptop or an agent's own desk their own calls are all the calls, so a report limited to them is
 * the whole report and can be read from the summaries. Two index probes.
 */
export function isSoleCaller(db: Db, callerId: string): boolean {
  return (
    db
      .prepare('SELECT NOT EXISTS (SELECT 1 FROM call_facts WHERE caller_id < @c) AND NOT EXISTS (SELECT 1 FROM call_facts WHERE caller_id > @c)')
      .pluck()
      .get({ c: callerId }) === 1
  );
}

/** The query without its caller filter where that filter keeps every call (see isSoleCaller). */
export function withoutSoleCaller<Q extends ReportQuery>(db: Db, q: Q): Q {
  return q.callerId !== undefined && isSoleCaller(db, q.callerId) ? { ...q, callerId: undefined } : q;
}

/** The day after a YYYY-MM-DD, so a range compares plain ISO strings and keeps using indexes. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Conditions on a customer's segment, product and frontline team, on the summary rows that carry
 * them (`customer_facts` or `call_facts`, under the alias given).
 */
export function customerConditions(alias: string, q: ReportQuery, params: SqlParams): string[] {
  const where: string[] = [];
  if (q.segment !== undefined) {
    where.push(`${alias}.segment = @segment`);
    params.segment = q.segment;
  }
  if (q.product !== undefined) {
    where.push(`${alias}.product = @product`);
    params.product = q.product;
  }
  if (q.team !== undefined) {
    where.push(`${alias}.team = @team`);
    params.team = q.team;
  }
  return where;
}

/** A date range on an ISO text column (YYYY-MM-DD or a full timestamp). */
export function dateConditions(column: string, q: ReportQuery, params: SqlParams): string[] {
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

/**
 * Conditions on a call (alias f of `call_facts`): the day it was completed, its cycle (the call's
 * own, else the customer's), the customer filters and whose call it was.
 */
export function callConditions(q: ReportQuery, params: SqlParams): string[] {
  const where = [...dateConditions('f.day', q, params), ...customerConditions('f', q, params)];
  if (q.cycleId !== undefined) {
    where.push('f.cycle_id = @cycleId');
    params.cycleId = q.cycleId;
  }
  if (q.callerId !== undefined) {
    where.push('f.caller_id = @callerId');
    params.callerId = q.callerId;
  }
  return where;
}

export const whereClause = (conditions: string[]): string =>
  conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';

/** Sums of money come back from SQLite as binary floats; reports show cents. */
export const cents = (value: number): number => Math.round(value * 100) / 100;

/** The summary tables keep money in integer millionths (exact under years of corrections); reports show cents. */
export const centsOfMicros = (micros: number | null): number => cents((micros ?? 0) / 1_000_000);

export const rate = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);
