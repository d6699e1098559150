import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { SCOPE, scopeBit } from './store/cells';
import type { HubStore } from './store/connect';
import type { CallRow, DepartedRow, DiagnosedTotals, ParsedFilters, ReasonsSource } from './trendsRows';

/**
 * The reasons report from the cells (hub/store/cells.ts): the same rows as from the projections
 * (hub/trendsProjections.ts), summed over a few thousand cells instead of every departure and call.
 * Money is held in millionths and given back in units.
 */

/** By diagnosed reason, a customer counts once across the days of a range: the cells hold no days for that, the projections answer. */
export function cellsAnswer(f: ParsedFilters): boolean {
  return f.by === 'stated' || (f.from === undefined && f.to === undefined);
}

const units = (micros: number | string | null) => (micros === null ? null : Number(micros) / 1_000_000);

function periodOf(f: ParsedFilters, dayColumn: 'day' | 'month'): RawBuilder<string | null> {
  if (f.group === 'cycle') return sql<string | null>`cycle`;
  if (f.group === 'month') return dayColumn === 'day' ? sql<string | null>`substr(day, 1, 7)` : sql<string | null>`month`;
  return sql<null>`null`;
}

function conditions(f: ParsedFilters, withDays: boolean): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (f.cycle !== undefined) out.push(sql<SqlBool>`cycle = ${f.cycle}`);
  if (withDays && f.from !== undefined) out.push(sql<SqlBool>`day >= ${f.from}`);
  if (withDays && f.to !== undefined) out.push(sql<SqlBool>`day <= ${f.to}`);
  if (f.segment !== undefined) out.push(sql<SqlBool>`segment = ${f.segment}`);
  if (f.product !== undefined) out.push(sql<SqlBool>`product = ${f.product}`);
  if (f.team !== undefined) out.push(sql<SqlBool>`team = ${f.team}`);
  return out;
}

async function departedRows(store: HubStore, f: ParsedFilters): Promise<DepartedRow[]> {
  const rows = await store.db
    .selectFrom('cells_stated')
    .select([
      periodOf(f, 'day').as('period'),
      'reason_id',
      'category_id',
      'reason_text',
      sql<number>`sum(departed)`.as('departed'),
      sql<number>`sum(revenue)`.as('revenue'),
    ])
    .where('side', '=', 'd')
    .where((eb) => eb.and(conditions(f, true)))
    .groupBy(['period', 'reason_id', 'category_id', 'reason_text'])
    .having(sql<SqlBool>`sum(departed) > 0`)
    .execute();
  return rows.map((r) => ({ ...r, revenue: units(r.revenue) }));
}

async function callRows(store: HubStore, f: ParsedFilters): Promise<CallRow[]> {
  const rows = await store.db
    .selectFrom('cells_stated')
    .select([
      periodOf(f, 'day').as('period'),
      'reason_id',
      'category_id',
      'reason_text',
      sql<number>`sum(calls)`.as('calls'),
      sql<number>`sum(recovered)`.as('recovered'),
      sql<number>`sum(recovered_revenue)`.as('recovered_revenue'),
    ])
    .where('side', '=', 'c')
    .where((eb) => eb.and(conditions(f, true)))
    .groupBy(['period', 'reason_id', 'category_id', 'reason_text'])
    .having(sql<SqlBool>`sum(calls) > 0`)
    .execute();
  return rows.map((r) => ({ ...r, recovered_revenue: units(r.recovered_revenue) }));
}

/** The scope a diagnosed report reads (cells.ts): the dimensions its filters and grouping hold fixed. */
function scopeOf(f: ParsedFilters, totals: boolean): number {
  let scope = 0;
  if (f.cycle !== undefined || (!totals && f.group === 'cycle')) scope |= SCOPE.cycle;
  if (f.segment !== undefined) scope |= SCOPE.segment;
  if (f.product !== undefined) scope |= SCOPE.product;
  if (f.team !== undefined) scope |= SCOPE.team;
  if (!totals && f.group === 'month') scope |= SCOPE.month;
  return scope;
}

/** A cell's customers (or their revenue) count where the cell carries them for the report's scope. */
function carried(column: 'customers' | 'revenue' | 'recovered_revenue', bit: number): RawBuilder<number> {
  return sql<number>`sum(case when (firsts & ${sql.lit(bit)}) <> 0 then ${sql.ref(column)} else 0 end)`;
}

async function diagnosedRows(store: HubStore, f: ParsedFilters): Promise<(DepartedRow & CallRow)[]> {
  const bit = scopeBit(scopeOf(f, false), false);
  const rows = await store.db
    .selectFrom('cells_diagnosed')
    .select([
      periodOf(f, 'month').as('period'),
      'reason_id',
      // The report names a reason it does not know by a category of its calls (the highest, as from the projections).
      sql<string | null>`max(case when calls > 0 then category_id end)`.as('category_id'),
      sql<null>`null`.as('reason_text'),
      carried('customers', bit).as('departed'),
      carried('revenue', bit).as('revenue'),
      sql<number>`sum(calls)`.as('calls'),
      sql<number>`sum(recovered)`.as('recovered'),
      carried('recovered_revenue', bit).as('recovered_revenue'),
    ])
    .where((eb) => eb.and(conditions(f, false)))
    .groupBy(['period', 'reason_id'])
    .having(sql<SqlBool>`sum(calls) > 0`)
    .execute();
  return rows.map((r) => ({ ...r, revenue: units(r.revenue), recovered_revenue: units(r.recovered_revenue) }));
}

async function diagnosedTotals(store: HubStore, f: ParsedFilters): Promise<DiagnosedTotals> {
  const bit = scopeBit(scopeOf(f, true), true);
  const row = await store.db
    .selectFrom('cells_diagnosed')
    .select([
      carried('customers', bit).as('departed'),
      carried('revenue', bit).as('revenue'),
      sql<number>`sum(calls)`.as('calls'),
      sql<number>`sum(recovered)`.as('recovered'),
      carried('recovered_revenue', bit).as('recovered_revenue'),
    ])
    .where((eb) => eb.and(conditions(f, false)))
    .executeTakeFirstOrThrow();
  return { ...row, revenue: units(row.revenue), recovered_revenue: units(row.recovered_revenue) };
}

export const fromCells: ReasonsSource = { departed: departedRows, calls: callRows, diagnosed: diagnosedRows, diagnosedTotals };
