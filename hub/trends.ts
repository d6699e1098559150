import { DEFAULT_TAXONOMY } from '../shared/domain/taxonomy';
import {
  ReasonsReportFilters,
  type ReasonsReport,
  type ReasonsReportRow,
} from '../shared/reports/reasons';
import type { HubStore } from './store/connect';
import { cellsAnswer, fromCells } from './trendsCells';
import { fromProjections } from './trendsProjections';
import type { CallRow, DepartedRow, DiagnosedTotals, KeyRow, ParsedFilters, ReasonsSource } from './trendsRows';

/**
 * The org-wide reasons report, from every console's events, in the console's report shape.
 *
 * - Departed customers are counted once per external id, however many consoles imported them.
 * - `by: 'stated'` groups by the reason recorded at departure; a call counts under the stated
 *   reason of its customer (from the departure when the hub has it, else from the call).
 * - `by: 'diagnosed'` is the console's report by diagnosed reason (hub/trendsProjections.ts, diagnosedRows): customers
 *   and calls under each call's primary reason; customers never diagnosed are not in it.
 * - Calls carry their latest amendment; recovered counts calls whose outcome is recovered, and
 *   recovered revenue sums those customers' monthly revenue.
 */

const REASONS = new Map<string, { name: string; categoryId: string }>();
const CATEGORIES = new Map<string, string>();
for (const c of DEFAULT_TAXONOMY) {
  CATEGORIES.set(c.id, c.name);
  for (const r of c.reasons) REASONS.set(r.id, { name: r.name, categoryId: c.id });
}

export const NO_STATED_REASON = 'No reason recorded';
const UNMAPPED = 'Unmapped';

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

/**
 * Builds the report; `filters` are checked with the shared schema first. It reads the cells
 * (hub/store/cells.ts) for every filter but one: by diagnosed reason over a range of days, which
 * counts each customer once across the days in range, it reads the projections.
 */
export async function reasonsReport(store: HubStore, filters: unknown): Promise<ReasonsReport> {
  const f = ReasonsReportFilters.parse(filters);
  return buildReport(store, f, cellsAnswer(f) ? fromCells : fromProjections);
}

/** The report straight from the departures and calls, whatever the filters: what the cells must equal. */
export async function reasonsReportFromProjections(store: HubStore, filters: unknown): Promise<ReasonsReport> {
  return buildReport(store, ReasonsReportFilters.parse(filters), fromProjections);
}

async function buildReport(store: HubStore, f: ParsedFilters, source: ReasonsSource): Promise<ReasonsReport> {
  let departed: (DepartedRow & Partial<CallRow>)[];
  let calls: CallRow[] = [];
  let customersOnce: DiagnosedTotals | null = null;
  if (f.by === 'diagnosed') [departed, customersOnce] = await Promise.all([source.diagnosed(store, f), source.diagnosedTotals(store, f)]);
  else [departed, calls] = await Promise.all([source.departed(store, f), source.calls(store, f)]);
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
