import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createBackend } from '../electron/backend/create';
import { silentLogger } from '../electron/backend/logger';
import type { ReasonsReport, ReasonsReportFilters } from '../shared/reports/reasons';
import { fillCalls } from './lib/callFixtures';
import { measurePair } from './lib/measure';
import { judged, type Benchmark, type BenchResult } from './types';

const NOW = new Date('2027-01-15T12:00:00Z');

interface Figure {
  name: string;
  filters: ReasonsReportFilters;
  /** The goal in ms; null for figures measured for reference. */
  target: number | null;
}

/**
 * The reasons report over a year of calls (1,000,000; 20,000 with --quick), through the real path:
 * the dispatcher, its checks and zod parse, the `reports.reasons` handler, the report worker thread
 * with its own read-only connection, and the repository reading the report summaries that migration
 * 7 built from the rows and its triggers keep current.
 *
 * Baseline: the same rows and totals straight from calls, call_reasons and customers on a bare
 * better-sqlite3 connection, with prepared statements: the simplest fast way there is without a
 * summary. The benchmark checks that both give the same numbers; if the report's definition
 * changes (docs/reports.md), that check fails loudly and the baseline here must follow.
 */
export const reportsBenchmark: Benchmark = {
  name: 'reports',
  run: async (ctx) => {
    const calls = ctx.quick ? 20_000 : 1_000_000;
    const dbPath = join(ctx.dir, 'reports.db');
    const fixture = fillCalls(dbPath, calls);
    ctx.log(
      `reports: ${calls.toLocaleString('en-US')} calls to ${fixture.customers.toLocaleString('en-US')} customers written in ${fixture.writeSeconds.toFixed(1)} s; ` +
        `migration 7 built the summaries in ${fixture.migrateSeconds.toFixed(1)} s`,
    );

    const backend = createBackend({ dbPath, log: silentLogger, now: () => NOW });
    const raw = new Database(dbPath, { readonly: true });
    try {
      const session = await backend.dispatch('session.setup', { name: 'Bench Manager', role: 'manager' });
      if (!session.ok) throw new Error(`session.setup failed: ${session.error.message}`);
      const figures: Figure[] = [
        { name: 'diagnosed reasons by month', filters: { by: 'diagnosed', group: 'month' }, target: 150 },
        { name: 'stated reasons by month', filters: { by: 'stated', group: 'month' }, target: 150 },
        // Read from call_facts through the day index rather than the cells: for reference.
        { name: 'diagnosed reasons, one month of days', filters: { by: 'diagnosed', from: '2026-06-01', to: '2026-06-30' }, target: null },
      ];
      const results: BenchResult[] = [];
      for (const f of figures) {
        const baseline = rawReasons(raw, f.filters);
        let real: ReasonsReport | undefined;
        let base: ReturnType<typeof baseline> | undefined;
        const iterations = ctx.quick ? 10 : 5;
        const [realTime, rawTime] = await measurePair(
          async () => {
            const r = await backend.dispatch('reports.reasons', f.filters);
            if (!r.ok) throw new Error(`reports.reasons failed: ${r.error.message}`);
            real = r.value as ReasonsReport;
          },
          () => {
            base = baseline();
          },
          { warmup: 1, iterations, rounds: iterations },
        );
        const same = real !== undefined && base !== undefined && sameNumbers(real, base);
        const result = judged({
          name: `reasons report: ${f.name}, ${calls.toLocaleString('en-US')} calls`,
          value: realTime.median,
          unit: 'ms',
          target: f.target,
          baseline: rawTime.median,
          ratioTarget: null,
          note:
            `median of ${realTime.samples} reports.reasons calls as a manager (worker thread), ${real?.rows.length ?? 0} rows; p95 ${realTime.p95.toFixed(1)} ms.` +
            (same ? ' Baseline verified: same rows and totals.' : ' BASELINE INVALID: it differs from reports.reasons; update bench/reports.ts.'),
        });
        results.push(same ? result : { ...result, pass: false });
      }
      return results;
    } finally {
      raw.close();
      backend.close();
    }
  },
};

interface RawRow {
  period: string | null;
  reason: string | null;
  departed: number;
  revenue: number;
  calls: number;
  recovered: number;
  recovered_revenue: number;
}

/**
 * The report's rows and totals in two prepared statements over the raw tables: one row per customer
 * (and reason, and period), then summed, so each customer counts once per row and once in the totals.
 */
function rawReasons(db: Database.Database, f: ReasonsReportFilters): () => { rows: RawRow[]; totals: Omit<RawRow, 'period' | 'reason'> } {
  const period = (day: string, cycle: string) => (f.group === 'month' ? `substr(${day}, 1, 7)` : f.group === 'cycle' ? cycle : 'NULL');
  const days = [f.from ? '>= @from' : null, f.to ? '< @toExclusive' : null].filter((x): x is string => x !== null);
  const params = {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { toExclusive: new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) } : {}),
  };
  const perCustomer =
    f.by === 'stated'
      ? `SELECT ${period('c.departed_at', 'c.cycle_id')} AS period, c.id AS customer_id, coalesce(c.stated_reason_id, lower(nullif(trim(c.stated_reason_text), ''))) AS reason,
           coalesce(c.monthly_revenue, 0) AS rev, coalesce(k.calls, 0) AS calls, coalesce(k.recovered, 0) AS recovered
         FROM customers c LEFT JOIN (SELECT customer_id, count(*) AS calls, sum(outcome = 'recovered') AS recovered FROM calls GROUP BY customer_id) k
           ON k.customer_id = c.id
         ${days.length > 0 ? `WHERE ${days.map((d) => `c.departed_at ${d}`).join(' AND ')}` : ''}`
      : `SELECT ${period('k.completed_at', 'coalesce(k.cycle_id, c.cycle_id)')} AS period, k.customer_id, cr.reason_id AS reason,
           max(coalesce(c.monthly_revenue, 0)) AS rev, count(*) AS calls, sum(k.outcome = 'recovered') AS recovered
         FROM calls k JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1 JOIN customers c ON c.id = k.customer_id
         ${days.length > 0 ? `WHERE ${days.map((d) => `k.completed_at ${d}`).join(' AND ')}` : ''}
         GROUP BY 1, 2, 3`;
  const sums = `count(*) AS departed, total(rev) AS revenue, total(calls) AS calls, total(recovered) AS recovered,
    total(CASE WHEN recovered > 0 THEN rev END) AS recovered_revenue`;
  const rows = db.prepare(`SELECT period, reason, ${sums} FROM (${perCustomer}) GROUP BY 1, 2`);
  const totals = db.prepare(
    `SELECT ${sums} FROM (SELECT customer_id, max(rev) AS rev, sum(calls) AS calls, sum(recovered) AS recovered FROM (${perCustomer}) GROUP BY customer_id)`,
  );
  return () => ({ rows: rows.all(params) as RawRow[], totals: totals.get(params) as Omit<RawRow, 'period' | 'reason'> });
}

const cents = (n: number) => Math.round(n * 100);

/** The same report: every row's customers, revenue, calls and recoveries, and the totals. */
function sameNumbers(real: ReasonsReport, base: { rows: RawRow[]; totals: Omit<RawRow, 'period' | 'reason'> }): boolean {
  const key = (period: string | null | undefined, reason: string) => `${period ?? 'none'}|${reason}`;
  const want = new Map(base.rows.map((r) => [key(r.period, r.reason ?? ''), r]));
  if (want.size !== real.rows.length) return false;
  for (const r of real.rows) {
    const w = want.get(key(r.period, r.reasonId ?? (r.category === 'Unmapped' && r.reason !== 'No reason recorded' ? r.reason.toLowerCase() : '')));
    if (!w || w.departed !== r.departed || cents(w.revenue) !== cents(r.revenue) || w.calls !== r.calls || w.recovered !== r.recovered) return false;
    if (cents(w.recovered_revenue) !== cents(r.recoveredRevenue)) return false;
  }
  const t = real.totals;
  return (
    base.totals.departed === t.departed &&
    cents(base.totals.revenue) === cents(t.revenue) &&
    base.totals.calls === t.calls &&
    base.totals.recovered === t.recovered &&
    cents(base.totals.recovered_revenue) === cents(t.recoveredRevenue)
  );
}
