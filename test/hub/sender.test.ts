import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { keptInEnglish } from '../../shared/i18n/english';
import { createBackend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import { backoffDelay, startSyncLoop, syncRound } from '../../electron/backend/sync/loop';
import { createHubClient } from '../../electron/backend/sync/hubClient';
import { pushOutbox } from '../../electron/backend/sync/sender';
import { SYNC_KEYS } from '../../electron/backend/sync/settings';
import { getSetting } from '../../db/repos/settings';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { startTestHub, type TestHub } from './hubHarness';
import { hubConsole } from './consoles';
import { amended, completed, departed, enqueue } from './events';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function hub(options: Parameters<typeof startTestHub>[1] = {}): Promise<TestHub> {
  const h = await startTestHub('sqlite', options);
  cleanups.push(() => h.close());
  return h;
}
function backend(): TestBackend {
  const b = testBackend();
  cleanups.push(() => b.dispose());
  return b;
}
const pendingIn = (b: TestBackend) => b.db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get() as number;

/** A server that answers every request with the given handler (a hub misbehaving on purpose). */
async function fakeHub(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('backoff with full jitter', () => {
  it('waits between 0 and min(cap, base * 2^(n-1)), never more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 0.999_999, noNaN: true }), (failures, r) => {
        const ceiling = Math.min(60_000, 1000 * 2 ** (failures - 1));
        const d = backoffDelay(failures, 1000, 60_000, () => r);
        return d >= 0 && d < ceiling;
      }),
    );
    expect(backoffDelay(0, 1000, 60_000)).toBe(0);
    expect(backoffDelay(3, 1000, 60_000, () => 0.5)).toBe(2000);
    expect(backoffDelay(40, 1000, 60_000, () => 0.5)).toBe(30_000);
  });

  it('spreads a hundred consoles that failed together instead of retrying in lockstep', () => {
    const delays = Array.from({ length: 100 }, () => backoffDelay(6, 1000, 300_000));
    expect(new Set(delays).size).toBeGreaterThan(90);
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(16_000);
  });
});

describe('hub settings on the console', () => {
  it('stores the token but never hands it back to the window', async () => {
    const h = await hub();
    const b = backend();
    await signIn(b.dispatch, { name: 'Alex Agent', role: 'agent' });
    const token = await h.token('Alex Agent', 'agent');
    const saved = await call(b.dispatch, 'hub.settings.set', { url: h.url, token });
    expect(saved).toEqual({ url: `${h.url}/`, tokenConfigured: true, refusedEvents: 0, lastPullAt: null });
    const answers = await Promise.all([
      callResult(b.dispatch, 'hub.settings.get', {}),
      callResult(b.dispatch, 'sync.status', {}),
      callResult(b.dispatch, 'session.get', {}),
      callResult(b.dispatch, 'hub.test', {}),
    ]);
    for (const a of answers) expect(JSON.stringify(a)).not.toContain(token.slice(4));
    expect(answers[3]).toEqual({ ok: true, value: { name: 'Alex Agent', role: 'agent' } });
    // Changing the address keeps the stored token.
    await call(b.dispatch, 'hub.settings.set', { url: `${h.url}/` });
    expect((await call(b.dispatch, 'hub.test', {})).name).toBe('Alex Agent');
  });

  it('refuses a plain-http hub on another computer, a malformed address or token, and changes nothing', async () => {
    const b = backend();
    await signIn(b.dispatch, { name: 'Alex Agent', role: 'agent' });
    const tries = [
      { url: 'http://hub.example.com', token: undefined, message: /Use https:\/\/ for a hub on another computer/ },
      { url: 'ftp://hub.example.com', token: undefined, message: /must start with https/ },
      { url: 'not a url', token: undefined, message: /full URL/ },
      { url: 'https://user:pw@hub.example.com', token: undefined, message: /Leave user names and passwords out/ },
      { url: 'https://hub.example.com', token: 'password123', message: /starts with wbh_/ },
    ];
    for (const t of tries) {
      const r = await callResult(b.dispatch, 'hub.settings.set', t.token === undefined ? { url: t.url } : { url: t.url, token: t.token });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.message).toMatch(t.message);
      }
    }
    expect(await call(b.dispatch, 'hub.settings.get', {})).toEqual({ url: null, tokenConfigured: false, refusedEvents: 0, lastPullAt: null });
    expect(await call(b.dispatch, 'hub.settings.set', { url: 'https://hub.example.com/winback' })).toMatchObject({ url: 'https://hub.example.com/winback', tokenConfigured: false });
    const status = await call(b.dispatch, 'sync.status', {});
    expect(status).toMatchObject({ hubConfigured: true, online: false });
    expect(keptInEnglish(status.lastError ?? '')).toMatch(/No hub token entered yet/);
    expect(await call(b.dispatch, 'hub.settings.clear', {})).toMatchObject({ url: null, tokenConfigured: false });
    expect((await call(b.dispatch, 'sync.status', {})).hubConfigured).toBe(false);
  });
});

describe('the sender', () => {
  it('tells the person, in words, whether the hub answers, what waits, and when it last synced', async () => {
    const h = await hub();
    const c = await hubConsole(h, { name: 'Alex Agent', role: 'agent' });
    cleanups.push(() => c.dispose());
    enqueue(c.db, [{ kind: 'customer.departed', payload: departed('ST-1') }, { kind: 'customer.departed', payload: departed('ST-2') }]);
    await h.running.close();
    const down = await syncRound(c.deps, { timeoutMs: 2000 });
    expect(down).toMatchObject({ attempted: true, ok: false });
    const offline = await call(c.dispatch, 'sync.status', {});
    expect(offline).toMatchObject({ hubConfigured: true, online: false, pending: 2, lastSyncAt: null });
    expect(keptInEnglish(offline.lastError ?? '')).toBe(`Could not reach the hub at ${new URL(h.url).host}. Events wait on this desk and are sent when it is back.`);
    // Kept by key, so each person's window says it in their language.
    expect(offline.lastError).toEqual({ key: 'errors.hub.request.offline', params: { host: new URL(h.url).host } });

    const back = await startTestHub('sqlite');
    cleanups.push(() => back.close());
    const token = await back.token('Alex Agent', 'agent');
    await call(c.dispatch, 'hub.settings.set', { url: back.url, token });
    expect(await syncRound(c.deps, {})).toMatchObject({ ok: true, sent: 2, pending: 0 });
    const online = await call(c.dispatch, 'sync.status', {});
    expect(online).toEqual({ hubConfigured: true, online: true, pending: 0, lastSyncAt: '2026-11-16T15:00:00.000Z', lastError: null });
  });

  it('marks nothing sent when the hub fails, and only what the hub acknowledged', async () => {
    const b = backend();
    enqueue(b.db, [1, 2, 3].map((i) => ({ kind: 'customer.departed' as const, payload: departed(`ACK-${i}`) })));
    const ids = (b.db.prepare('SELECT id FROM outbox ORDER BY seq').pluck().all() as string[]);
    let mode: 'fail' | 'partial' = 'fail';
    const fake = await fakeHub((req, res) => {
      if (req.url === '/v1/me') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: 'Alex Agent', role: 'agent' }));
        return;
      }
      req.resume();
      req.on('end', () => {
        if (mode === 'fail') res.writeHead(500).end('{}');
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: [ids[0]], duplicate: [ids[1], 'not-from-this-batch'], rejected: [] }));
      });
    });
    await signIn(b.dispatch, { name: 'Alex Agent', role: 'agent' });
    await call(b.dispatch, 'hub.settings.set', { url: fake.url, token: `wbh_${'a'.repeat(43)}` });
    const failed = await callResult(b.dispatch, 'sync.now', {});
    expect(failed).toMatchObject({ ok: false, error: { code: 'network', message: expect.stringContaining('had a problem (HTTP 500)') as string } });
    expect(pendingIn(b)).toBe(3);
    mode = 'partial';
    const round = await syncRound(b.deps, { batchesPerRound: 1, pullEveryMs: 0 });
    expect(round).toMatchObject({ ok: true, sent: 2, pending: 1 });
    expect(b.db.prepare('SELECT id FROM outbox WHERE sent_at IS NULL').pluck().all()).toEqual([ids[2]]);
  });

  it('records events the hub refuses for good, with the reason, and sends the rest', async () => {
    const h = await hub();
    const c = await hubConsole(h, { name: 'Alex Agent', role: 'agent' });
    cleanups.push(() => c.dispose());
    enqueue(c.db, [{ kind: 'customer.departed', payload: departed('RF-1') }]);
    // A console bug: an outcome the hub does not know.
    c.db.prepare("INSERT INTO outbox (id, kind, payload, created_at) VALUES ('7d6f4c0e-3f7e-4a57-9a53-0d0c2f5d8f11', 'call.completed', ?, '2026-11-16T10:00:00Z')").run(
      JSON.stringify({ ...completed('rf-call', 'RF-1'), outcome: 'sold' }),
    );
    // A damaged row whose payload is not even JSON.
    c.db.prepare("INSERT INTO outbox (id, kind, payload, created_at) VALUES ('0b9c1e55-7a43-4b8e-8f0e-6f1d2c3b4a59', 'customer.departed', '{\"externalId\": ', '2026-11-16T10:00:00Z')").run();
    enqueue(c.db, [{ kind: 'customer.departed', payload: departed('RF-2') }]);
    const round = await syncRound(c.deps, {});
    expect(round).toMatchObject({ ok: true, sent: 2, pending: 0 });
    const status = await call(c.dispatch, 'sync.status', {});
    expect(keptInEnglish(status.lastError ?? '')).toBe('The hub refused 2 events (invalid, or too large to send); they are kept in the audit log and not sent again.');
    expect((await call(c.dispatch, 'hub.settings.get', {})).refusedEvents).toBe(2);
    const audit = c.db.prepare("SELECT entity_id, detail FROM audit_log WHERE action = 'sync.refused' ORDER BY id").all() as { entity_id: string; detail: string }[];
    expect(audit).toEqual([
      { entity_id: '7d6f4c0e-3f7e-4a57-9a53-0d0c2f5d8f11', detail: expect.stringContaining('payload.outcome') as string },
      { entity_id: '0b9c1e55-7a43-4b8e-8f0e-6f1d2c3b4a59', detail: expect.stringContaining('payload') as string },
    ]);
    expect(await h.store.db.selectFrom('events').select('subject').orderBy('rid').execute()).toEqual([{ subject: 'RF-1' }, { subject: 'RF-2' }]);
  });

  it('sends 500 events at first, then as many as the hub says it takes; one batch at a time, in order', async () => {
    for (const says of [true, false]) {
      const b = backend();
      enqueue(b.db, Array.from({ length: 5200 }, (_, i) => ({ kind: 'customer.departed' as const, payload: departed(`SIZE-${i}`) })));
      const sizes: number[] = [];
      let atHub = 0;
      let mostAtHub = 0;
      let lastSeq = 0;
      let inOrder = true;
      const fake = await fakeHub((req, res) => {
        atHub += 1;
        mostAtHub = Math.max(mostAtHub, atHub);
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const { events } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: { id: string; seq: number }[] };
          sizes.push(events.length);
          for (const e of events) {
            if (e.seq <= lastSeq) inOrder = false;
            lastSeq = e.seq;
          }
          // Answers a moment later: a sender that did not wait for it would have sent more meanwhile.
          setTimeout(() => {
            atHub -= 1;
            const answer = { accepted: events.map((e) => e.id), duplicate: [], rejected: [], ...(says ? { maxEvents: 2000 } : {}) };
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
          }, 20);
        });
      });
      const pushed = await pushOutbox(b.db, createHubClient({ url: fake.url, token: `wbh_${'a'.repeat(43)}` }), { now: () => new Date('2026-11-16T15:00:00Z') });
      expect(pushed).toEqual({ sent: 5200, refused: 0, pending: 0, error: null });
      // The second batch is read while the first is at the hub, before its answer says more is welcome.
      expect(sizes).toEqual(says ? [500, 500, 2000, 2000, 200] : [...Array.from({ length: 10 }, () => 500), 200]);
      expect(mostAtHub).toBe(1);
      expect(inOrder).toBe(true);
      expect(pendingIn(b)).toBe(0);
    }
  });

  it('halves a batch the hub finds too large until it fits', async () => {
    const h = await hub({ bodyLimit: 64 * 1024 });
    const c = await hubConsole(h, { name: 'Alex Agent', role: 'agent' });
    cleanups.push(() => c.dispose());
    enqueue(c.db, Array.from({ length: 30 }, (_, i) => ({ kind: 'call.amended' as const, payload: amended(`big-${i}`, { note: 'n'.repeat(9000) }) })));
    expect(await c.push()).toEqual({ sent: 30, refused: 0, pending: 0 });
  });

  it('waits as long as a rate-limited hub asks', async () => {
    const h = await hub({ rateLimit: { max: 1, timeWindowMs: 60_000 } });
    const c = await hubConsole(h, { name: 'Alex Agent', role: 'agent' });
    cleanups.push(() => c.dispose());
    expect((await syncRound(c.deps, { pullEveryMs: 0 })).ok).toBe(true);
    const limited = await syncRound(c.deps, { pullEveryMs: 0 });
    expect(limited.ok).toBe(false);
    // The hub's windows are fixed on the clock, so what it asks is anything from 1 s (the window's
    // last second) to the whole 60 s window; the console waits exactly what it was told.
    expect(limited.retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(keptInEnglish((await call(c.dispatch, 'sync.status', {})).lastError ?? '')).toMatch(/asked this console to slow down for \d+ seconds?\./);
  });

  it('never makes the agent wait: the console answers while the hub hangs', async () => {
    const fake = await fakeHub(() => {
      /* accepts the request and never answers */
    });
    const b = backend();
    await signIn(b.dispatch, { name: 'Alex Agent', role: 'agent' });
    await call(b.dispatch, 'hub.settings.set', { url: fake.url, token: `wbh_${'a'.repeat(43)}` });
    enqueue(b.db, [{ kind: 'customer.departed', payload: departed('HANG-1') }]);
    let settled = false;
    const push = syncRound(b.deps, { timeoutMs: 1000 }).finally(() => {
      settled = true;
    });
    const queue = await call(b.dispatch, 'queue.list', {});
    const status = await call(b.dispatch, 'sync.status', {});
    expect(queue.total).toBe(0);
    expect(status.pending).toBe(1);
    expect(settled).toBe(false);
    expect(await push).toMatchObject({ ok: false });
    expect(keptInEnglish((await call(b.dispatch, 'sync.status', {})).lastError ?? '')).toMatch(/did not answer within 1 second\./);
    expect(pendingIn(b)).toBe(1);
  });

  it('survives a restart: what waited is sent by the next run, and backoff resumes', async () => {
    const b = backend();
    await signIn(b.dispatch, { name: 'Alex Agent', role: 'agent' });
    const h = await hub();
    const token = await h.token('Alex Agent', 'agent');
    const port = h.running.port;
    await call(b.dispatch, 'hub.settings.set', { url: h.url, token });
    await h.running.close();
    enqueue(b.db, Array.from({ length: 700 }, (_, i) => ({ kind: 'customer.departed' as const, payload: departed(`RS-${i}`) })));
    const loop = startSyncLoop(b.deps, { idleMs: 20, baseDelayMs: 10, maxDelayMs: 20, timeoutMs: 1000 });
    await expect.poll(() => getSetting<number>(b.db, SYNC_KEYS.failures) ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await loop.stop();
    b.close();

    // The process is gone; a new one opens the same file.
    const again = createBackend({ dbPath: b.dbPath, log: silentLogger, now: () => new Date('2026-11-16T16:00:00Z') });
    cleanups.push(() => again.close());
    expect(await call(again.dispatch, 'sync.status', {})).toMatchObject({ online: false, pending: 700 });
    expect(getSetting<number>(again.db, SYNC_KEYS.failures)).toBeGreaterThanOrEqual(3);
    const { startHub } = await import('../../hub/server');
    const revived = await startHub({ store: h.store, port, rateLimit: false });
    cleanups.push(() => revived.close());
    const loop2 = startSyncLoop(again.deps, { idleMs: 20, baseDelayMs: 10, maxDelayMs: 20 });
    cleanups.push(() => loop2.stop());
    // The events are marked sent before the round records its outcome (after fetching assignments), so
    // wait for the whole state rather than for the outbox alone.
    await expect
      .poll(() => call(again.dispatch, 'sync.status', {}), { timeout: 15_000 })
      .toMatchObject({ pending: 0, online: true, lastError: null, lastSyncAt: '2026-11-16T16:00:00.000Z' });
    const held = await h.store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(held.n)).toBe(700);
  });
});

describe('stopping the sender', () => {
  it('does not wait for a hub that hangs, and leaves the events waiting', async () => {
    const fake = await fakeHub(() => {
      /* accepts the request and never answers */
    });
    const b = backend();
    await signIn(b.dispatch, { name: 'Alex Agent', role: 'agent' });
    await call(b.dispatch, 'hub.settings.set', { url: fake.url, token: `wbh_${'a'.repeat(43)}` });
    enqueue(b.db, [{ kind: 'customer.departed', payload: departed('STOP-1') }]);
    let requests = 0;
    fake.server.on('request', () => (requests += 1));
    const loop = startSyncLoop(b.deps, { idleMs: 10, timeoutMs: 60_000 });
    await expect.poll(() => requests).toBeGreaterThan(0);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await expect.poll(() => stopped, { timeout: 5000 }).toBe(true);
    await stopping;
    expect(pendingIn(b)).toBe(1);
    expect((await call(b.dispatch, 'sync.status', {})).lastError).toBeNull();
  });
});
