import os from 'node:os';
import pg from 'pg';
import { openHubStore, type HubStore } from '../hub/store/connect';
import { handleTimeOrgWide, offerEconomicsOrgWide } from '../hub/effectMoneyCells';
import { handleTimeFromEvents, offerEconomicsFromEvents } from '../hub/effectMoney';
import { fillEffectCells } from '../hub/store/effectMigrations';
import { FIXTURE_PROJECTIONS_SQL } from './lib/hubFixture';
import { measure } from './lib/measure';
import { judged, type Benchmark, type BenchResult } from './types';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const loadAverage = () => os.loadavg().map((n) => n.toFixed(1)).join(', ');

/**
 * The hub's offer economics and handle time over 1,000,000 call events (20,000 with --quick) to
 * 200,000 customers on PostgreSQL, in a schema of its own (kept: a later run of the same size
 * reuses it). Every call offers one or two of four offers with a price each (accepted, declined or
 * not offered), carries its stage times (one in ten without: an older console), one customer in
 * seven came back by the returns import and a tenth of those were lost again.
 *
 * The events are written by PostgreSQL itself, the departures and calls projections folded from
 * them as ingest folds them (bench/lib/hubFixture.ts), then the offer-economics cells filled by
 * the hub step that fills them on upgrade (effect_002_money_cells). Beside each report read from
 * the cells: the same report worked out from every event held (what the routes did before), once,
 * checked equal.
 */
function eventsSql(calls: number, customers: number): string[] {
  const offers = `(ARRAY['offer.loyalty-discount','offer.reactivation','offer.walkthrough','offer.cheaper-plan'])`;
  const names = `(ARRAY['Loyalty discount','Reactivation','Walkthrough','Cheaper plan'])`;
  const costs = `(ARRAY['{"kind":"discount","percent":15,"months":3}','{"kind":"free_months","months":1}','{"kind":"fixed","amount":40}','{"kind":"none"}'])`;
  const answers = `(ARRAY['accepted','declined','considering','not_offered'])`;
  const reasons = `(ARRAY['price.too-expensive','competitor.better-offer','service.support-attitude','product.missing-feature'])`;
  const insert = (select: string) => `INSERT INTO events (id, kind, console_id, seq, occurred_at, subject, payload, content_hash, sent_by, received_at)
    SELECT id, kind, 'console-' || (n % 50), n, '2026-12-01T08:00:00.000Z', subject, payload, md5(payload), 'desk-' || (n % 50), '2026-12-01T08:00:00.000Z' FROM (${select}) e`;
  const offer = (i: string, answer: string) =>
    `json_build_object('offerId', ${offers}[${i}], 'answer', ${answer}, 'offer', ${names}[${i}], 'cost', (${costs}[${i}])::json)`;
  return [
    insert(`SELECT i AS n, 'ev-o-' || i AS id, 'offer.defined' AS kind, ${offers}[i] AS subject,
      json_build_object('offerId', ${offers}[i], 'name', ${names}[i], 'cost', (${costs}[i])::json, 'definedAt', '2026-01-01T00:00:00.000Z')::text AS payload
      FROM generate_series(1, 4) i`),
    insert(`SELECT i AS n, 'ev-d-' || i AS id, 'customer.departed' AS kind, 'E-' || i AS subject,
      json_build_object('externalId', 'E-' || i, 'cycle', 'Cycle ' || (1 + i % 12), 'departedAt', '2026-01-15', 'statedReasonText', NULL,
        'statedReasonId', ${reasons}[1 + i % 4], 'statedCategoryId', NULL, 'monthlyRevenue', (1000 + (i * 37) % 9000) / 100.0,
        'segment', (ARRAY['Month-to-month','One year','Two year'])[1 + i % 3], 'product', 'DSL', 'frontlineTeam', NULL)::text AS payload
      FROM generate_series(1, ${customers}) i`),
    insert(`SELECT k AS n, 'ev-c-' || k AS id, 'call.completed' AS kind, 'ec-' || k AS subject,
      json_build_object('callId', 'ec-' || k, 'externalId', 'E-' || (1 + (k * 7) % ${customers}), 'cycle', 'Cycle ' || (1 + k % 12), 'cycleId', 'cycle-' || (1 + k % 12),
        'completedAt', '2026-' || lpad((1 + k % 12)::text, 2, '0') || '-' || lpad((1 + k % 28)::text, 2, '0') || 'T10:00:00.000Z',
        'callerId', 'p-' || (k % 40), 'callerName', 'Agent ' || (k % 40), 'callerRole', 'agent',
        'outcome', (ARRAY['recovered','declined','considering','no_answer'])[1 + (k / 3) % 4], 'reasonConfirmed', true,
        'diagnosedReasons', CASE WHEN k % 5 = 0 THEN '[]'::json ELSE json_build_array(json_build_object('reasonId', ${reasons}[1 + k % 4], 'categoryId', 'c', 'primary', true)) END,
        'offers', CASE WHEN k % 2 = 0 THEN json_build_array(${offer('1 + k % 4', `${answers}[1 + (k / 4) % 4]`)})
          ELSE json_build_array(${offer('1 + k % 4', `${answers}[1 + (k / 4) % 4]`)}, ${offer('1 + (k + 1) % 4', `${answers}[1 + (k / 8) % 4]`)}) END,
        'monthlyRevenue', 25.5, 'segment', NULL, 'product', NULL, 'statedReasonId', NULL,
        'timings', CASE WHEN k % 10 = 0 THEN NULL ELSE json_build_object('talkMs', 200000 + k % 90000, 'wrapMs', 20000 + k % 30000,
          'stageMs', json_build_object('apologize', 10000 + k % 5000, 'listen', 60000 + k % 40000, 'diagnose', 40000 + k % 20000, 'assist', 50000 + k % 15000, 'offer', 40000 + k % 10000)) END)::text AS payload
      FROM generate_series(1, ${calls}) k`),
    insert(`SELECT i AS n, 'ev-r-' || i AS id, 'customer.returned' AS kind, 'E-' || i AS subject,
      json_build_object('externalId', 'E-' || i, 'returnedOn', '2026-' || lpad((1 + i % 12)::text, 2, '0') || '-20', 'monthlyRevenue', CASE WHEN i % 3 = 0 THEN NULL ELSE 19.99 END)::text AS payload
      FROM generate_series(7, ${customers}, 7) i`),
    insert(`SELECT i AS n, 'ev-l-' || i AS id, 'customer.relost' AS kind, 'E-' || i AS subject,
      json_build_object('externalId', 'E-' || i, 'relostAt', '2027-' || lpad((1 + i % 12)::text, 2, '0') || '-05T00:00:00.000Z')::text AS payload
      FROM generate_series(70, ${customers}, 70) i`),
  ];
}

export const hubEffectBenchmark: Benchmark = {
  name: 'hub-effect',
  run: async ({ quick, dir, log }) => {
    const calls = quick ? 20_000 : 1_000_000;
    const customers = quick ? 4_000 : 200_000;
    const schema = `hub_effect_money_${calls}`;
    const url = new URL(PG_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    let store: HubStore | null = null;
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      const built = (await client.query<{ found: string | null }>("SELECT to_regclass('bench_effect_done')::text AS found")).rows[0]?.found;
      if (!built) await client.query(`DROP SCHEMA ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      store = await openHubStore({ dataDir: dir, databaseUrl: url.toString() });
      if (!built) {
        const writing = performance.now();
        log(`  hub-effect: writing ${calls.toLocaleString('en-US')} call events to ${customers.toLocaleString('en-US')} customers into ${schema} (load average ${loadAverage()})`);
        for (const s of eventsSql(calls, customers)) await client.query(s);
        for (const s of FIXTURE_PROJECTIONS_SQL.slice(0, 2)) await client.query(s);
        await client.query('ANALYZE');
        log(`  hub-effect: events and projections in ${((performance.now() - writing) / 1000).toFixed(0)} s`);
        const filling = performance.now();
        await fillEffectCells(store.db as never, 'postgres');
        await client.query('ANALYZE');
        await client.query('CREATE TABLE bench_effect_done (at text)');
        log(`  hub-effect: cells filled by effect_002_money_cells's backfill in ${((performance.now() - filling) / 1000).toFixed(0)} s (load average ${loadAverage()})`);
      } else log(`  hub-effect: reusing ${schema}`);
      const held = store;
      const iterations = quick ? 5 : 7;
      const measuredAt = loadAverage();
      let offers: unknown;
      let handle: unknown;
      const offersCells = await measure(async () => {
        offers = await offerEconomicsOrgWide(held, {});
      }, { warmup: 1, iterations });
      const handleCells = await measure(async () => {
        handle = await handleTimeOrgWide(held, {});
      }, { warmup: 1, iterations });
      let offersRaw: unknown;
      let handleRaw: unknown;
      const offersEvents = await measure(async () => {
        offersRaw = await offerEconomicsFromEvents(held, {});
      }, { warmup: 0, iterations: 1 });
      const handleEvents = await measure(async () => {
        handleRaw = await handleTimeFromEvents(held, {});
      }, { warmup: 0, iterations: 1 });
      const after = loadAverage();
      const counts = (await client.query<{ calls: string; made: string; won: string; handle: string }>(
        'SELECT (SELECT count(*) FROM effect_calls) AS calls, (SELECT count(*) FROM effect_made_cells) AS made, (SELECT count(*) FROM effect_won_cells) AS won, (SELECT count(*) FROM effect_handle_cells) AS handle',
      )).rows[0];
      const size = `${calls.toLocaleString('en-US')} call events, ${customers.toLocaleString('en-US')} customers (PostgreSQL)`;
      const cellsNote = `${counts?.made ?? '?'} offers-made, ${counts?.won ?? '?'} won-back and ${counts?.handle ?? '?'} handle-time cells from ${counts?.calls ?? '?'} calls; load average ${measuredAt} before, ${after} after`;
      const sameOffers = JSON.stringify(offers) === JSON.stringify(offersRaw);
      const sameHandle = JSON.stringify(handle) === JSON.stringify(handleRaw);
      const results: BenchResult[] = [
        judged({
          name: `hub offer economics, ${size}`,
          value: offersCells.median,
          unit: 'ms',
          target: 150,
          baseline: offersEvents.median,
          ratioTarget: null,
          note: `median of ${offersCells.samples} reads of the cells, p95 ${offersCells.p95.toFixed(1)} ms; baseline: every event folded (one run). ${cellsNote}.${sameOffers ? ' Baseline verified: same report.' : ' BASELINE INVALID: the reports differ.'}`,
        }),
        judged({
          name: `hub handle time, ${size}`,
          value: handleCells.median,
          unit: 'ms',
          target: 150,
          baseline: handleEvents.median,
          ratioTarget: null,
          note: `median of ${handleCells.samples} reads of the cells, p95 ${handleCells.p95.toFixed(1)} ms; baseline: every event folded (one run). ${cellsNote}.${sameHandle ? ' Baseline verified: same report.' : ' BASELINE INVALID: the reports differ.'}`,
        }),
      ];
      return results.map((r, i) => ((i === 0 ? sameOffers : sameHandle) ? r : { ...r, pass: false }));
    } finally {
      await store?.close();
      await client.end();
    }
  },
};
