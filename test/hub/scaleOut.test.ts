import { afterEach, describe, expect, it } from 'vitest';
import { startSyncLoop } from '../../electron/backend/sync/loop';
import { startPresenceSender } from '../../electron/backend/sync/presenceSender';
import { ingestBatch } from '../../hub/ingest';
import { reasonsReport } from '../../hub/trends';
import { createToken } from '../../hub/tokens';
import { parseEvent, type EventEnvelope, type EventKind } from '../../shared/sync/events';
import type { Board } from '../../shared/sync/board';
import type { ReasonsReport } from '../../shared/reports/reasons';
import type { AssignedCustomer } from '../../shared/sync/hubApi';
import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { HubProcess, seeded } from './faultProxy';
import { amended, completed, departed, enqueue } from './events';
import { postgresAvailable, storeFixture } from './stores';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const PEOPLE = ['Ana Agent', 'Ben Agent', 'Cy Agent', 'Dee Agent'];
const PER_CONSOLE = { departures: 300, calls: 900, amendments: 150 };

/** A console's day: its own customers, calls on them (a fifth recovered), some calls corrected. */
function workOf(c: number): { kind: EventKind; payload: unknown }[] {
  const events: { kind: EventKind; payload: unknown }[] = [];
  const reasons = ['price.too-expensive', 'competitor.better-offer', 'service.support-attitude'];
  for (let i = 0; i < PER_CONSOLE.departures; i += 1) {
    events.push({ kind: 'customer.departed', payload: departed(`SO-${c}-${i}`, { cycle: 'SO', monthlyRevenue: 20 + (i % 9), statedReasonId: reasons[i % 3] ?? null }) });
  }
  for (let k = 0; k < PER_CONSOLE.calls; k += 1) {
    const callId = `so-${c}-${k}`;
    events.push({ kind: 'call.completed', payload: completed(callId, `SO-${c}-${k % PER_CONSOLE.departures}`, { cycle: 'SO', outcome: k % 5 === 0 ? 'recovered' : 'declined', monthlyRevenue: 20 + ((k % PER_CONSOLE.departures) % 9) }) });
    if (k % 6 === 1 && k / 6 < PER_CONSOLE.amendments) events.push({ kind: 'call.amended', payload: amended(callId, { outcome: 'recovered' }) });
  }
  return events;
}

function assignment(person: string, externalId: string): { person: string; customer: AssignedCustomer } {
  return {
    person,
    customer: {
      externalId, name: `Customer ${externalId}`, company: null, phone: '+1 555-0100', email: null, timezone: 'America/Chicago', segment: null, product: null,
      monthlyRevenue: 40, tenureMonths: 3, departedAt: '2026-11-02', statedReasonText: null, statedReasonId: null, frontlineRep: null, frontlineTeam: null, notes: null, cycle: null,
    },
  };
}

/**
 * A console's network, as the test wants it: one event batch in ten is also delivered to the other
 * hub first (the same batch stored twice, on two instances at once); the answer the console sees
 * is the one from the hub it asked.
 */
function doublingFetch(hubs: () => string[], random: () => number, stats: { doubled: number }): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (init?.method === 'POST' && url.pathname.endsWith('/v1/events') && random() < 0.1) {
      const other = hubs().find((h) => new URL(h).host !== url.host);
      if (other) {
        stats.doubled += 1;
        await fetch(new URL(url.pathname, other), init).then((r) => r.arrayBuffer()).catch(() => undefined);
      }
    }
    return fetch(url, init);
  };
}

async function json<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

describe.skipIf(!postgresAvailable)('two hub instances on one PostgreSQL', () => {
  it('four consoles sync to both, one hub is SIGKILLed mid-sync, the consoles fail over: nothing lost or doubled, reports equal one hub, every assignment delivered once, every desk on the board', async () => {
    const fixture = await storeFixture('postgres');
    cleanups.push(() => fixture.dispose());
    const setup = await fixture.open();
    const managerToken = await createToken(setup, { name: 'Pat Manager', role: 'manager' }, new Date());
    const tokens = new Map<string, string>();
    for (const p of PEOPLE) tokens.set(p, await createToken(setup, { name: p, role: 'agent' }, new Date()));
    await setup.close();

    const hubA = new HubProcess(fixture.dataDir, fixture.env);
    const hubB = new HubProcess(fixture.dataDir, fixture.env);
    const urlA = `http://127.0.0.1:${await hubA.start()}`;
    const urlB = `http://127.0.0.1:${await hubB.start()}`;
    cleanups.push(() => hubA.kill('SIGTERM'), () => hubB.kill('SIGTERM'));

    // The manager publishes 30 customers to each person, half through each hub.
    const published = new Map<string, string>();
    for (const [i, p] of PEOPLE.entries()) {
      const list = Array.from({ length: 30 }, (_, n) => assignment(p, `AS-${i}-${n}`));
      for (const a of list) published.set(a.customer.externalId, p);
      const res = await fetch(`${i % 2 === 0 ? urlA : urlB}/v1/assignments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${managerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ assignments: list }),
      });
      expect(res.status).toBe(200);
    }

    const random = seeded(19);
    const stats = { doubled: 0 };
    const consoles: TestBackend[] = [];
    const stops: (() => Promise<void>)[] = [];
    for (const [c, person] of PEOPLE.entries()) {
      const b = testBackend(() => new Date());
      cleanups.push(() => b.dispose());
      consoles.push(b);
      await signIn(b.dispatch, { name: person, role: 'agent' });
      // Consoles 0 and 2 start on hub A, 1 and 3 on hub B: both instances take batches at once.
      const urls = c % 2 === 0 ? [urlA, urlB] : [urlB, urlA];
      await call(b.dispatch, 'hub.settings.set', { url: urls.join(', '), token: tokens.get(person) ?? '' });
      enqueue(b.db, workOf(c));
      const fetchFn = doublingFetch(() => [urlA, urlB], random, stats);
      const loop = startSyncLoop(b.deps, { idleMs: 100, baseDelayMs: 20, maxDelayMs: 300, timeoutMs: 3_000, batchSize: 100, batchesPerRound: 3, pullEveryMs: 500, fetch: fetchFn, random });
      const presence = startPresenceSender(b.deps, { heartbeatMs: 300, changeDelayMs: 50, timeoutMs: 3_000, fetch: fetchFn });
      stops.push(() => loop.stop(), () => presence.stop());
    }
    cleanups.push(async () => {
      for (const s of stops) await s();
    });

    const pending = () => consoles.reduce((n, b) => n + (b.db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get() as number), 0);
    const total = consoles.reduce((n, b) => n + (b.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number), 0);
    // Mid-sync: a third of the events are at the hubs when hub A dies.
    await expect.poll(pending, { timeout: 60_000, interval: 20 }).toBeLessThan(total * 0.66);
    const killedWith = pending();
    await hubA.kill('SIGKILL');
    expect(killedWith).toBeGreaterThan(0);
    await expect.poll(pending, { timeout: 90_000, interval: 100 }).toBe(0);
    // Every console has fetched its assignments (through either hub).
    await expect
      .poll(() => consoles.reduce((n, b) => n + (b.db.prepare("SELECT count(*) FROM customers WHERE external_id LIKE 'AS-%'").pluck().get() as number), 0), { timeout: 30_000, interval: 100 })
      .toBe(published.size);
    // The board, read from the surviving hub, shows every desk at work.
    await expect
      .poll(async () => (await json<Board>(`${urlB}/v1/board`, managerToken)).rows.filter((r) => PEOPLE.includes(r.person) && r.state === 'idle').length, { timeout: 10_000, interval: 100 })
      .toBe(4);
    for (const s of stops.splice(0)) await s();
    expect(stats.doubled).toBeGreaterThan(0);

    // Hub A comes back on the same database: both instances answer the same.
    const urlA2 = `http://127.0.0.1:${await hubA.start()}`;
    const store = await fixture.open();
    const reference = await storeFixture('postgres');
    cleanups.push(() => reference.dispose());
    const one = await reference.open();
    try {
      // 0 lost, 0 doubled: the hub holds exactly the events the consoles wrote, each once.
      const held = await store.db.selectFrom('events').select(['id']).execute();
      const written = consoles.flatMap((b) => b.db.prepare('SELECT id FROM outbox').pluck().all() as string[]);
      expect(held).toHaveLength(total);
      expect(new Set(held.map((h) => h.id))).toEqual(new Set(written));

      // One hub fed the same input: each console's outbox in its order, one batch after another.
      for (const [c, b] of consoles.entries()) {
        const rows = b.db.prepare('SELECT id, kind, payload, seq, created_at FROM outbox ORDER BY seq').all() as { id: string; kind: EventKind; payload: string; seq: number; created_at: string }[];
        const envelopes: EventEnvelope[] = rows.map((r) => ({ id: r.id, kind: r.kind, consoleId: `console-${c}`, seq: r.seq, occurredAt: r.created_at, payload: JSON.parse(r.payload) as unknown }));
        expect(envelopes.every((e) => parseEvent(e).ok)).toBe(true);
        for (let i = 0; i < envelopes.length; i += 500) await ingestBatch(one, envelopes.slice(i, i + 500), { name: PEOPLE[c] ?? '', role: 'agent' }, new Date());
      }
      for (const by of ['stated', 'diagnosed'] as const) {
        const expected = await reasonsReport(one, { by, cycle: 'SO' });
        expect(expected.totals.calls).toBe(4 * PER_CONSOLE.calls);
        for (const url of [urlA2, urlB]) expect(await json<ReasonsReport>(`${url}/v1/trends?by=${by}&cycle=SO`, managerToken)).toEqual(expected);
      }

      // Every assignment delivered exactly once: on its person's desk, on no other.
      const where = new Map<string, string[]>();
      for (const [c, b] of consoles.entries()) {
        for (const id of b.db.prepare("SELECT external_id FROM customers WHERE external_id LIKE 'AS-%'").pluck().all() as string[]) {
          where.set(id, [...(where.get(id) ?? []), PEOPLE[c] ?? '']);
        }
      }
      expect(where.size).toBe(published.size);
      for (const [id, person] of published) expect(where.get(id)).toEqual([person]);

      const boards = await Promise.all([urlA2, urlB].map((u) => json<Board>(`${u}/v1/board`, managerToken)));
      for (const board of boards) expect(board.rows.filter((r) => PEOPLE.includes(r.person)).map((r) => [r.person, r.desks])).toEqual(PEOPLE.map((p) => [p, 1]));
    } finally {
      await one.close();
      await store.close();
    }
  });
});
