import { connect } from 'node:net';
import os from 'node:os';
import pg from 'pg';
import { openHubStore, type HubStore } from '../hub/store/connect';
import { reasonsReport } from '../hub/trends';
import { reasonCellsBuild } from '../hub/store/cellsBackfill';
import { measure } from './lib/measure';
import { finishedFixture, fixtureShape, writeFixture } from './lib/hubFixture';
import { judged, type Benchmark, type BenchResult } from './types';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * The report the simplest way, from the events table alone: each customer's description, each
 * call's latest correction, folded at read time. What the hub would run without projections.
 */
const RAW_REPORT = `
WITH d AS (SELECT payload::json AS p FROM events WHERE kind = 'customer.departed'),
     am AS (SELECT subject, (array_agg(payload::json->>'outcome' ORDER BY rid DESC))[1] AS outcome FROM events WHERE kind = 'call.amended' GROUP BY subject),
     c AS (SELECT e.payload::json AS p, am.outcome AS amended FROM events e LEFT JOIN am ON am.subject = e.subject WHERE e.kind = 'call.completed')
SELECT reason, sum(departed) AS departed, sum(calls) AS calls, sum(recovered) AS recovered FROM (
  SELECT p->>'statedReasonId' AS reason, count(*) AS departed, 0 AS calls, 0 AS recovered FROM d GROUP BY 1
  UNION ALL
  SELECT p->>'statedReasonId', 0, count(*), sum(CASE WHEN coalesce(amended, p->>'outcome') = 'recovered' THEN 1 ELSE 0 END) FROM c GROUP BY 1
) x GROUP BY reason`;

/**
 * The benchmark's own database on the same server (winback_bench unless HUB_SCALE_DATABASE_URL
 * names another): building ten million events there holds no lock and fills no table that the
 * hub suite's schemas in the test database wait on.
 */
async function benchDatabase(log: (line: string) => void): Promise<string> {
  const named = process.env.HUB_SCALE_DATABASE_URL;
  if (named) return named;
  const url = new URL(PG_URL);
  url.pathname = `/${BENCH_DATABASE}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DATABASE]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
      log(`  created database ${BENCH_DATABASE}`);
    }
  } finally {
    await admin.end();
  }
  return url.toString();
}

const BENCH_DATABASE = 'winback_bench';

/** A range of days that starts and ends inside a month (the fixture's departures and calls fall in 2026 and early 2027). */
const RANGE = { by: 'stated', from: '2026-02-10', to: '2026-11-20' } as const;

const loadAverage = () => os.loadavg().map((n) => n.toFixed(1)).join(', ');

export const hubScaleBenchmark: Benchmark = {
  name: 'hub-scale',
  run: async ({ quick, dir, log }) => {
    // HUB_SCALE_EVENTS measures another size (a fixture of its own, kept like the others).
    const sized = process.env.HUB_SCALE_EVENTS;
    if (sized !== undefined && !/^[1-9]\d*$/.test(sized)) throw new Error(`HUB_SCALE_EVENTS must be a whole number of events, not ${JSON.stringify(sized)}`);
    const shape = fixtureShape(sized !== undefined ? Number(sized) : quick ? 20_000 : 10_000_000);
    const name = `org-wide reasons report over ${shape.events.toLocaleString('en-US')} events (PostgreSQL)`;
    const server = new URL(PG_URL);
    if (!(await answers(server.hostname, Number(server.port || 5432)))) {
      return [judged({ name, value: Number.NaN, unit: 'ms', target: 100, baseline: null, ratioTarget: null, note: 'skipped: no PostgreSQL (DATABASE_URL or 127.0.0.1:5432)' })];
    }
    // One schema per size, kept: a later run reads the fixture again once its marker says it was finished.
    const schema = `hub_scale_${shape.events}`;
    const url = new URL(await benchDatabase(log));
    url.searchParams.set('options', `-c search_path=${schema}`);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    let store: HubStore | null = null;
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      const kept = (await client.query<{ found: string | null }>(`SELECT to_regclass('events')::text AS found`)).rows[0]?.found ? await finishedFixture(client) : null;
      if (kept !== null && kept !== shape.events) throw new Error(`schema ${schema} holds a fixture of ${kept} events, not ${shape.events}`);
      if (kept === null) {
        // Never built, or a build that stopped half way (its transaction rolled back): start clean.
        await client.query(`DROP SCHEMA ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      }
      const opening = performance.now();
      store = await openHubStore({ dataDir: dir, databaseUrl: url.toString() });
      log(`  store opened (and migrated) in ${((performance.now() - opening) / 1000).toFixed(1)} s`);
      if (store.dialect !== 'postgres') throw new Error('the hub-scale benchmark runs on PostgreSQL');
      if (kept === null) {
        const building = performance.now();
        log(`  writing ${shape.events.toLocaleString('en-US')} events into ${url.pathname.slice(1)}.${schema} (load average ${loadAverage()})`);
        await writeFixture(url.toString(), shape, reasonCellsBuild('postgres'), log);
        log(`  fixture written in ${((performance.now() - building) / 1000).toFixed(0)} s (load average ${loadAverage()})`);
      } else {
        log(`  ${shape.events.toLocaleString('en-US')} events kept in ${url.pathname.slice(1)}.${schema} from an earlier run`);
      }
      const cells = (
        await client.query<{ stated: string; months: string; diagnosed: string }>(
          'SELECT (SELECT count(*) FROM cells_stated) AS stated, (SELECT count(*) FROM cells_stated_month) AS months, (SELECT count(*) FROM cells_diagnosed) AS diagnosed',
        )
      ).rows[0];
      const pool = store.pool;
      const held = store;
      const iterations = quick ? 5 : 7;
      const measuredAt = loadAverage();
      const stated = await measure(() => reasonsReport(held, { by: 'stated' }), { warmup: 1, iterations });
      // A range that cuts a month at each end: whole months from the monthly cells, the two edges' days from the daily ones.
      const ranged = await measure(() => reasonsReport(held, RANGE), { warmup: 1, iterations });
      const diagnosed = await measure(() => reasonsReport(held, { by: 'diagnosed' }), { warmup: 1, iterations });
      const raw = await measure(() => pool.query(RAW_REPORT), { warmup: 0, iterations: quick ? 3 : 1 });
      log(`  cells: stated ${stated.median.toFixed(1)} ms, stated ${RANGE.from} to ${RANGE.to} ${ranged.median.toFixed(1)} ms, diagnosed ${diagnosed.median.toFixed(1)} ms; raw ${raw.median.toFixed(0)} ms (load average ${measuredAt} before, ${loadAverage()} after)`);
      const note = `${shape.departures.toLocaleString('en-US')} departures, ${shape.calls.toLocaleString('en-US')} calls, ${shape.corrections.toLocaleString('en-US')} corrections; ${Number(cells?.stated ?? 0).toLocaleString('en-US')} daily and ${Number(cells?.months ?? 0).toLocaleString('en-US')} monthly stated and ${Number(cells?.diagnosed ?? 0).toLocaleString('en-US')} diagnosed cells; baseline: the same report folded from the events table; load average ${measuredAt}`;
      return [
        judged({ name: `${name}, by stated reason`, value: stated.median, unit: 'ms', target: 100, baseline: raw.median, ratioTarget: null, note }),
        judged({ name: `${name}, by stated reason, ${RANGE.from} to ${RANGE.to}`, value: ranged.median, unit: 'ms', target: 100, baseline: raw.median, ratioTarget: null, note }),
        judged({ name: `${name}, by diagnosed reason`, value: diagnosed.median, unit: 'ms', target: 100, baseline: raw.median, ratioTarget: null, note }),
      ] satisfies BenchResult[];
    } finally {
      await store?.close();
      await client.end();
    }
  },
};
