import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDatabase, type Db } from '../db/open';
import { prepareEnqueueEvent } from '../db/repos/outbox';
import { openHubStore } from '../hub/store/connect';
import { createToken } from '../hub/tokens';
import { createHubClient } from '../electron/backend/sync/hubClient';
import { pushOutbox } from '../electron/backend/sync/sender';
import { BASE_EVENTS_PER_BATCH, MAX_EVENTS_PER_BATCH } from '../shared/sync/hubApi';
import { SEGMENTS, PRODUCTS, seededRandom } from './lib/fixtures';
import { judged, type BenchResult, type Benchmark } from './types';

const NOW = new Date('2026-11-16T15:00:00Z');
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
 * An outbox as a busy console leaves it after a day offline: mostly departures from an import,
 * one event in five a completed call with its reasons and offers.
 */
function fillOutbox(db: Db, events: number): void {
  const rnd = seededRandom(5);
  const enqueue = prepareEnqueueEvent(db);
  const at = NOW.toISOString();
  db.transaction(() => {
    for (let i = 0; i < events; i += 1) {
      const externalId = `SYNC-${String(i).padStart(7, '0')}`;
      const revenue = Math.round((18 + rnd() * 100) * 100) / 100;
      const segment = SEGMENTS[i % 3] ?? null;
      const product = PRODUCTS[i % 3] ?? null;
      if (i % 5 === 4) {
        enqueue(
          'call.completed',
          {
            callId: randomUUID(),
            externalId,
            cycle: 'November 2026',
            completedAt: at,
            callerId: 'bench-caller',
            callerName: 'Bench Caller',
            callerRole: 'agent',
            outcome: i % 3 === 0 ? 'recovered' : 'considering',
            reasonConfirmed: true,
            diagnosedReasons: [{ reasonId: 'price.too-expensive', categoryId: 'price', primary: true }],
            offers: [{ offerId: 'offer.loyalty-discount', answer: i % 3 === 0 ? 'accepted' : 'declined' }],
            monthlyRevenue: revenue,
            segment,
            product,
            statedReasonId: 'price.too-expensive',
            frontlineTeam: `Team ${i % 5}`,
          },
          at,
        );
      } else {
        enqueue(
          'customer.departed',
          {
            externalId,
            cycle: 'November 2026',
            departedAt: '2026-11-02',
            statedReasonText: 'Price too high',
            statedReasonId: 'price.too-expensive',
            statedCategoryId: 'price',
            monthlyRevenue: revenue,
            segment,
            product,
            frontlineTeam: `Team ${i % 5}`,
          },
          at,
        );
      }
    }
  })();
}

interface HubChild {
  url: string;
  child: ChildProcess;
}

/** `winback hub serve` in a process of its own, as a team runs it; resolves once it listens. */
async function startHubProcess(dataDir: string, databaseUrl: string | undefined): Promise<HubChild> {
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'winback.mjs'), 'hub', 'serve', '--port', '0', '--data', dataDir], {
    env: { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '' }) },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let seen = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = /listening (\S+)/.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`winback hub serve exited with ${String(code)} before listening`)));
  });
  return { url, child };
}

async function stopHubProcess(hub: HubChild): Promise<void> {
  if (hub.child.exitCode !== null) return;
  hub.child.kill('SIGTERM');
  await once(hub.child, 'exit');
}

/** Raw floor for SQLite: the outbox rows copied into a plain table of another file, one transaction. */
function rawSqliteCopy(consoleDb: Db, path: string): number {
  const target = new Database(path);
  try {
    target.pragma('journal_mode = WAL');
    target.pragma('synchronous = FULL');
    target.exec('CREATE TABLE events (id TEXT PRIMARY KEY, kind TEXT, seq INTEGER, occurred_at TEXT, payload TEXT)');
    const insert = target.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?)');
    const rows = consoleDb.prepare('SELECT id, kind, seq, created_at, payload FROM outbox ORDER BY seq').raw().all() as unknown[][];
    target.transaction(() => {
      for (const r of rows) insert.run(r);
    })();
    return rows.length;
  } finally {
    target.close();
  }
}

/** Raw floor for PostgreSQL: the outbox rows inserted 1,000 to a statement in one transaction. */
async function rawPostgresCopy(consoleDb: Db, url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE raw_events (id TEXT PRIMARY KEY, kind TEXT, seq INTEGER, occurred_at TEXT, payload TEXT)');
    const rows = consoleDb.prepare('SELECT id, kind, seq, created_at, payload FROM outbox ORDER BY seq').raw().all() as unknown[][];
    await client.query('BEGIN');
    for (let i = 0; i < rows.length; i += 1000) {
      const part = rows.slice(i, i + 1000);
      const values = part.map((_, j) => `($${j * 5 + 1}, $${j * 5 + 2}, $${j * 5 + 3}, $${j * 5 + 4}, $${j * 5 + 5})`).join(', ');
      await client.query(`INSERT INTO raw_events VALUES ${values}`, part.flat());
    }
    await client.query('COMMIT');
    return rows.length;
  } finally {
    await client.end();
  }
}

/**
 * Syncing a console's outbox to the hub: the console's sender (batches as large as the hub takes,
 * each marked sent only once the hub acknowledges it) against `winback hub serve` running in a process of its own,
 * which checks every event, stores it idempotently (content hash, ON CONFLICT DO NOTHING) and
 * updates its trend projections, one transaction per batch. Over loopback HTTP, with the hub's
 * default limits. Against the embedded SQLite store always, and PostgreSQL when one answers on
 * 127.0.0.1:5432 (or DATABASE_URL), in a schema of its own that is dropped afterwards.
 *
 * Baselines: the same rows copied raw into a plain table of the same kind of store, in one
 * transaction, without HTTP or checks.
 */
export const syncBenchmark: Benchmark = {
  name: 'sync',
  run: async (ctx) => {
    const events = ctx.quick ? 5_000 : 100_000;
    const results: BenchResult[] = [];
    const postgres = process.env.DATABASE_URL ? true : await answers('127.0.0.1', 5432);
    const stores: { kind: 'sqlite' | 'postgres'; target: number }[] = [
      { kind: 'sqlite', target: 20_000 },
      ...(postgres ? [{ kind: 'postgres' as const, target: 10_000 }] : []),
    ];
    if (!postgres) ctx.log('sync: no PostgreSQL answers on 127.0.0.1:5432 (and no DATABASE_URL); its figure is left out.');

    for (const { kind, target } of stores) {
      const consoleDb = openDatabase(join(ctx.dir, `console-${kind}.db`));
      const dataDir = join(ctx.dir, `hub-${kind}`);
      const schema = `bench_sync_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      let databaseUrl: string | undefined;
      if (kind === 'postgres') {
        const admin = new pg.Client({ connectionString: PG_URL });
        await admin.connect();
        await admin.query(`CREATE SCHEMA ${schema}`);
        await admin.end();
        const u = new URL(PG_URL);
        u.searchParams.set('options', `-c search_path=${schema}`);
        databaseUrl = u.toString();
      }
      let hub: HubChild | null = null;
      try {
        fillOutbox(consoleDb, events);
        const store = await openHubStore({ dataDir, databaseUrl });
        const token = await createToken(store, { name: 'Bench Console', role: 'agent' }, NOW);
        await store.close();
        hub = await startHubProcess(dataDir, databaseUrl);

        const client = createHubClient({ url: hub.url, token });
        const start = performance.now();
        const pushed = await pushOutbox(consoleDb, client, { now: () => NOW });
        const seconds = (performance.now() - start) / 1000;
        await stopHubProcess(hub);

        const check = await openHubStore({ dataDir, databaseUrl });
        const held = Number((await check.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
        await check.close();

        const rawStart = performance.now();
        const copied = kind === 'sqlite' ? rawSqliteCopy(consoleDb, join(ctx.dir, 'raw-events.db')) : await rawPostgresCopy(consoleDb, databaseUrl ?? PG_URL);
        const rawSeconds = (performance.now() - rawStart) / 1000;

        const problems: string[] = [];
        if (pushed.error) problems.push(`the push stopped: ${pushed.error.message}`);
        if (pushed.sent !== events || pushed.pending !== 0 || held !== events) problems.push(`${pushed.sent} sent, ${pushed.pending} pending, ${held} held by the hub, of ${events}`);
        if (copied !== events) problems.push(`the raw copy wrote ${copied}`);
        const result = judged({
          name: `sync ${events.toLocaleString('en-US')} events console -> hub (${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
          value: events / seconds,
          unit: 'events/s',
          target: ctx.quick ? null : target,
          baseline: copied / rawSeconds,
          ratioTarget: null,
          higherIsBetter: true,
          note:
            `${events.toLocaleString('en-US')} events in ${seconds.toFixed(2)} s, batches of up to ${MAX_EVENTS_PER_BATCH.toLocaleString('en-US')} (the first of ${BASE_EVENTS_PER_BATCH}) over loopback HTTP to winback hub serve in its own process; baseline: the same rows copied raw into a plain ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} table in one transaction.` +
            (ctx.quick ? ' Quick size: the target is for 100,000 events.' : '') +
            (problems.length > 0 ? ` INVALID: ${problems.join('; ')}.` : ''),
        });
        results.push(problems.length > 0 ? { ...result, pass: false } : result);
      } finally {
        if (hub) await stopHubProcess(hub);
        consoleDb.close();
        if (kind === 'postgres') {
          const admin = new pg.Client({ connectionString: PG_URL });
          await admin.connect();
          await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await admin.end();
        }
      }
    }
    return results;
  },
};
