/**
 * `npm run load:hub [-- --consoles 200] [-- --seconds 60] [-- --only one|two|two-global]`: the hub
 * under a floor's load, on PostgreSQL (DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test).
 * Not part of `npm test`: it takes minutes and the whole machine.
 *
 * Each phase starts `winback hub serve` processes on a fresh schema and runs simulated consoles
 * against them for the given time. A console works like a real one: one batch at the hub at a time
 * (new departures, completed calls, corrections of its earlier calls), a short pause, the next; its
 * presence on every change of call and every 15 s; five managers read the board every 2 s. At the
 * end the store must hold exactly the events the consoles were told were stored, and the reports
 * must count exactly the calls, recoveries and departures sent.
 *
 * Phases: one hub; two hubs (consoles split between them); two hubs with the old global ingest lock
 * (HUB_INGEST_LOCK=global), to measure what that lock costs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openHubStore, type HubStore } from '../../hub/store/connect';
import { createToken } from '../../hub/tokens';
import { reasonsReport } from '../../hub/trends';
import type { EventEnvelope, EventKind, EventPayload } from '../../shared/sync/events';
import type { PresenceReport } from '../../shared/sync/board';
import { STAGES } from '../../shared/domain/stages';

const ROOT = join(import.meta.dirname, '..', '..');
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function option(name: string, fallback: number): number {
  const i = process.argv.lastIndexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
const CONSOLES = option('--consoles', 200);
const SECONDS = option('--seconds', 60);
const onlyIndex = process.argv.lastIndexOf('--only');
const ONLY = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
const MANAGERS = 5;
const BOARD_EVERY_MS = 2_000;
const PRESENCE_EVERY_MS = 15_000;
const THINK_MS = [200, 600] as const;

const say = (line: string) => process.stderr.write(`${line}\n`);

interface Phase {
  name: string;
  hubs: number;
  lock: 'subjects' | 'global';
}
const PHASES: Phase[] = [
  { name: 'one', hubs: 1, lock: 'subjects' },
  { name: 'two', hubs: 2, lock: 'subjects' },
  { name: 'two-global', hubs: 2, lock: 'global' },
];

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/**
 * What the hubs logged as failed requests, by message and error code: a 500 the consoles saw says
 * only "internal", the hub's log says why (a deadlock, 40P01, say). Filled by every hub process.
 */
const hubFailures = new Map<string, number>();

/** Counts the hub's error lines; the rest of its log (a JSON line per batch, thousands a second) is passed over. */
function countFailures(chunk: string): void {
  if (!chunk.includes('"level":"error"')) return;
  for (const line of chunk.split('\n')) {
    if (!line.includes('"level":"error"')) continue;
    try {
      const entry = JSON.parse(line) as { message?: string; error?: string };
      const what = `${entry.message ?? 'error'} (${entry.error ?? 'no code'})`;
      hubFailures.set(what, (hubFailures.get(what) ?? 0) + 1);
    } catch {
      hubFailures.set('unreadable error line', (hubFailures.get('unreadable error line') ?? 0) + 1);
    }
  }
}

async function startHubProcess(env: Record<string, string>, dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'winback.mjs'), 'hub', 'serve', '--port', '0', '--data', dataDir], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let partial = '';
  child.stderr?.on('data', (d: Buffer) => {
    const text = partial + d.toString();
    const end = text.lastIndexOf('\n');
    partial = text.slice(end + 1);
    countFailures(text.slice(0, end + 1));
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^listening (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}`)));
  });
  return { url, child };
}

async function stopHub(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

interface Tally {
  syncMs: number[];
  boardMs: number[];
  presenceMs: number[];
  events: number;
  errors: Map<string, number>;
}

function error(t: Tally, what: string): void {
  t.errors.set(what, (t.errors.get(what) ?? 0) + 1);
}

/** What the consoles were told was stored, to check the store and the reports against. */
interface Expected {
  acked: Set<string>;
  departures: Set<string>;
  outcomes: Map<string, 'recovered' | 'declined'>;
}

class SimConsole {
  private seq = 0;
  private presenceSeq = 0;
  private customers = 0;
  private calls: string[] = [];
  private stage = 0;
  private since = Date.now();
  readonly id = randomUUID();
  constructor(
    private readonly index: number,
    private readonly token: string,
    private readonly hub: string,
  ) {}

  private envelope<K extends EventKind>(kind: K, payload: EventPayload<K>): EventEnvelope {
    this.seq += 1;
    return { id: randomUUID(), kind, consoleId: this.id, seq: this.seq, occurredAt: new Date().toISOString(), payload };
  }

  /** A batch as a busy desk writes it: new departures, completed calls, and a few corrections. */
  private batch(expected: Expected): { events: EventEnvelope[]; outcomes: Map<string, 'recovered' | 'declined'>; departures: string[] } {
    const events: EventEnvelope[] = [];
    const outcomes = new Map<string, 'recovered' | 'declined'>();
    const departures: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const externalId = `L-${this.index}-${this.customers}`;
      this.customers += 1;
      departures.push(externalId);
      events.push(this.envelope('customer.departed', {
        externalId, cycle: 'LOAD', departedAt: '2026-11-03', statedReasonText: 'Price too high', statedReasonId: 'price.too-expensive',
        statedCategoryId: 'price', monthlyRevenue: 10 + (this.customers % 50), segment: 'Month-to-month', product: 'Fiber optic', frontlineTeam: 'Billing desk',
      }));
    }
    for (let i = 0; i < 15; i += 1) {
      const callId = `${this.id}-${this.calls.length}`;
      const outcome = this.calls.length % 5 === 0 ? 'recovered' : 'declined';
      this.calls.push(callId);
      outcomes.set(callId, outcome);
      events.push(this.envelope('call.completed', {
        callId, externalId: `L-${this.index}-${Math.floor(Math.random() * this.customers)}`, cycle: 'LOAD', completedAt: new Date().toISOString(),
        callerId: `p-${this.index}`, callerName: `Agent ${this.index}`, callerRole: 'agent', outcome, reasonConfirmed: true,
        diagnosedReasons: [{ reasonId: 'competitor.better-offer', categoryId: 'competitor', primary: true }], offers: [],
        monthlyRevenue: 25, segment: 'Month-to-month', product: 'Fiber optic', statedReasonId: 'price.too-expensive', frontlineTeam: 'Billing desk',
      }));
    }
    // Corrections of earlier calls (already stored): a declined call turns out recovered.
    for (let i = 0; i < 5 && this.calls.length > 40; i += 1) {
      const callId = this.calls[Math.floor(Math.random() * (this.calls.length - 15))] ?? '';
      if (!expected.outcomes.has(callId)) continue;
      outcomes.set(callId, 'recovered');
      events.push(this.envelope('call.amended', { callId, amendedAt: new Date().toISOString(), amendedBy: `p-${this.index}`, outcome: 'recovered' }));
    }
    return { events, outcomes, departures };
  }

  async sync(tally: Tally, expected: Expected): Promise<void> {
    const { events, outcomes, departures } = this.batch(expected);
    const body = JSON.stringify({ events });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const started = performance.now();
      try {
        const res = await fetch(`${this.hub}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' }, body });
        const answer = (await res.json()) as { accepted?: string[]; duplicate?: string[]; rejected?: unknown[] };
        tally.syncMs.push(performance.now() - started);
        if (res.status !== 200) {
          error(tally, `sync HTTP ${res.status}`);
          continue;
        }
        if ((answer.rejected?.length ?? 0) > 0) error(tally, 'events rejected');
        for (const id of [...(answer.accepted ?? []), ...(answer.duplicate ?? [])]) expected.acked.add(id);
        for (const [k, v] of outcomes) expected.outcomes.set(k, v);
        for (const d of departures) expected.departures.add(d);
        tally.events += events.length;
        // The call screen moves on: a new stage, the occasional call finished.
        this.stage = (this.stage + 1) % (STAGES.length + 1);
        this.since = Date.now();
        return;
      } catch {
        error(tally, 'sync network');
      }
    }
  }

  async presence(tally: Tally): Promise<void> {
    this.presenceSeq += 1;
    const stage = STAGES[this.stage] ?? null;
    const report: PresenceReport = {
      consoleId: this.id, seq: this.presenceSeq, state: stage ? 'in_call' : 'idle', stage, customerId: stage ? `L-${this.index}-${this.customers - 1}` : null,
      pauseReasonId: null, pauseReason: null, inStateForMs: Date.now() - this.since, day: new Date().toISOString().slice(0, 10), utcOffsetMinutes: 0,
      today: { calls: this.calls.length, recovered: Math.floor(this.calls.length / 5), revenueBack: 0 },
    };
    const started = performance.now();
    try {
      const res = await fetch(`${this.hub}/v1/presence`, { method: 'POST', headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' }, body: JSON.stringify(report) });
      await res.arrayBuffer();
      tally.presenceMs.push(performance.now() - started);
      if (res.status !== 200) error(tally, `presence HTTP ${res.status}`);
    } catch {
      error(tally, 'presence network');
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = ([lo, hi]: readonly [number, number]) => lo + Math.random() * (hi - lo);

async function runPhase(phase: Phase): Promise<Record<string, string | number>> {
  const schema = `hub_load_${phase.name.replace(/\W/g, '_')}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  const dataDir = mkdtempSync(join(tmpdir(), 'winback-load-'));
  const hubs: { url: string; child: ChildProcess }[] = [];
  let store: HubStore | null = null;
  try {
    store = await openHubStore({ dataDir, databaseUrl });
    const tokens: string[] = [];
    for (let i = 0; i < CONSOLES; i += 1) tokens.push(await createToken(store, { name: `Agent ${String(i).padStart(3, '0')}`, role: 'agent' }, new Date()));
    const managers: string[] = [];
    for (let i = 0; i < MANAGERS; i += 1) managers.push(await createToken(store, { name: `Manager ${i}`, role: 'manager' }, new Date()));
    for (let h = 0; h < phase.hubs; h += 1) hubs.push(await startHubProcess({ DATABASE_URL: databaseUrl, HUB_INGEST_LOCK: phase.lock }, dataDir));

    const tally: Tally = { syncMs: [], boardMs: [], presenceMs: [], events: 0, errors: new Map() };
    hubFailures.clear();
    const expected: Expected = { acked: new Set(), departures: new Set(), outcomes: new Map() };
    const consoles = tokens.map((t, i) => new SimConsole(i, t, hubs[i % hubs.length]?.url ?? ''));
    const deadline = Date.now() + SECONDS * 1000;
    say(`phase ${phase.name}: ${phase.hubs} hub${phase.hubs > 1 ? 's' : ''}, ingest lock ${phase.lock}, ${CONSOLES} consoles, ${SECONDS} s…`);
    const started = performance.now();
    const workers = consoles.map(async (c) => {
      await sleep(Math.random() * 1000);
      let nextPresence = 0;
      while (Date.now() < deadline) {
        await c.sync(tally, expected);
        if (Date.now() >= nextPresence) {
          await c.presence(tally);
          nextPresence = Date.now() + PRESENCE_EVERY_MS;
        } else if (Math.random() < 0.3) {
          await c.presence(tally); // a change of call or stage goes at once
        }
        await sleep(between(THINK_MS));
      }
    });
    const boards = managers.map(async (token, m) => {
      const hub = hubs[m % hubs.length]?.url ?? '';
      while (Date.now() < deadline) {
        const t0 = performance.now();
        try {
          const res = await fetch(`${hub}/v1/board`, { headers: { authorization: `Bearer ${token}` } });
          const board = (await res.json()) as { rows?: unknown[] };
          tally.boardMs.push(performance.now() - t0);
          if (res.status !== 200 || board.rows?.length !== CONSOLES + MANAGERS) error(tally, `board ${res.status}`);
        } catch {
          error(tally, 'board network');
        }
        await sleep(BOARD_EVERY_MS);
      }
    });
    await Promise.all([...workers, ...boards]);
    const seconds = (performance.now() - started) / 1000;

    // The exactness check: what the store holds and what the reports count.
    const held = await store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const report = await reasonsReport(store, { cycle: 'LOAD' });
    const recovered = [...expected.outcomes.values()].filter((o) => o === 'recovered').length;
    const exact =
      Number(held.n) === expected.acked.size &&
      report.totals.calls === expected.outcomes.size &&
      report.totals.recovered === recovered &&
      report.totals.departed === expected.departures.size;
    const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
    const sync = sorted(tally.syncMs);
    const board = sorted(tally.boardMs);
    const errors = [...tally.errors.values()].reduce((a, b) => a + b, 0);
    const row = {
      phase: phase.name,
      hubs: phase.hubs,
      lock: phase.lock,
      'events/s': Math.round(tally.events / seconds),
      batches: sync.length,
      'sync p50 ms': Math.round(percentile(sync, 50)),
      'sync p95 ms': Math.round(percentile(sync, 95)),
      'sync p99 ms': Math.round(percentile(sync, 99)),
      'board p50 ms': Math.round(percentile(board, 50)),
      'board p95 ms': Math.round(percentile(board, 95)),
      'board p99 ms': Math.round(percentile(board, 99)),
      'presence p95 ms': Math.round(percentile(sorted(tally.presenceMs), 95)),
      errors,
      exact: exact ? `yes (${expected.acked.size} events, ${report.totals.calls} calls, ${recovered} recovered, ${report.totals.departed} departed)` : `NO: store ${held.n} vs ${expected.acked.size} acked; calls ${report.totals.calls} vs ${expected.outcomes.size}; recovered ${report.totals.recovered} vs ${recovered}; departed ${report.totals.departed} vs ${expected.departures.size}`,
    };
    if (errors > 0) say(`  errors: ${JSON.stringify(Object.fromEntries(tally.errors))}`);
    if (hubFailures.size > 0) say(`  the hubs logged: ${JSON.stringify(Object.fromEntries(hubFailures))}`);
    return row;
  } finally {
    for (const h of hubs) await stopHub(h.child);
    await store?.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const rows: Record<string, string | number>[] = [];
for (const phase of PHASES.filter((p) => !ONLY || p.name === ONLY)) {
  const row = await runPhase(phase);
  rows.push(row);
  say(`  ${JSON.stringify(row)}`);
}
const columns = Object.keys(rows[0] ?? {});
process.stdout.write(`\nnpm run load:hub: ${CONSOLES} consoles, ${SECONDS} s per phase, ${MANAGERS} managers reading the board every ${BOARD_EVERY_MS / 1000} s, PostgreSQL ${new URL(PG_URL).host}\n\n`);
process.stdout.write(`| ${columns.join(' | ')} |\n| ${columns.map(() => '---').join(' | ')} |\n`);
for (const r of rows) process.stdout.write(`| ${columns.map((c) => String(r[c])).join(' | ')} |\n`);
const failed = rows.some((r) => r.errors !== 0 || !String(r.exact).startsWith('yes'));
process.stdout.write(`\n${failed ? 'FAILED: errors or an inexact store' : 'errors 0; every phase exact'}\n`);
process.exitCode = failed ? 1 : 0;
