import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { keptInEnglish } from '../../shared/i18n/english';
import { startSyncLoop } from '../../electron/backend/sync/loop';
import { createToken } from '../../hub/tokens';
import { startHub } from '../../hub/server';
import { reasonsReport } from '../../hub/trends';
import type { EventKind, EventPayload } from '../../shared/sync/events';
import type { Outcome } from '../../shared/domain/outcomes';
import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { FaultProxy, HubProcess, seeded, type Fault } from './faultProxy';
import { STORE_KINDS, storeFixture } from './stores';
import { amended, completed, departed, enqueue } from './events';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** 2,000 departures, 7,000 calls and 1,000 amendments, in the order a busy console writes them. */
function script(): { events: { kind: EventKind; payload: unknown }[]; outcomes: Map<string, Outcome> } {
  const events: { kind: EventKind; payload: unknown }[] = [];
  const outcomes = new Map<string, Outcome>();
  for (let i = 0; i < 2000; i += 1) events.push({ kind: 'customer.departed', payload: departed(`FX-${i}`, { cycle: 'FX', monthlyRevenue: 10 + (i % 7) }) });
  let amendments = 0;
  for (let k = 0; k < 7000; k += 1) {
    const outcome: Outcome = k % 5 === 0 ? 'recovered' : 'declined';
    const payload: EventPayload<'call.completed'> = completed(`fx-call-${k}`, `FX-${k % 2000}`, { cycle: 'FX', outcome, monthlyRevenue: 10 + ((k % 2000) % 7) });
    events.push({ kind: 'call.completed', payload });
    outcomes.set(payload.callId, outcome);
    if (k % 7 === 3 && amendments < 1000) {
      events.push({ kind: 'call.amended', payload: amended(payload.callId, { outcome: 'recovered' }) });
      outcomes.set(payload.callId, 'recovered');
      amendments += 1;
    }
  }
  return { events, outcomes };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const PLAN: Fault[] = ['pass', 'refuse-500', 'pass', 'close', 'twice', 'hang', 'pass', 'ack-then-close', 'kill', 'pass', 'ingest-then-500', 'twice', 'ingest-then-hang', 'pass', 'kill', 'close'];

function outboxIds(b: TestBackend): string[] {
  return b.db.prepare('SELECT id FROM outbox ORDER BY seq').pluck().all() as string[];
}

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`delivery under faults on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    it('10,000 events through a hub that is killed, fails, hangs and loses answers: each held exactly once', async () => {
      const fixture = await storeFixture(kind);
      cleanups.push(() => fixture.dispose());
      const setup = await fixture.open();
      const token = await createToken(setup, { name: 'Alex Agent', role: 'agent' }, new Date());
      await setup.close();

      const hubProcess = new HubProcess(fixture.dataDir, fixture.env);
      await hubProcess.start();
      cleanups.push(() => hubProcess.kill('SIGTERM'));
      const random = seeded(7);
      const proxy = new FaultProxy(hubProcess, (n) => PLAN[n] ?? 'pass', random);
      const proxyUrl = await proxy.listen();
      cleanups.push(() => proxy.close());

      const agent = testBackend();
      cleanups.push(() => agent.dispose());
      await signIn(agent.dispatch, { name: 'Alex Agent', role: 'agent' });
      await call(agent.dispatch, 'hub.settings.set', { url: proxyUrl, token });
      const { events, outcomes } = script();
      enqueue(agent.db, events);
      expect(events).toHaveLength(10_000);

      const loop = startSyncLoop(agent.deps, { idleMs: 50, baseDelayMs: 5, maxDelayMs: 100, timeoutMs: 1500, batchSize: 250, pullEveryMs: 0, random });
      cleanups.push(() => loop.stop());
      await expect
        .poll(() => agent.db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get(), { timeout: 110_000, interval: 200 })
        .toBe(0);
      await loop.stop();

      for (const fault of PLAN) expect(proxy.stats[fault], fault).toBeGreaterThan(0);
      expect(hubProcess.starts).toBe(3);
      expect(proxy.duplicatesReported).toBeGreaterThan(0);
      await proxy.close();
      await hubProcess.kill('SIGTERM');

      const store = await fixture.open();
      try {
        const held = await store.db.selectFrom('events').select(['id', 'sent_by']).execute();
        expect(held).toHaveLength(10_000);
        expect(new Set(held.map((h) => h.id))).toEqual(new Set(outboxIds(agent)));
        const amendmentsApplied = await store.db.selectFrom('calls').select((eb) => eb.fn.sum<number>('amendments').as('n')).executeTakeFirstOrThrow();
        expect(Number(amendmentsApplied.n)).toBe(1000);
        const report = await reasonsReport(store, { cycle: 'FX' });
        const recovered = [...outcomes.values()].filter((o) => o === 'recovered').length;
        expect(report.totals).toMatchObject({ departed: 2000, calls: 7000, recovered });
      } finally {
        await store.close();
      }
    });

    it('a console offline for a long time catches up once the hub is back, and says so meanwhile', async () => {
      const fixture = await storeFixture(kind);
      cleanups.push(() => fixture.dispose());
      const store = await fixture.open();
      cleanups.push(() => store.close());
      const token = await createToken(store, { name: 'Sam Agent', role: 'agent' }, new Date());
      const port = await freePort();

      const agent = testBackend();
      cleanups.push(() => agent.dispose());
      await signIn(agent.dispatch, { name: 'Sam Agent', role: 'agent' });
      await call(agent.dispatch, 'hub.settings.set', { url: `http://127.0.0.1:${port}`, token });
      // A week of calls made while the hub was unreachable.
      enqueue(agent.db, Array.from({ length: 4000 }, (_, k) => ({ kind: 'call.completed' as const, payload: completed(`off-${k}`, `OFF-${k % 900}`, { cycle: 'OFF' }) })));
      const loop = startSyncLoop(agent.deps, { idleMs: 50, baseDelayMs: 10, maxDelayMs: 200, timeoutMs: 1000, pullEveryMs: 0 });
      cleanups.push(() => loop.stop());
      await expect.poll(() => agent.db.prepare("SELECT value FROM settings WHERE key = 'sync.failures'").pluck().get(), { timeout: 10_000 }).toSatisfy((v) => Number(v) >= 3);
      const offline = await call(agent.dispatch, 'sync.status', {});
      expect(offline).toMatchObject({ online: false, pending: 4000, lastSyncAt: null });
      expect(keptInEnglish(offline.lastError ?? '')).toMatch(/^Could not reach the hub at 127\.0\.0\.1:\d+\. Events wait on this desk/);

      const hub = await startHub({ store, port, rateLimit: false });
      cleanups.push(() => hub.close());
      await expect.poll(async () => (await call(agent.dispatch, 'sync.status', {})).pending, { timeout: 30_000, interval: 100 }).toBe(0);
      expect(await call(agent.dispatch, 'sync.status', {})).toMatchObject({ online: true, lastError: null });
      const report = await reasonsReport(store, { cycle: 'OFF' });
      expect(report.totals.calls).toBe(4000);
      const held = await store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(held.n)).toBe(4000);
    });
  });
}
