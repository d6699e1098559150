import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { HubStore } from './store/connect';
import type { CallRow, DepartedRow, DiagnosedTotals, ParsedFilters, ReasonsSource } from './trendsRows';

/**
 * The reasons report straight from the projections (departures and calls): every row the filters
 * select, grouped at read time. The definition the cells (hub/trendsCells.ts) must equal; the
 * report reads it for what the cells cannot answer (hub/trends.ts).
 */

function dayOf(column: string): RawBuilder<string> {
  return sql<string>`substr(${sql.ref(column)}, 1, 10)`;
}

function periodOf(f: ParsedFilters, cycleColumn: string, dateColumn: string): RawBuilder<string | null> {
  if (f.group === 'cycle') return sql<string | null>`${sql.ref(cycleColumn)}`;
  if (f.group === 'month') return sql<string | null>`substr(${sql.ref(dateColumn)}, 1, 7)`;
  return sql<null>`null`;
}

/** The filters as conditions; `side` names the table whose own facts count (d: departures, c: calls). */
function conditions(f: ParsedFilters, side: 'd' | 'c'): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  const date = side === 'd' ? 'd.departed_at' : 'c.completed_at';
  const equals = (left: Expression<unknown>, value: string) => sql<SqlBool>`${left} = ${value}`;
  if (f.cycle !== undefined) out.push(equals(sql.ref(`${side}.cycle`), f.cycle));
  if (f.from !== undefined) out.push(sql<SqlBool>`${dayOf(date)} >= ${f.from}`);
  if (f.to !== undefined) out.push(sql<SqlBool>`${dayOf(date)} <= ${f.to}`);
  if (f.segment !== undefined) out.push(equals(sql.ref(`${side}.segment`), f.segment));
  if (f.product !== undefined) out.push(equals(sql.ref(`${side}.product`), f.product));
  if (f.team !== undefined) {
    // A call's own team when its console sent one, else its customer's.
    out.push(equals(side === 'd' ? sql.ref('d.frontline_team') : sql`coalesce(c.frontline_team, d.frontline_team)`, f.team));
  }
  return out;
}

/** Departed customers by the reason stated at departure. */
async function departedRows(store: HubStore, f: ParsedFilters): Promise<DepartedRow[]> {
  const where = conditions(f, 'd');
  return store.db
      .selectFrom('departures as d')
      .select([
        periodOf(f, 'd.cycle', 'd.departed_at').as('period'),
        'd.stated_reason_id as reason_id',
        'd.stated_category_id as category_id',
        sql<string | null>`case when d.stated_reason_id is null then d.stated_reason_text end`.as('reason_text'),
        sql<number>`count(*)`.as('departed'),
        sql<number | null>`sum(d.monthly_revenue)`.as('revenue'),
      ])
      .where((eb) => eb.and(where))
      .groupBy(['period', 'reason_id', 'category_id', 'reason_text'])
      .execute();
}


/**
 * The report by diagnosed reason, defined as the console defines it (docs/reports.md): each call
 * with a primary diagnosed reason counts under that reason; a customer counts once per reason (and
 * period) however many of their calls diagnosed it, with their monthly revenue once, and is
 * "recovered revenue" there when one of those calls recovered them. Calls without a diagnosis (no
 * answer, wrong number) and customers never called are not in it. The totals count each customer
 * once overall. Filters apply to the calls (call day, the call's cycle).
 */
function perCustomer(store: HubStore, f: ParsedFilters, grouped: boolean) {
  const where = conditions(f, 'c');
  return store.db
    .selectFrom('calls as c')
    .leftJoin('departures as d', 'd.external_id', 'c.external_id')
    .select([
      (grouped ? periodOf(f, 'c.cycle', 'c.completed_at') : sql<null>`null`).as('period'),
      'c.external_id as external_id',
      'c.primary_reason_id as reason_id',
      sql<string | null>`max(c.primary_category_id)`.as('category_id'),
      sql<number>`max(coalesce(d.monthly_revenue, c.monthly_revenue, 0))`.as('rev'),
      sql<number>`count(*)`.as('calls'),
      sql<number>`sum(case when c.outcome = 'recovered' then 1 else 0 end)`.as('recovered'),
    ])
    .where('c.primary_reason_id', 'is not', null)
    .where((eb) => eb.and(where))
    .groupBy(['period', 'c.external_id', 'c.primary_reason_id']);
}

async function diagnosedRows(store: HubStore, f: ParsedFilters): Promise<(DepartedRow & CallRow)[]> {
  return store.db
    .with('pc', () => perCustomer(store, f, true))
    .selectFrom('pc')
    .select([
      'pc.period as period',
      'pc.reason_id as reason_id',
      sql<string | null>`max(pc.category_id)`.as('category_id'),
      sql<null>`null`.as('reason_text'),
      sql<number>`count(*)`.as('departed'),
      sql<number | null>`sum(pc.rev)`.as('revenue'),
      sql<number>`sum(pc.calls)`.as('calls'),
      sql<number | null>`sum(pc.recovered)`.as('recovered'),
      sql<number | null>`sum(case when pc.recovered > 0 then pc.rev else 0 end)`.as('recovered_revenue'),
    ])
    .groupBy(['pc.period', 'pc.reason_id'])
    .execute();
}

async function diagnosedTotals(store: HubStore, f: ParsedFilters): Promise<DiagnosedTotals> {
  return store.db
    .with('pc', () => perCustomer(store, f, false))
    .with('once', (db) =>
      db
        .selectFrom('pc')
        .select([
          'pc.external_id',
          sql<number>`max(pc.rev)`.as('rev'),
          sql<number>`sum(pc.calls)`.as('calls'),
          sql<number>`sum(pc.recovered)`.as('recovered'),
        ])
        .groupBy('pc.external_id'),
    )
    .selectFrom('once')
    .select([
      sql<number>`count(*)`.as('departed'),
      sql<number | null>`sum(once.rev)`.as('revenue'),
      sql<number>`coalesce(sum(once.calls), 0)`.as('calls'),
      sql<number | null>`sum(once.recovered)`.as('recovered'),
      sql<number | null>`sum(case when once.recovered > 0 then once.rev else 0 end)`.as('recovered_revenue'),
    ])
    .executeTakeFirstOrThrow();
}

async function callRows(store: HubStore, f: ParsedFilters): Promise<CallRow[]> {
  const where = conditions(f, 'c');
  const keys =
    f.by === 'stated'
      ? [
          sql<string | null>`case when d.external_id is null then c.stated_reason_id else d.stated_reason_id end`.as('reason_id'),
          sql<string | null>`d.stated_category_id`.as('category_id'),
          sql<string | null>`case when d.external_id is not null and d.stated_reason_id is null then d.stated_reason_text end`.as('reason_text'),
        ]
      : [
          sql<string | null>`c.primary_reason_id`.as('reason_id'),
          sql<string | null>`c.primary_category_id`.as('category_id'),
          sql<null>`null`.as('reason_text'),
        ];
  return store.db
    .selectFrom('calls as c')
    .leftJoin('departures as d', 'd.external_id', 'c.external_id')
    .select([
      periodOf(f, 'c.cycle', 'c.completed_at').as('period'),
      ...keys,
      sql<number>`count(*)`.as('calls'),
      sql<number | null>`sum(case when c.outcome = 'recovered' then 1 else 0 end)`.as('recovered'),
      sql<number | null>`sum(case when c.outcome = 'recovered' then coalesce(c.monthly_revenue, d.monthly_revenue, 0) else 0 end)`.as(
        'recovered_revenue',
      ),
    ])
    .where((eb) => eb.and(where))
    .groupBy(['period', 'reason_id', 'category_id', 'reason_text'])
    .execute();
}

export const fromProjections: ReasonsSource = { departed: departedRows, calls: callRows, diagnosed: diagnosedRows, diagnosedTotals };
