import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import pg from 'pg';
import { openHubStore, type HubStore } from '../hub/store/connect';
import { ingestBatch } from '../hub/ingest';
import { reasonsReport } from '../hub/trends';
import { rebuildReasonCells } from '../hub/store/cellsBackfill';
import type { EventEnvelope, EventKind } from '../shared/sync/events';
import { measure } from './lib/measure';
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
 * The hub's events table at a company's scale, written by PostgreSQL itself (generate_series): one
 * event in five a departure, seven in ten a completed call, one in ten a correction. The payloads
 * are the events' own JSON, as ingest stores them.
 */
function fixtureSql(events: number): { departures: number; calls: number; amendments: number; sql: string } {
  const departures = Math.floor(events * 0.2);
  const calls = Math.floor(events * 0.7);
  const amendments = events - departures - calls;
  const reasons = `(ARRAY['price.too-expensive','competitor.better-offer','service.support-attitude','product.missing-feature','payment.failed-payment'])`;
  const categories = `(ARRAY['price','competitor','service','product','payment'])`;
  const segments = `(ARRAY['Month-to-month','One year','Two year'])`;
  const sql = `
INSERT INTO events (id, kind, console_id, seq, occurred_at, subject, payload, content_hash, sent_by, received_at)
SELECT 'd-' || i, 'customer.departed', 'console-' || (i % 200), i, '2026-11-01T00:00:00.000Z', 'B-' || i,
  json_build_object('cycle', 'C' || (i % 12), 'departedAt', '2026-' || lpad(((i % 12) + 1)::text, 2, '0') || '-03', 'externalId', 'B-' || i,
    'frontlineTeam', 'Team ' || (i % 8), 'monthlyRevenue', 10 + (i % 90), 'product', 'Product ' || (i % 4), 'segment', ${segments}[1 + i % 3],
    'statedCategoryId', ${categories}[1 + i % 5], 'statedReasonId', ${reasons}[1 + i % 5], 'statedReasonText', null)::text,
  md5('d' || i), 'Agent ' || (i % 200), '2026-11-01T00:00:00.000Z'
FROM generate_series(1, ${departures}) AS i;
INSERT INTO events (id, kind, console_id, seq, occurred_at, subject, payload, content_hash, sent_by, received_at)
SELECT 'c-' || k, 'call.completed', 'console-' || (k % 200), k, '2026-11-02T00:00:00.000Z', 'bc-' || k,
  json_build_object('callId', 'bc-' || k, 'callerId', 'p', 'callerName', 'Agent', 'callerRole', 'agent', 'completedAt', '2026-' || lpad(((k % 12) + 1)::text, 2, '0') || '-10T10:00:00.000Z',
    'cycle', 'C' || (k % 12), 'diagnosedReasons', json_build_array(json_build_object('categoryId', ${categories}[1 + k % 5], 'primary', true, 'reasonId', ${reasons}[1 + k % 5])),
    'externalId', 'B-' || (1 + k % ${departures}), 'frontlineTeam', 'Team ' || (k % 8), 'monthlyRevenue', 10 + (k % 90), 'offers', json_build_array(),
    'outcome', CASE WHEN k % 5 = 0 THEN 'recovered' ELSE 'declined' END, 'product', 'Product ' || (k % 4), 'reasonConfirmed', true,
    'segment', ${segments}[1 + k % 3], 'statedReasonId', ${reasons}[1 + k % 5])::text,
  md5('c' || k), 'Agent ' || (k % 200), '2026-11-02T00:00:00.000Z'
FROM generate_series(1, ${calls}) AS k;
INSERT INTO events (id, kind, console_id, seq, occurred_at, subject, payload, content_hash, sent_by, received_at)
SELECT 'a-' || j, 'call.amended', 'console-' || (j % 200), j, '2026-11-03T00:00:00.000Z', 'bc-' || (1 + (j * 7) % ${calls}),
  json_build_object('amendedAt', '2026-11-03T00:00:00.000Z', 'amendedBy', 'p', 'callId', 'bc-' || (1 + (j * 7) % ${calls}), 'outcome', 'recovered')::text,
  md5('a' || j), 'Agent ' || (j % 200), '2026-11-03T00:00:00.000Z'
FROM generate_series(1, ${amendments}) AS j;
-- The projections, as ingest folds them: each customer's description, each call with its corrections.
INSERT INTO departures SELECT p->>'externalId', p->>'cycle', p->>'departedAt', p->>'statedReasonText', p->>'statedReasonId', p->>'statedCategoryId',
  (p->>'monthlyRevenue')::float8, p->>'segment', p->>'product', p->>'frontlineTeam', rid
FROM (SELECT rid, payload::json AS p FROM events WHERE kind = 'customer.departed') d;
INSERT INTO calls SELECT p->>'callId', p->>'externalId', p->>'cycle', p->>'completedAt', p->>'callerRole', coalesce(am.outcome, p->>'outcome'),
  (p->>'monthlyRevenue')::float8, p->>'segment', p->>'product', p->>'frontlineTeam', p->>'statedReasonId',
  p->'diagnosedReasons'->0->>'reasonId', p->'diagnosedReasons'->0->>'categoryId', coalesce(am.n, 0), greatest(c.rid, coalesce(am.last_rid, 0))
FROM (SELECT rid, subject, payload::json AS p FROM events WHERE kind = 'call.completed') c
LEFT JOIN (SELECT subject, count(*) AS n, max(rid) AS last_rid, (array_agg(payload::json->>'outcome' ORDER BY rid DESC))[1] AS outcome
           FROM events WHERE kind = 'call.amended' GROUP BY subject) am ON am.subject = c.subject;
ANALYZE events; ANALYZE departures; ANALYZE calls;`;
  return { departures, calls, amendments, sql };
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

/** At quick size, the SQL-built projections are checked against ingest's own fold of the same events. */
async function sameAsIngest(store: HubStore, databaseUrl: string, dataDir: string): Promise<boolean> {
  const rows = await store.db.selectFrom('events').select(['id', 'kind', 'payload']).orderBy('rid').execute();
  const schema = `hub_bench_check_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const other = await openHubStore({ dataDir, databaseUrl: url.toString() });
  try {
    const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const envelopes: EventEnvelope[] = rows.map((r, i) => ({ id: uuid(i + 1), kind: r.kind as EventKind, consoleId: 'bench', seq: i + 1, occurredAt: '2026-11-01T00:00:00.000Z', payload: JSON.parse(r.payload) as unknown }));
    for (let i = 0; i < envelopes.length; i += 2000) await ingestBatch(other, envelopes.slice(i, i + 2000), { name: 'bench', role: 'agent' }, new Date());
    for (const by of ['stated', 'diagnosed'] as const) {
      const [a, b] = await Promise.all([reasonsReport(store, { by }), reasonsReport(other, { by })]);
      if (JSON.stringify(a) !== JSON.stringify(b)) return false;
    }
    return true;
  } finally {
    await other.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

export const hubScaleBenchmark: Benchmark = {
  name: 'hub-scale',
  run: async ({ quick, dir, log }) => {
    const events = quick ? 20_000 : 10_000_000;
    const name = `org-wide reasons report over ${events.toLocaleString('en-US')} events (PostgreSQL)`;
    const url = new URL(PG_URL);
    if (!(await answers(url.hostname, Number(url.port || 5432)))) {
      return [judged({ name, value: Number.NaN, unit: 'ms', target: 100, baseline: null, ratioTarget: null, note: 'skipped: no PostgreSQL (DATABASE_URL or 127.0.0.1:5432)' })];
    }
    // HUB_SCALE_SCHEMA names a schema to build the fixture in and keep: the 10,000,000 events take
    // half an hour to write on two shared cores, so a second run reads the same fixture again (and
    // the hub's migrations bring it up to date on opening, as they would an operator's store).
    const kept = process.env.HUB_SCALE_SCHEMA;
    if (kept !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(kept)) throw new Error(`HUB_SCALE_SCHEMA must be a plain lower-case schema name, not ${JSON.stringify(kept)}`);
    const schema = kept ?? `hub_bench_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const opening = performance.now();
    const store = await openHubStore({ dataDir: dir, databaseUrl: url.toString() });
    log(`  store opened (and migrated) in ${((performance.now() - opening) / 1000).toFixed(1)} s`);
    try {
      if (store.dialect !== 'postgres') throw new Error('the hub-scale benchmark runs on PostgreSQL');
      const pool = store.pool;
      const fixture = fixtureSql(events);
      const held = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]?.n ?? 0);
      if (held === 0) {
        const built = performance.now();
        const client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
        try {
          await client.query(fixture.sql);
        } finally {
          await client.end();
        }
        log(`  ${events.toLocaleString('en-US')} events and their projections written by PostgreSQL in ${((performance.now() - built) / 1000).toFixed(0)} s`);
        // The fixture's projections were written by SQL, not by ingest: build their cells as the migration does.
        const summing = performance.now();
        const cells = await rebuildReasonCells(store.db);
        log(`  cells built for ${cells.customers.toLocaleString('en-US')} customers (${cells.statedCells} stated, ${cells.diagnosedCells} diagnosed) in ${((performance.now() - summing) / 1000).toFixed(1)} s`);
      } else if (held !== events) {
        throw new Error(`schema ${schema} holds ${held} events, not the ${events} of this size: drop it or name another`);
      } else {
        log(`  ${events.toLocaleString('en-US')} events kept in schema ${schema} from an earlier run`);
      }
      if (quick && !(await sameAsIngest(store, url.toString(), dir))) throw new Error('the fixture\'s projections differ from what ingest folds from the same events');
      const iterations = quick ? 5 : 7;
      const projected = await measure(() => reasonsReport(store, { by: 'stated' }), { warmup: 1, iterations });
      const diagnosed = await measure(() => reasonsReport(store, { by: 'diagnosed' }), { warmup: 1, iterations });
      const raw = await measure(() => pool.query(RAW_REPORT), { warmup: 0, iterations: quick ? 3 : 1 });
      const note = `${fixture.departures.toLocaleString('en-US')} departures, ${fixture.calls.toLocaleString('en-US')} calls, ${fixture.amendments.toLocaleString('en-US')} corrections; baseline: the same report folded from the events table`;
      return [
        judged({ name: `${name}, by stated reason`, value: projected.median, unit: 'ms', target: 100, baseline: raw.median, ratioTarget: null, note }),
        judged({ name: `${name}, by diagnosed reason`, value: diagnosed.median, unit: 'ms', target: 100, baseline: raw.median, ratioTarget: null, note }),
      ] satisfies BenchResult[];
    } finally {
      await store.close();
      if (kept === undefined) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  },
};
