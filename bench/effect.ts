import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createBackend } from '../electron/backend/create';
import { silentLogger } from '../electron/backend/logger';
import type { EffectReport } from '../shared/reports/effect';
import type { OfferEconomicsReport } from '../shared/reports/offerEconomics';
import { refreshSelection } from '../db/repos/selection';
import { effectCellsFromCustomers } from '../db/repos/effect';
import { fillCalls } from './lib/callFixtures';
import { measure, measurePair } from './lib/measure';
import { judged, type BenchResult, type Benchmark } from './types';

const NOW = new Date('2027-01-15T12:00:00Z');

/**
 * "Did the calls work" and offer economics over a year of calls (1,000,000 calls to 200,000
 * departed customers; 20,000 to 4,000 with --quick), through the dispatcher as Trends asks:
 * every cycle holds out 10%, a seventh of the customers came back, a tenth of those were lost again.
 *
 * Baselines, on a bare read-only connection with prepared statements:
 * - effect: the same groups counted from the customers table without its index, "called" from the
 *   calls table; beside it, the same cells read through the `customers_effect` index (what the
 *   report read before the `effect_cells` summary of migration 24), timed in the same rounds;
 * - offers: calls made per offer, reason and segment from call_offers joined to calls and
 *   customers, and the won-back customers from the same tables.
 * Both check their numbers against the report's.
 *
 * WINBACK_BENCH_EFFECT_DB=path reuses (and keeps) a database an earlier run built and prepared there.
 */
export const effectBenchmark: Benchmark = {
  name: 'effect',
  run: async (ctx) => {
    const calls = ctx.quick ? 20_000 : 1_000_000;
    const customers = ctx.quick ? 4_000 : 200_000;
    const kept = process.env.WINBACK_BENCH_EFFECT_DB;
    const dbPath = kept ?? join(ctx.dir, 'effect.db');
    const reuse = kept !== undefined && existsSync(kept);
    if (reuse) ctx.log(`effect: reusing ${dbPath}`);
    else {
      const fixture = fillCalls(dbPath, calls, 7, customers);
      ctx.log(`effect: ${calls.toLocaleString('en-US')} calls to ${customers.toLocaleString('en-US')} customers in ${(fixture.writeSeconds + fixture.migrateSeconds).toFixed(1)} s`);
    }

    const backend = createBackend({ dbPath, log: silentLogger, now: () => NOW });
    const { db } = backend;
    const preparing = performance.now();
    if (!reuse) db.transaction(() => {
      db.prepare("INSERT INTO cycle_controls (cycle_id, share_percent, set_at) SELECT id, 10, '2026-01-01T00:00:00Z' FROM cycles").run();
      db.prepare("UPDATE customers SET returned_on = substr(departed_at, 1, 8) || '28', returned_revenue = round(monthly_revenue * 0.9, 2) WHERE id % 7 = 0").run();
      db.prepare("UPDATE customers SET attempts = (SELECT count(*) FROM calls WHERE customer_id = customers.id)").run();
      db.prepare(
        `INSERT INTO care_enrolments (id, customer_id, recovery_call_id, recovered_on, owner_id, status, next_review_on, enrolled_at, relost_on, relost_source)
         SELECT 'bench-care-' || k.customer_id, k.customer_id, max(k.id), '2026-06-01', 'bench-manager', 'relost', NULL, '2026-06-01', '2026-10-01', 'import'
         FROM calls k WHERE k.outcome = 'recovered' AND k.customer_id % 10 = 0 GROUP BY k.customer_id`,
      ).run();
      refreshSelection(db, '2027-01-15');
    })();
    ctx.log(`effect: control groups, returns and re-losses set in ${((performance.now() - preparing) / 1000).toFixed(1)} s`);
    // A reused database was set up by the run that built it.
    if (!reuse) {
      const session = await backend.dispatch('session.setup', { name: 'Bench Manager', role: 'manager' });
      if (!session.ok) throw new Error(session.error.message);
    }

    const raw = new Database(dbPath, { readonly: true });
    const rawEffect = raw.prepare(
      `SELECT c.control_group AS control, count(*) AS customers, sum(c.returned_on IS NOT NULL) AS returned,
         sum(EXISTS (SELECT 1 FROM calls k WHERE k.customer_id = c.id)) AS called
       FROM customers c NOT INDEXED JOIN cycle_controls ctl ON ctl.cycle_id = c.cycle_id AND ctl.share_percent > 0
       WHERE c.selected = 1 OR c.control_group = 1
       GROUP BY c.cycle_id, c.stated_reason_id, c.segment, c.control_group`,
    );
    const rawMade = raw.prepare(
      `SELECT o.offer_id, k.primary_reason_id, c.segment, count(*) AS calls FROM call_offers o JOIN calls k ON k.id = o.call_id JOIN customers c ON c.id = k.customer_id
       WHERE o.answer <> 'not_offered' GROUP BY 1, 2, 3`,
    );
    const rawWon = raw.prepare(
      `SELECT count(*) FROM (SELECT k.customer_id, max(k.completed_at) FROM call_offers o JOIN calls k ON k.id = o.call_id JOIN customers c ON c.id = k.customer_id
       WHERE o.answer = 'accepted' GROUP BY k.customer_id) w JOIN customers c ON c.id = w.customer_id
       WHERE c.returned_on IS NOT NULL OR EXISTS (SELECT 1 FROM calls r WHERE r.customer_id = c.id AND r.outcome = 'recovered')`,
    );
    const size = `${calls.toLocaleString('en-US')} calls, ${customers.toLocaleString('en-US')} customers`;
    const results: BenchResult[] = [];
    try {
      let effect: EffectReport | undefined;
      let base: { control: number; customers: number; returned: number; called: number }[] = [];
      const iterations = ctx.quick ? 10 : 5;
      const [effTime, effRaw] = await measurePair(
        async () => {
          const r = await backend.dispatch('effect.report', {});
          if (!r.ok) throw new Error(r.error.message);
          effect = r.value as EffectReport;
        },
        () => {
          base = rawEffect.all() as typeof base;
        },
        { warmup: 1, iterations, rounds: iterations },
      );
      // The report before its summary: every eligible customer through the customers_effect index.
      let indexed: ReturnType<typeof effectCellsFromCustomers> = [];
      const effIndex = await measure(
        () => {
          indexed = effectCellsFromCustomers(db, null);
        },
        { warmup: 1, iterations },
      );
      const sameIndexed =
        effect !== undefined &&
        effect.overall.toCall.customers === indexed.filter((c) => !c.control).reduce((n, c) => n + c.customers, 0) &&
        effect.overall.control.returned === indexed.filter((c) => c.control).reduce((n, c) => n + c.returned, 0) &&
        effect.overall.toCall.called === indexed.filter((c) => !c.control).reduce((n, c) => n + c.called, 0);
      const sum = (rows: typeof base, control: number, k: 'customers' | 'returned' | 'called') => rows.filter((r) => r.control === control).reduce((n, r) => n + r[k], 0);
      const sameEffect =
        effect !== undefined &&
        effect.overall.toCall.customers === sum(base, 0, 'customers') &&
        effect.overall.control.customers === sum(base, 1, 'customers') &&
        effect.overall.toCall.returned === sum(base, 0, 'returned') &&
        effect.overall.control.called === sum(base, 1, 'called') &&
        sameIndexed;
      const e = judged({
        name: `called vs control (12 cycles, by cycle, reason and segment), ${size}`,
        value: effTime.median,
        unit: 'ms',
        target: 150,
        baseline: effRaw.median,
        ratioTarget: null,
        note:
          `median of ${effTime.samples} effect.report calls as the manager, from the effect_cells summary; ${effect?.overall.toCall.customers ?? 0} to call, ${effect?.overall.control.customers ?? 0} held out; p95 ${effTime.p95.toFixed(1)} ms. ` +
          `The same cells through the customers_effect index (the report before the summary): median ${effIndex.median.toFixed(1)} ms, p95 ${effIndex.p95.toFixed(1)} ms.` +
          (sameEffect ? ' Baseline verified: same numbers.' : ' BASELINE INVALID: it differs from effect.report.'),
      });
      results.push(sameEffect ? e : { ...e, pass: false });

      let offers: OfferEconomicsReport | undefined;
      let made: { calls: number }[] = [];
      let won = 0;
      const [offTime, offRaw] = await measurePair(
        async () => {
          const r = await backend.dispatch('effect.offers', {});
          if (!r.ok) throw new Error(r.error.message);
          offers = r.value as OfferEconomicsReport;
        },
        () => {
          made = rawMade.all() as typeof made;
          won = rawWon.pluck().get() as number;
        },
        { warmup: 1, iterations, rounds: iterations },
      );
      const sameOffers = offers !== undefined && offers.totals.callsMade === made.reduce((n, r) => n + r.calls, 0) && offers.totals.wonBack === won;
      const o = judged({
        name: `offer economics (offer x reason x segment), ${size}`,
        value: offTime.median,
        unit: 'ms',
        target: 150,
        baseline: offRaw.median,
        ratioTarget: null,
        note:
          `median of ${offTime.samples} effect.offers calls; ${offers?.totals.wonBack ?? 0} customers won back, ${offers?.rows.length ?? 0} rows; p95 ${offTime.p95.toFixed(1)} ms.` +
          (sameOffers ? ' Baseline verified: same totals.' : ` BASELINE INVALID: calls made ${offers?.totals.callsMade ?? 0} vs ${made.reduce((n, r) => n + r.calls, 0)}, won back ${offers?.totals.wonBack ?? 0} vs ${won}.`),
      });
      results.push(sameOffers ? o : { ...o, pass: false });
      return results;
    } finally {
      raw.close();
      backend.close();
    }
  },
};
