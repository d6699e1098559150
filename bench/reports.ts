import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createBackend } from '../electron/backend/create';
import { silentLogger } from '../electron/backend/logger';
import type { RecoveryReport } from '../shared/api/reports';
import type { Session } from '../shared/api/session';
import type { ReasonsReport, ReasonsReportFilters } from '../shared/reports/reasons';
import { fillCalls } from './lib/callFixtures';
import { measurePair } from './lib/measure';
import { judged, type Benchmark, type BenchResult } from './types';

const NOW = new Date('2027-01-15T12:00:00Z');
/** A month of days inside the year of calls, and an agent among twenty who share the console. */
const JUNE = { from: '2026-06-01', to: '2026-06-30' };
const AGENT = { name: 'Bench Agent 1', id: 'bench-agent-1' };

type Channel = 'reports.reasons' | 'reports.recovery';

interface Figure {
  name: string;
  /** Who asks: the manager sees every call, the agent only their own among everyone's. */
  as: 'manager' | 'agent';
  channel: Channel;
  filters: ReasonsReportFilters;
  /** The goal in ms; null for figures measured for reference. */
  target: number | null;
  /** The same numbers from the raw tables, prepared once; and whether the channel's answer equals them. */
  baseline: (db: Database.Database) => { run: () => unknown; same: (real: unknown, base: unknown) => boolean };
}

const reasonsFigure = (name: string, as: Figure['as'], filters: ReasonsReportFilters, target: number | null): Figure => ({
  name: `reasons report: ${name}`,
  as,
  channel: 'reports.reasons',
  filters,
  target,
  baseline: (db) => ({
    run: rawReasons(db, filters, as === 'agent' ? AGENT.id : undefined),
    same: (real, base) => sameNumbers(real as ReasonsReport, base as ReturnType<ReturnType<typeof rawReasons>>),
  }),
});

/**
 * The Trends view's reports over a year of calls (1,000,000; 20,000 with --quick), through the real
 * path: the dispatcher, its checks and zod parse, the handler, the report worker thread with its
 * own read-only connection, and the repositories reading the summaries migrations 7 and 9 built
 * from the rows and their triggers keep current:
 *
 * - the reasons report by month, stated and diagnosed (the summary cells);
 * - the Recovery tab: recovery by reason, offer, segment, caller and executives against the team
 *   (the recovery cells);
 * - a range of days: the diagnosed reasons of one month of days (the call chains);
 * - one agent's own view on a console twenty agents share: their diagnosed reasons (their calls,
 *   customer by customer, through the caller index).
 *
 * Baselines: the same numbers straight from calls, call_reasons, call_offers and customers on a bare
 * better-sqlite3 connection with prepared statements: the simplest fast way there is without a
 * summary. The benchmark checks that both give the same numbers; if a report's definition changes
 * (docs/reports.md), that check fails loudly and the baseline here must follow.
 *
 * WINBACK_BENCH_REPORTS_DB=path reuses (and keeps) a database an earlier run built there.
 */
export const reportsBenchmark: Benchmark = {
  name: 'reports',
  run: async (ctx) => {
    const calls = ctx.quick ? 20_000 : 1_000_000;
    const kept = process.env.WINBACK_BENCH_REPORTS_DB;
    const dbPath = kept ?? join(ctx.dir, 'reports.db');
    if (kept && existsSync(kept)) {
      ctx.log(`reports: reusing ${kept}`);
    } else {
      const fixture = fillCalls(dbPath, calls);
      ctx.log(
        `reports: ${calls.toLocaleString('en-US')} calls to ${fixture.customers.toLocaleString('en-US')} customers written in ${fixture.writeSeconds.toFixed(1)} s; ` +
          `migrations 7 to 10 built the summaries in ${fixture.migrateSeconds.toFixed(1)} s`,
      );
    }

    const backend = createBackend({ dbPath, log: silentLogger, now: () => NOW });
    const raw = new Database(dbPath, { readonly: true });
    // The desk is set up once, by the manager (with the desk's passphrase); figures switch person.
    const setUp = await backend.dispatch('session.setup', { name: 'Bench Manager', role: 'manager', managerPassphrase: 'bench manager passphrase' });
    if (!setUp.ok) throw new Error(`session.setup failed: ${setUp.error.message}`);
    const signIn = async (as: Figure['as']) => {
      const person = as === 'manager' ? { name: 'Bench Manager', role: 'manager' as const } : { name: AGENT.name, role: 'agent' as const };
      const session = await backend.dispatch('session.switch', { ...person, passphrase: 'bench manager passphrase' });
      if (!session.ok) throw new Error(`session.switch failed: ${session.error.message}`);
      const id = (session.value as Session).user?.id;
      if (as === 'agent' && id !== AGENT.id) throw new Error(`signed in as ${id}, not ${AGENT.id}`);
    };
    try {
      const size = calls.toLocaleString('en-US');
      const figures: Figure[] = [
        reasonsFigure('diagnosed reasons by month', 'manager', { by: 'diagnosed', group: 'month' }, 150),
        reasonsFigure('stated reasons by month', 'manager', { by: 'stated', group: 'month' }, 150),
        {
          name: 'Recovery tab (recovery by reason, offer, segment, caller, executives)',
          as: 'manager',
          channel: 'reports.recovery',
          filters: {},
          target: 150,
          baseline: (db) => ({ run: rawRecovery(db), same: (real, base) => sameRecovery(real as RecoveryReport, base as RawRecovery) }),
        },
        reasonsFigure('a range of days, diagnosed reasons of one month of days', 'manager', { by: 'diagnosed', ...JUNE }, 150),
        reasonsFigure("one agent's own view among 20 agents' calls, diagnosed reasons", 'agent', { by: 'diagnosed' }, 150),
      ];
      const results: BenchResult[] = [];
      for (const f of figures) {
        await signIn(f.as);
        const baseline = f.baseline(raw);
        let real: unknown;
        let base: unknown;
        const iterations = ctx.quick ? 10 : 5;
        const [realTime, rawTime] = await measurePair(
          async () => {
            const r = await backend.dispatch(f.channel, f.filters);
            if (!r.ok) throw new Error(`${f.channel} failed: ${r.error.message}`);
            real = r.value;
          },
          () => {
            base = baseline.run();
          },
          { warmup: 1, iterations, rounds: iterations },
        );
        const same = real !== undefined && base !== undefined && baseline.same(real, base);
        const rows = f.channel === 'reports.reasons' ? `${(real as ReasonsReport | undefined)?.rows.length ?? 0} rows` : 'six breakdowns';
        const result = judged({
          name: `${f.name}, ${size} calls`,
          value: realTime.median,
          unit: 'ms',
          target: f.target,
          baseline: rawTime.median,
          ratioTarget: null,
          note:
            `median of ${realTime.samples} ${f.channel} calls as ${f.as === 'manager' ? 'the manager' : `an agent (${AGENT.id})`} (worker thread), ${rows}; p95 ${realTime.p95.toFixed(1)} ms.` +
            (same ? ' Baseline verified: same numbers.' : ` BASELINE INVALID: it differs from ${f.channel}; update bench/reports.ts.`),
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
function rawReasons(
  db: Database.Database,
  f: ReasonsReportFilters,
  callerId?: string,
): () => { rows: RawRow[]; totals: Omit<RawRow, 'period' | 'reason'> } {
  if (callerId !== undefined && f.by === 'stated') throw new Error('The baseline counts one caller for diagnosed reasons only.');
  const period = (day: string, cycle: string) => (f.group === 'month' ? `substr(${day}, 1, 7)` : f.group === 'cycle' ? cycle : 'NULL');
  const days = [f.from ? '>= @from' : null, f.to ? '< @toExclusive' : null].filter((x): x is string => x !== null);
  const params = {
    ...(callerId !== undefined ? { callerId } : {}),
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
         ${whereOf([...days.map((d) => `k.completed_at ${d}`), ...(callerId !== undefined ? ['k.caller_id = @callerId'] : [])])}
         GROUP BY 1, 2, 3`;
  const sums = `count(*) AS departed, total(rev) AS revenue, total(calls) AS calls, total(recovered) AS recovered,
    total(CASE WHEN recovered > 0 THEN rev END) AS recovered_revenue`;
  const rows = db.prepare(`SELECT period, reason, ${sums} FROM (${perCustomer}) GROUP BY 1, 2`);
  const totals = db.prepare(
    `SELECT ${sums} FROM (SELECT customer_id, max(rev) AS rev, sum(calls) AS calls, sum(recovered) AS recovered FROM (${perCustomer}) GROUP BY customer_id)`,
  );
  return () => ({ rows: rows.all(params) as RawRow[], totals: totals.get(params) as Omit<RawRow, 'period' | 'reason'> });
}

const whereOf = (conditions: string[]) => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');

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

interface RawGroup {
  key: string | null;
  calls: number;
  recovered: number;
  recovered_revenue: number;
}
type RawRecovery = Record<'all' | 'reason' | 'offer' | 'segment' | 'agent' | 'callerGroup', RawGroup[]>;

/**
 * The Recovery tab from the raw tables: for each breakdown, one row per key and customer (the
 * customer's revenue once, however many calls), then summed per key; six prepared statements.
 */
function rawRecovery(db: Database.Database): () => RawRecovery {
  const keys = {
    all: { key: 'NULL', join: '' },
    reason: { key: 'cr.reason_id', join: 'LEFT JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1' },
    offer: { key: 'o.offer_id', join: "JOIN call_offers o ON o.call_id = k.id AND o.answer <> 'not_offered'" },
    segment: { key: 'c.segment', join: '' },
    agent: { key: 'k.caller_id', join: '' },
    callerGroup: { key: "CASE WHEN k.caller_role = 'executive' THEN 'executive' ELSE 'team' END", join: '' },
  };
  const statements = Object.entries(keys).map(
    ([dim, d]) =>
      [
        dim,
        db.prepare(
          `SELECT key, total(calls) AS calls, total(recovered) AS recovered, total(CASE WHEN recovered > 0 THEN rev END) AS recovered_revenue
           FROM (
             SELECT ${d.key} AS key, k.customer_id, max(coalesce(c.monthly_revenue, 0)) AS rev, count(*) AS calls, sum(k.outcome = 'recovered') AS recovered
             FROM calls k JOIN customers c ON c.id = k.customer_id ${d.join}
             GROUP BY 1, 2
           )
           GROUP BY key`,
        ),
      ] as const,
  );
  return () => Object.fromEntries(statements.map(([dim, st]) => [dim, st.all() as RawGroup[]])) as RawRecovery;
}

/** The same breakdowns: every key with its calls, recoveries and recovered revenue. */
function sameRecovery(real: RecoveryReport, base: RawRecovery): boolean {
  const rows = {
    reason: real.byReason,
    offer: real.byOffer,
    segment: real.bySegment,
    agent: real.byAgent,
    callerGroup: real.byCallerGroup,
    all: real.totals.calls > 0 ? [{ key: null, ...real.totals }] : [],
  };
  return (Object.keys(rows) as (keyof typeof rows)[]).every((dim) => {
    const want = new Map(base[dim].map((g) => [g.key, g]));
    return (
      want.size === rows[dim].length &&
      rows[dim].every((r) => {
        const w = want.get(r.key);
        return w !== undefined && w.calls === r.calls && w.recovered === r.recovered && cents(w.recovered_revenue) === cents(r.recoveredRevenue);
      })
    );
  });
}
