import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { DEFAULT_TAXONOMY } from '../shared/domain/taxonomy';
import {
  ReasonsReportFilters,
  type ReasonsReport,
  type ReasonsReportRow,
} from '../shared/reports/reasons';
import type { HubStore } from './store/connect';

/**
 * The org-wide reasons report, from every console's events, in the console's report shape.
 *
 * - Departed customers are counted once per external id, however many consoles imported them.
 * - `by: 'stated'` groups by the reason recorded at departure; a call counts under the stated
 *   reason of its customer (from the departure when the hub has it, else from the call).
 * - `by: 'diagnosed'` is the console's report by diagnosed reason (diagnosedRows below): customers
 *   and calls under each call's primary reason; customers never diagnosed are not in it.
 * - Calls carry their latest amendment; recovered counts calls whose outcome is recovered, and
 *   recovered revenue sums those customers' monthly revenue.
 */
export type ParsedFilters = ReturnType<typeof ReasonsReportFilters.parse>;

const REASONS = new Map<string, { name: string; categoryId: string }>();
const CATEGORIES = new Map<string, string>();
for (const c of DEFAULT_TAXONOMY) {
  CATEGORIES.set(c.id, c.name);
  for (const r of c.reasons) REASONS.set(r.id, { name: r.name, categoryId: c.id });
}

export const NO_STATED_REASON = 'No reason recorded';
const UNMAPPED = 'Unmapped';

interface KeyRow {
  period: string | null;
  reason_id: string | null;
  category_id: string | null;
  reason_text: string | null;
}
interface DepartedRow extends KeyRow {
  departed: number;
  revenue: number | null;
}
interface CallRow extends KeyRow {
  calls: number;
  recovered: number | null;
  recovered_revenue: number | null;
}

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

interface DiagnosedTotals {
  departed: number | string;
  revenue: number | string | null;
  calls: number | string;
  recovered: number | string | null;
  recovered_revenue: number | string | null;
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

function describe(key: KeyRow): Pick<ReasonsReportRow, 'categoryId' | 'category' | 'reasonId' | 'reason'> {
  if (key.reason_id !== null) {
    const known = REASONS.get(key.reason_id);
    if (known) return { categoryId: known.categoryId, category: CATEGORIES.get(known.categoryId) ?? known.categoryId, reasonId: key.reason_id, reason: known.name };
    // A reason a manager added on a console: the hub knows its id, not its name.
    const categoryId = key.category_id;
    return { categoryId, category: categoryId ? (CATEGORIES.get(categoryId) ?? categoryId) : UNMAPPED, reasonId: key.reason_id, reason: key.reason_id };
  }
  if (key.reason_text !== null && key.reason_text.trim() !== '') {
    const categoryId = key.category_id;
    return { categoryId, category: categoryId ? (CATEGORIES.get(categoryId) ?? categoryId) : UNMAPPED, reasonId: null, reason: key.reason_text };
  }
  // Only stated reasons can be missing: the diagnosed report has only calls with a primary reason.
  return { categoryId: null, category: NO_STATED_REASON, reasonId: null, reason: NO_STATED_REASON };
}

const cents = (n: number) => Math.round(n * 100) / 100;
// Unrounded, as the console gives it: the two reports must be equal, and the window rounds for display.
const rate = (recovered: number, calls: number) => (calls === 0 ? 0 : recovered / calls);

/** Builds the report; `filters` are checked with the shared schema first. */
export async function reasonsReport(store: HubStore, filters: unknown): Promise<ReasonsReport> {
  const f = ReasonsReportFilters.parse(filters);
  let departed: (DepartedRow & Partial<CallRow>)[];
  let calls: CallRow[] = [];
  let customersOnce: DiagnosedTotals | null = null;
  if (f.by === 'diagnosed') [departed, customersOnce] = await Promise.all([diagnosedRows(store, f), diagnosedTotals(store, f)]);
  else [departed, calls] = await Promise.all([departedRows(store, f), callRows(store, f)]);
  const grouped = f.group !== undefined;
  const rows = new Map<string, ReasonsReportRow>();
  const rowFor = (key: KeyRow): ReasonsReportRow => {
    const described = describe(key);
    const period = grouped ? (key.period ?? '(none)') : undefined;
    const id = JSON.stringify([period ?? null, described.categoryId, described.reasonId, described.reason]);
    let row = rows.get(id);
    if (!row) {
      row = { ...(period !== undefined ? { period } : {}), ...described, departed: 0, revenue: 0, calls: 0, recovered: 0, recoveryRate: 0, recoveredRevenue: 0 };
      rows.set(id, row);
    }
    return row;
  };
  for (const d of departed) {
    const row = rowFor(d);
    row.departed += Number(d.departed);
    row.revenue += Number(d.revenue ?? 0);
    if (d.calls !== undefined) {
      row.calls += Number(d.calls);
      row.recovered += Number(d.recovered ?? 0);
      row.recoveredRevenue += Number(d.recovered_revenue ?? 0);
    }
  }
  for (const c of calls) {
    const row = rowFor(c);
    row.calls += Number(c.calls);
    row.recovered += Number(c.recovered ?? 0);
    row.recoveredRevenue += Number(c.recovered_revenue ?? 0);
  }
  const list = [...rows.values()].map((r) => ({
    ...r,
    revenue: cents(r.revenue),
    recoveredRevenue: cents(r.recoveredRevenue),
    recoveryRate: rate(r.recovered, r.calls),
  }));
  list.sort(
    (a, b) =>
      (a.period ?? '').localeCompare(b.period ?? '') ||
      b.revenue - a.revenue ||
      b.departed - a.departed ||
      b.calls - a.calls ||
      a.category.localeCompare(b.category) ||
      a.reason.localeCompare(b.reason),
  );
  const summed = list.reduce(
    (t, r) => ({
      departed: t.departed + r.departed,
      revenue: t.revenue + r.revenue,
      calls: t.calls + r.calls,
      recovered: t.recovered + r.recovered,
      recoveredRevenue: t.recoveredRevenue + r.recoveredRevenue,
    }),
    { departed: 0, revenue: 0, calls: 0, recovered: 0, recoveredRevenue: 0 },
  );
  // By diagnosed reason a customer diagnosed twice is in two rows but counts once in the totals.
  const totals = customersOnce
    ? {
        departed: Number(customersOnce.departed),
        revenue: Number(customersOnce.revenue ?? 0),
        calls: Number(customersOnce.calls),
        recovered: Number(customersOnce.recovered ?? 0),
        recoveredRevenue: Number(customersOnce.recovered_revenue ?? 0),
      }
    : summed;
  return {
    rows: list,
    totals: { ...totals, revenue: cents(totals.revenue), recoveredRevenue: cents(totals.recoveredRevenue), recoveryRate: rate(totals.recovered, totals.calls) },
  };
}
