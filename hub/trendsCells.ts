import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { SCOPE, scopeBit } from './store/cells';
import type { HubStore } from './store/connect';
import { cellsWithPending, diagnosedCellsWithPending } from './store/cellsFold';
import type { CellsDiagnosedTable } from './store/schema';
import type { CallRow, DepartedRow, DiagnosedTotals, KeyRow, ParsedFilters, ReasonsSource } from './trendsRows';

/**
 * The reasons report from the cells (hub/store/cells.ts): the same rows as from the projections
 * (hub/trendsProjections.ts), summed over a few thousand cells instead of every departure and call.
 * Money is held in millionths and given back in units. Every read adds the changes ingest has
 * appended but not yet folded into the cells (hub/store/cellsFold.ts), in the same statement.
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

/** The filters other than the range of days, which each source applies its own way. */
function conditions(f: ParsedFilters): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (f.cycle !== undefined) out.push(sql<SqlBool>`cycle = ${f.cycle}`);
  if (f.segment !== undefined) out.push(sql<SqlBool>`segment = ${f.segment}`);
  if (f.product !== undefined) out.push(sql<SqlBool>`product = ${f.product}`);
  if (f.team !== undefined) out.push(sql<SqlBool>`team = ${f.team}`);
  return out;
}

/**
 * How the stated cells answer a range of days. Every month a range does not cut is read whole from
 * the monthly cells; a month it cuts (the ones `from` and `to` fall in, its "edges") is read from
 * its days: the days in range, or, when fewer of its days are out of range, the whole month less
 * those days. Exact for any text a day may hold, not only real dates: the stores compare text
 * code point by code point (SQLite; PostgreSQL in a C or C.UTF-8 database), and every day of a month
 * other than an edge compares with `from` and `to` as its month's seven characters do.
 */
interface MonthPlan {
  /** Edge months read as the whole month less the days outside the range. */
  lessOutside: string[];
  /** Edge months read as the days inside the range. */
  inside: string[];
}

const DAY_MS = 86_400_000;

/** Days of month `month` (YYYY-MM) between `from` and `to` (each YYYY-MM-DD), by the calendar; null when it is no calendar month. */
function daysInRange(month: string, f: ParsedFilters): { inside: number; outside: number } | null {
  const first = Date.parse(`${month}-01T00:00:00Z`);
  if (Number.isNaN(first)) return null;
  const next = new Date(first);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const last = next.getTime() - DAY_MS;
  const lo = Math.max(first, f.from !== undefined ? Date.parse(`${f.from}T00:00:00Z`) : first);
  const hi = Math.min(last, f.to !== undefined ? Date.parse(`${f.to}T00:00:00Z`) : last);
  if (Number.isNaN(lo) || Number.isNaN(hi)) return null;
  const inside = hi < lo ? 0 : Math.round((hi - lo) / DAY_MS) + 1;
  return { inside, outside: Math.round((last - first) / DAY_MS) + 1 - inside };
}

function monthPlan(f: ParsedFilters): MonthPlan {
  const edges = [...new Set([f.from, f.to].filter((d): d is string => d !== undefined).map((d) => d.slice(0, 7)))];
  // "Less the days outside" splits those days into before `from` and after `to`: two sets apart only when from <= to.
  const apart = f.from === undefined || f.to === undefined || f.from <= f.to;
  const plan: MonthPlan = { lessOutside: [], inside: [] };
  for (const month of edges) {
    const days = daysInRange(month, f);
    if (apart && days !== null && days.outside < days.inside) plan.lessOutside.push(month);
    else plan.inside.push(month);
  }
  return plan;
}

type StatedSum = 'departed' | 'revenue' | 'calls' | 'recovered' | 'recovered_revenue';

/** The other filters (cycle, segment, product, team) and the side, as SQL conditions. */
function keyConditions(f: ParsedFilters, side: 'd' | 'c'): RawBuilder<unknown> {
  return sql.join([sql`side = ${side}`, ...conditions(f)], sql` AND `);
}

/**
 * One side of the stated report (departures or calls), summed from the monthly cells, with the
 * edge months' days added (or taken away) as monthPlan says.
 */
async function statedRows<S extends StatedSum>(store: HubStore, f: ParsedFilters, side: 'd' | 'c', sums: readonly S[]): Promise<(KeyRow & Record<S, number | string>)[]> {
  const plan = monthPlan(f);
  const ranged = f.from !== undefined || f.to !== undefined;
  const keys = sql`reason_id, category_id, reason_text`;
  const signed = (sign: 1 | -1) => sql.join(sums.map((c) => sql`${sql.ref(c)} * ${sql.lit(sign)} AS ${sql.ref(c)}`));
  const where = keyConditions(f, side);
  const parts: RawBuilder<unknown>[] = [];
  // The months the range does not cut, and the edges read whole before their outside days are taken away.
  const months: RawBuilder<unknown>[] = [];
  if (ranged) {
    const whole: RawBuilder<unknown>[] = [];
    if (f.from !== undefined) whole.push(sql`month >= ${f.from}`);
    if (f.to !== undefined) whole.push(sql`month <= ${f.to}`);
    const edges = [...plan.inside, ...plan.lessOutside];
    whole.push(sql`month NOT IN (${sql.join(edges)})`);
    months.push(sql`(${sql.join(whole, sql` AND `)})`);
    if (plan.lessOutside.length > 0) months.push(sql`month IN (${sql.join(plan.lessOutside)})`);
  }
  parts.push(
    sql`SELECT ${periodOf(f, 'month')} AS period, ${keys}, ${signed(1)} FROM ${sql.raw(cellsWithPending('cells_stated_month'))} months
        WHERE ${where}${months.length > 0 ? sql` AND (${sql.join(months, sql` OR `)})` : sql``}`,
  );
  const days = (month: string, sign: 1 | -1, range: RawBuilder<unknown>[]) =>
    sql`SELECT ${periodOf(f, 'day')} AS period, ${keys}, ${signed(sign)} FROM ${sql.raw(cellsWithPending('cells_stated'))} days
        WHERE ${where} AND substr(day, 1, 7) = ${month} AND ${sql.join(range, sql` AND `)}`;
  const inRange: RawBuilder<unknown>[] = [];
  if (f.from !== undefined) inRange.push(sql`day >= ${f.from}`);
  if (f.to !== undefined) inRange.push(sql`day <= ${f.to}`);
  for (const month of plan.inside) parts.push(days(month, 1, inRange));
  for (const month of plan.lessOutside) {
    if (f.from !== undefined) parts.push(days(month, -1, [sql`day < ${f.from}`]));
    if (f.to !== undefined) parts.push(days(month, -1, [sql`day > ${f.to}`]));
  }
  const [first] = sums;
  if (first === undefined) throw new Error('a stated report side sums at least one column');
  const result = await sql<KeyRow & Record<S, number | string>>`
    SELECT period, ${keys}, ${sql.join(sums.map((c) => sql`sum(${sql.ref(c)}) AS ${sql.ref(c)}`))}
    FROM (${sql.join(parts, sql` UNION ALL `)}) cells
    GROUP BY period, ${keys}
    HAVING sum(${sql.ref(first)}) > 0`.execute(store.db);
  return result.rows;
}

async function departedRows(store: HubStore, f: ParsedFilters): Promise<DepartedRow[]> {
  const rows = await statedRows(store, f, 'd', ['departed', 'revenue']);
  return rows.map((r) => ({ ...r, revenue: units(r.revenue) }));
}

async function callRows(store: HubStore, f: ParsedFilters): Promise<CallRow[]> {
  const rows = await statedRows(store, f, 'c', ['calls', 'recovered', 'recovered_revenue']);
  return rows.map((r) => ({ ...r, recovered_revenue: units(r.recovered_revenue) }));
}

/**
 * The diagnosed cells with their changes not folded yet (hub/store/cellsFold.ts). Joining them
 * costs the report a few times its time at ten million events, so when nothing is pending (no
 * batch since the last fold) it reads the cells alone: they are then every change committed up to
 * that fold, as exact as a read a moment earlier.
 */
async function diagnosedCells(store: HubStore) {
  const pending = await sql<{ any: boolean | number }>`SELECT EXISTS (SELECT 1 FROM cells_diagnosed_pending) AS ${sql.ref('any')}`.execute(store.db);
  const any = pending.rows[0]?.any;
  return any === true || any === 1
    ? sql<CellsDiagnosedTable>`${sql.raw(diagnosedCellsWithPending())}`.as('cells_diagnosed')
    : sql<CellsDiagnosedTable>`cells_diagnosed`.as('cells_diagnosed');
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
    .selectFrom(await diagnosedCells(store))
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
    .where((eb) => eb.and(conditions(f)))
    .groupBy(['period', 'reason_id'])
    .having(sql<SqlBool>`sum(calls) > 0`)
    .execute();
  return rows.map((r) => ({ ...r, revenue: units(r.revenue), recovered_revenue: units(r.recovered_revenue) }));
}

async function diagnosedTotals(store: HubStore, f: ParsedFilters): Promise<DiagnosedTotals> {
  const bit = scopeBit(scopeOf(f, true), true);
  const row = await store.db
    .selectFrom(await diagnosedCells(store))
    .select([
      carried('customers', bit).as('departed'),
      carried('revenue', bit).as('revenue'),
      sql<number>`sum(calls)`.as('calls'),
      sql<number>`sum(recovered)`.as('recovered'),
      carried('recovered_revenue', bit).as('recovered_revenue'),
    ])
    .where((eb) => eb.and(conditions(f)))
    .executeTakeFirstOrThrow();
  return { ...row, revenue: units(row.revenue), recovered_revenue: units(row.recovered_revenue) };
}

export const fromCells: ReasonsSource = { departed: departedRows, calls: callRows, diagnosed: diagnosedRows, diagnosedTotals };
