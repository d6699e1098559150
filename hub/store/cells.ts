import type { CallRow, DepartureRow } from './projections';

/**
 * The reasons report's cells: counts and sums per cycle, day (or month), segment, product, team
 * and reason, so the org-wide report reads a few thousand rows instead of every departure and
 * call (hub/trendsCells.ts). They are kept exact in the same transaction as the projections
 * (ingestSqlite.ts, ingestPostgres.ts) and built from them once by the migration (cellsBackfill.ts).
 *
 * Everything a customer puts in the cells follows from their departure and their calls alone: a
 * call's stated reason is its customer's departure's, its team falls back to the customer's, and
 * by diagnosed reason a customer counts once per report row with the revenue of the departure. So
 * the writer takes, for every customer a batch touches, what that customer contributed before the
 * batch (with sign -1) and after it (+1), and adds the difference: a departure that arrives after
 * its calls moves their cells too, and so does a call amended to another reason.
 *
 * Money is summed in integer millionths (as the console's cells do), so years of adding and
 * taking away revenue never drift.
 */

/** What the hub holds about one customer: their departure (if it has arrived) and their calls. */
export interface CustomerFacts {
  departure: DepartureRow | null;
  calls: readonly CallRow[];
}

/**
 * The report by stated reason, summed: side 'd' holds departures by departure day, side 'c' calls
 * by call day, each under the reason the report shows them by.
 */
export interface StatedCell {
  cell: string;
  side: 'd' | 'c';
  cycle: string | null;
  day: string | null;
  segment: string | null;
  product: string | null;
  team: string | null;
  reason_id: string | null;
  category_id: string | null;
  reason_text: string | null;
  departed: number;
  revenue: number;
  calls: number;
  recovered: number;
  recovered_revenue: number;
}

/**
 * The report by stated reason summed per month: the daily cells added up over each month's days,
 * so a year reads twelve months of cells instead of 365 days of them (hub/trendsCells.ts). `month`
 * is the first seven characters of the daily cell's day.
 */
export type StatedMonthCell = Omit<StatedCell, 'day'> & { month: string | null };

/**
 * The report by diagnosed reason, summed. A customer counts once per report row, however many of
 * their calls diagnosed the reason; which calls share a row depends on the filters and grouping
 * (hub/trends.ts), so each row's customers are counted at one of their calls per "scope": the set
 * of dimensions the report holds fixed (below). `firsts` is the scopes in which this cell's calls
 * carry their customer; `customers`, `revenue` and `recovered_revenue` count for those scopes only.
 * `calls` and `recovered` count every call once, in the cell whose `firsts` is 0.
 */
export interface DiagnosedCell {
  cell: string;
  cycle: string | null;
  month: string;
  segment: string | null;
  product: string | null;
  team: string | null;
  reason_id: string;
  category_id: string | null;
  firsts: number;
  customers: number;
  revenue: number;
  calls: number;
  recovered: number;
  recovered_revenue: number;
}

/**
 * The dimensions a diagnosed report can hold fixed, as bits of a scope: a filter on cycle (or
 * grouping by cycle), segment, product or team, and grouping by month. The report's rows use scope
 * bits 0 to 31 of `firsts` (customers once per reason and fixed dimensions); its totals, which
 * count each customer once over every reason, use bits 32 to 47 (the four filters).
 */
export const SCOPE = { cycle: 1, segment: 2, product: 4, team: 8, month: 16 } as const;
const ROW_SCOPES = 32;
const TOTAL_SCOPES = 16;
export const TOTALS_BIT_OFFSET = ROW_SCOPES;

/** The bit of `firsts` that a report's rows read (`scope` of SCOPE bits), or its totals (`scope` without month). */
export function scopeBit(scope: number, totals: boolean): number {
  return 2 ** (totals ? TOTALS_BIT_OFFSET + scope : scope);
}

export const micros = (money: number | null): number => Math.round((money ?? 0) * 1_000_000);

/** The first `n` characters, as SQL's substr counts them (code points), so cells and SQL agree on a day. */
function leading(text: string | null, n: number): string | null {
  if (text === null) return null;
  let out = '';
  let count = 0;
  for (const ch of text) {
    if (count === n) break;
    out += ch;
    count += 1;
  }
  return out;
}

export const dayOf = (text: string | null) => leading(text, 10);
export const monthOf = (text: string | null) => leading(text, 7);

type StatedSums = Pick<StatedCell, 'departed' | 'revenue' | 'calls' | 'recovered' | 'recovered_revenue'>;
type DiagnosedSums = Pick<DiagnosedCell, 'customers' | 'revenue' | 'calls' | 'recovered' | 'recovered_revenue'>;

/** Cells' changes, keyed by cell; added up over customers and signs, then written in one go. */
export class CellChanges {
  readonly stated = new Map<string, StatedCell>();
  readonly diagnosed = new Map<string, DiagnosedCell>();

  /** Adds what `facts` contribute to the cells, times `sign` (-1 for what a customer contributed before). */
  add(facts: CustomerFacts, sign: 1 | -1): void {
    const d = facts.departure;
    if (d) {
      this.addStated(
        {
          side: 'd',
          cycle: d.cycle,
          day: dayOf(d.departed_at),
          segment: d.segment,
          product: d.product,
          team: d.frontline_team,
          reason_id: d.stated_reason_id,
          category_id: d.stated_category_id,
          reason_text: d.stated_reason_id === null ? d.stated_reason_text : null,
        },
        { departed: sign, revenue: sign * micros(d.monthly_revenue), calls: 0, recovered: 0, recovered_revenue: 0 },
      );
    }
    for (const c of facts.calls) {
      const recovered = c.outcome === 'recovered';
      this.addStated(
        {
          side: 'c',
          cycle: c.cycle,
          day: dayOf(c.completed_at),
          segment: c.segment,
          product: c.product,
          team: c.frontline_team ?? d?.frontline_team ?? null,
          // A call counts under its customer's stated reason once the departure is here.
          reason_id: d ? d.stated_reason_id : c.stated_reason_id,
          category_id: d ? d.stated_category_id : null,
          reason_text: d && d.stated_reason_id === null ? d.stated_reason_text : null,
        },
        {
          departed: 0,
          revenue: 0,
          calls: sign,
          recovered: recovered ? sign : 0,
          recovered_revenue: recovered ? sign * micros(c.monthly_revenue ?? d?.monthly_revenue ?? null) : 0,
        },
      );
    }
    this.addDiagnosed(facts, sign);
  }

  private addStated(key: Omit<StatedCell, 'cell' | keyof StatedSums>, sums: StatedSums): void {
    const cell = JSON.stringify([key.side, key.cycle, key.day, key.segment, key.product, key.team, key.reason_id, key.category_id, key.reason_text]);
    const held = this.stated.get(cell);
    if (!held) {
      this.stated.set(cell, { cell, ...key, ...sums });
      return;
    }
    held.departed += sums.departed;
    held.revenue += sums.revenue;
    held.calls += sums.calls;
    held.recovered += sums.recovered;
    held.recovered_revenue += sums.recovered_revenue;
  }

  private addDiagnosedCell(key: Omit<DiagnosedCell, 'cell' | keyof DiagnosedSums>, sums: DiagnosedSums): void {
    const cell = JSON.stringify([key.firsts, key.cycle, key.month, key.segment, key.product, key.team, key.reason_id, key.category_id]);
    const held = this.diagnosed.get(cell);
    if (!held) {
      this.diagnosed.set(cell, { cell, ...key, ...sums });
      return;
    }
    held.customers += sums.customers;
    held.revenue += sums.revenue;
    held.calls += sums.calls;
    held.recovered += sums.recovered;
    held.recovered_revenue += sums.recovered_revenue;
  }

  /**
   * A customer's diagnosed calls. For each scope, the calls that agree on the scope's dimensions
   * (and, for rows, the reason) are one group: the customer counts once in it, at its first call
   * by call id, with the group's highest revenue (the departure's when there is one, as the report
   * defines it) and as recovered revenue when any call of the group recovered them. A call that
   * carries its customer in several scopes carries them once per distinct revenue and recovery.
   */
  private addDiagnosed(facts: CustomerFacts, sign: 1 | -1): void {
    const d = facts.departure;
    const calls = facts.calls
      .filter((c): c is CallRow & { primary_reason_id: string } => c.primary_reason_id !== null)
      .sort((a, b) => (a.call_id < b.call_id ? -1 : a.call_id > b.call_id ? 1 : 0));
    if (calls.length === 0) return;
    const keys = calls.map((c) => ({
      cycle: c.cycle,
      month: monthOf(c.completed_at) ?? '',
      segment: c.segment,
      product: c.product,
      team: c.frontline_team ?? d?.frontline_team ?? null,
      reason_id: c.primary_reason_id,
      category_id: c.primary_category_id,
    }));
    const revenue = calls.map((c) => micros(d?.monthly_revenue ?? c.monthly_revenue ?? null));
    const recovered = calls.map((c) => c.outcome === 'recovered');
    // agree[i][j]: the SCOPE bits on which calls i and j have the same value; -1 marks another reason.
    const agree = keys.map((a) =>
      keys.map((b) => {
        let bits = 0;
        if (a.cycle === b.cycle) bits |= SCOPE.cycle;
        if (a.segment === b.segment) bits |= SCOPE.segment;
        if (a.product === b.product) bits |= SCOPE.product;
        if (a.team === b.team) bits |= SCOPE.team;
        if (a.month === b.month) bits |= SCOPE.month;
        return { bits, sameReason: a.reason_id === b.reason_id };
      }),
    );
    keys.forEach((key, j) => {
      // firsts by (revenue, recovered): the scopes where call j is its group's first call.
      const carried = new Map<string, { firsts: number; revenue: number; recovered: boolean }>();
      const carry = (bit: number, inGroup: (i: number) => boolean) => {
        for (let i = 0; i < j; i += 1) if (inGroup(i)) return;
        let most = 0;
        let anyRecovered = false;
        for (let i = j; i < keys.length; i += 1) {
          if (!inGroup(i)) continue;
          most = Math.max(most, revenue[i] ?? 0);
          anyRecovered ||= recovered[i] ?? false;
        }
        const id = `${most}:${anyRecovered ? 1 : 0}`;
        const held = carried.get(id);
        if (held) held.firsts += bit;
        else carried.set(id, { firsts: bit, revenue: most, recovered: anyRecovered });
      };
      const row = agree[j] ?? [];
      for (let scope = 0; scope < ROW_SCOPES; scope += 1) {
        carry(scopeBit(scope, false), (i) => i === j || (row[i]?.sameReason === true && ((row[i]?.bits ?? 0) & scope) === scope));
      }
      for (let scope = 0; scope < TOTAL_SCOPES; scope += 1) {
        carry(scopeBit(scope, true), (i) => i === j || ((row[i]?.bits ?? 0) & scope) === scope);
      }
      for (const c of carried.values()) {
        this.addDiagnosedCell({ ...key, firsts: c.firsts }, { customers: sign, revenue: sign * c.revenue, calls: 0, recovered: 0, recovered_revenue: c.recovered ? sign * c.revenue : 0 });
      }
      this.addDiagnosedCell({ ...key, firsts: 0 }, { customers: 0, revenue: 0, calls: sign, recovered: recovered[j] ? sign : 0, recovered_revenue: 0 });
    });
  }

  /** The cells whose sums change, in cell order (so concurrent writers lock cells in one order). */
  changed(): { stated: StatedCell[]; statedMonths: StatedMonthCell[]; diagnosed: DiagnosedCell[] } {
    const moved = (c: StatedSums | DiagnosedSums) =>
      c.calls !== 0 || c.recovered !== 0 || c.revenue !== 0 || c.recovered_revenue !== 0 || ('departed' in c ? c.departed !== 0 : c.customers !== 0);
    const byCell = (a: { cell: string }, b: { cell: string }) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0);
    const stated = [...this.stated.values()].filter(moved);
    return {
      stated: stated.sort(byCell),
      statedMonths: [...monthsOf(stated).values()].filter(moved).sort(byCell),
      diagnosed: [...this.diagnosed.values()].filter(moved).sort(byCell),
    };
  }
}

/** The daily cells' changes added up by month: what the same changes make of the monthly cells. */
function monthsOf(days: readonly StatedCell[]): Map<string, StatedMonthCell> {
  const out = new Map<string, StatedMonthCell>();
  for (const { cell: _day, day, ...rest } of days) {
    const month = monthOf(day);
    const cell = JSON.stringify([rest.side, rest.cycle, month, rest.segment, rest.product, rest.team, rest.reason_id, rest.category_id, rest.reason_text]);
    const held = out.get(cell);
    if (!held) {
      out.set(cell, { ...rest, cell, month });
      continue;
    }
    held.departed += rest.departed;
    held.revenue += rest.revenue;
    held.calls += rest.calls;
    held.recovered += rest.recovered;
    held.recovered_revenue += rest.recovered_revenue;
  }
  return out;
}

/** Column order of the statements that add to each cells table. */
export const STATED_CELL_COLUMNS = [
  'cell',
  'side',
  'cycle',
  'day',
  'segment',
  'product',
  'team',
  'reason_id',
  'category_id',
  'reason_text',
  'departed',
  'revenue',
  'calls',
  'recovered',
  'recovered_revenue',
] as const satisfies readonly (keyof StatedCell)[];

export const STATED_MONTH_CELL_COLUMNS = [
  'cell',
  'side',
  'cycle',
  'month',
  'segment',
  'product',
  'team',
  'reason_id',
  'category_id',
  'reason_text',
  'departed',
  'revenue',
  'calls',
  'recovered',
  'recovered_revenue',
] as const satisfies readonly (keyof StatedMonthCell)[];

export const DIAGNOSED_CELL_COLUMNS = [
  'cell',
  'cycle',
  'month',
  'segment',
  'product',
  'team',
  'reason_id',
  'category_id',
  'firsts',
  'customers',
  'revenue',
  'calls',
  'recovered',
  'recovered_revenue',
] as const satisfies readonly (keyof DiagnosedCell)[];

export const STATED_SUMS = ['departed', 'revenue', 'calls', 'recovered', 'recovered_revenue'] as const;
export const DIAGNOSED_SUMS = ['customers', 'revenue', 'calls', 'recovered', 'recovered_revenue'] as const;

/** Groups a customer's rows: the departures and calls read for a set of customers, by external id. */
export function factsByCustomer(ids: Iterable<string>, departures: readonly DepartureRow[], calls: readonly CallRow[]): Map<string, CustomerFacts> {
  const out = new Map<string, { departure: DepartureRow | null; calls: CallRow[] }>();
  for (const id of ids) out.set(id, { departure: null, calls: [] });
  for (const d of departures) {
    const f = out.get(d.external_id);
    if (f) f.departure = d;
  }
  for (const c of calls) out.get(c.external_id)?.calls.push(c);
  return out;
}

/**
 * The customers' facts once a batch's projection rows are written: each departure replaced, each
 * call replaced where it was (a call completed again for another customer leaves the first).
 */
export function factsAfter(before: ReadonlyMap<string, CustomerFacts>, departures: readonly DepartureRow[], calls: readonly CallRow[]): Map<string, CustomerFacts> {
  const after = new Map<string, { departure: DepartureRow | null; calls: CallRow[] }>();
  for (const [id, f] of before) after.set(id, { departure: f.departure, calls: [...f.calls] });
  for (const d of departures) {
    const f = after.get(d.external_id);
    if (f) f.departure = d;
  }
  const written = new Set(calls.map((c) => c.call_id));
  for (const f of after.values()) f.calls = f.calls.filter((c) => !written.has(c.call_id));
  for (const c of calls) after.get(c.external_id)?.calls.push(c);
  return after;
}

/** The difference a batch makes to the cells: every touched customer's contribution after it, less before. */
export function cellChanges(before: ReadonlyMap<string, CustomerFacts>, after: ReadonlyMap<string, CustomerFacts>): CellChanges {
  const changes = new CellChanges();
  for (const f of before.values()) changes.add(f, -1);
  for (const f of after.values()) changes.add(f, 1);
  return changes;
}

/** The end of an insert into a cells table that adds to a cell already there. */
export function addingOnConflict(table: 'cells_stated' | 'cells_stated_month' | 'cells_diagnosed'): string {
  const sums = table === 'cells_diagnosed' ? DIAGNOSED_SUMS : STATED_SUMS;
  return `ON CONFLICT (cell) DO UPDATE SET ${sums.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}`;
}
