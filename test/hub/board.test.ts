import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board, PresenceReport } from '../../shared/sync/board';
import { startHub } from '../../hub/server';
import { startTestHub, type TestHub } from './hubHarness';
import { STORE_KINDS } from './stores';

const START = Date.parse('2026-11-16T14:00:00.000Z');
let clock = START;
const now = () => new Date(clock);

function report(over: Partial<PresenceReport> = {}): PresenceReport {
  return {
    consoleId: 'desk-1',
    seq: 1,
    state: 'idle',
    stage: null,
    customerId: null,
    pauseReasonId: null,
    pauseReason: null,
    inStateForMs: 0,
    day: '2026-11-16',
    utcOffsetMinutes: 60,
    today: { calls: 0, recovered: 0, revenueBack: 0 },
    ...over,
  };
}

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, ...body.error };
}

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`the live floor board on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    let hub: TestHub;
    let manager: string;
    let alex: string;
    let sam: string;
    const board = async (): Promise<Board> => {
      const res = await hub.get('/v1/board', manager);
      expect(res.status).toBe(200);
      return (await res.json()) as Board;
    };
    const rowOf = async (person: string) => (await board()).rows.find((r) => r.person === person);
    const put = (path: string, token: string, body: unknown) =>
      fetch(`${hub.url}${path}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

    beforeAll(async () => {
      clock = START;
      hub = await startTestHub(kind, { now });
      manager = await hub.token('Pat Manager', 'manager');
      alex = await hub.token('Alex Agent', 'agent');
      sam = await hub.token('Sam Agent', 'agent');
    });
    afterAll(() => hub.close());

    it('lists every person with a live token, offline and never heard from until their desk reports', async () => {
      const b = await board();
      expect(b.rows.map((r) => r.person)).toEqual(['Alex Agent', 'Pat Manager', 'Sam Agent']);
      expect(b.rows.every((r) => r.state === 'offline' && r.since === null && r.desks === 0)).toBe(true);
      expect(b.totals.byState.offline).toBe(3);
    });

    it("shows a desk in a call at its stage with the customer's id, since when the desk says, under the token's name", async () => {
      const res = await hub.post('/v1/presence', alex, report({ seq: 2, state: 'in_call', stage: 'listen', customerId: '7590-VHVEG', inStateForMs: 90_000 }));
      expect(res.status).toBe(200);
      const row = await rowOf('Alex Agent');
      expect(row).toMatchObject({ state: 'in_call', stage: 'listen', customerId: '7590-VHVEG', secondsInState: 90, since: '2026-11-16T13:58:30.000Z', desks: 1, silent: false });
    });

    it('keeps the start of a state through heartbeats, and restarts it when the state changes', async () => {
      clock += 15_000;
      await hub.post('/v1/presence', alex, report({ seq: 3, state: 'in_call', stage: 'listen', customerId: '7590-VHVEG', inStateForMs: 105_400 }));
      expect((await rowOf('Alex Agent'))?.since).toBe('2026-11-16T13:58:30.000Z');
      await hub.post('/v1/presence', alex, report({ seq: 4, state: 'in_call', stage: 'diagnose', customerId: '7590-VHVEG', inStateForMs: 1_000 }));
      expect(await rowOf('Alex Agent')).toMatchObject({ stage: 'diagnose', since: '2026-11-16T14:00:14.000Z', secondsInState: 1 });
    });

    it('ignores a report older than the one it holds (it came late, through another path)', async () => {
      await hub.post('/v1/presence', alex, report({ seq: 3, state: 'idle' }));
      expect((await rowOf('Alex Agent'))?.state).toBe('in_call');
    });

    it('shows a desk silent for 45 seconds as offline since it was last heard, and back when it reports again', async () => {
      await hub.post('/v1/presence', sam, report({ consoleId: 'desk-2', seq: 1, state: 'paused', pauseReasonId: 'coaching', pauseReason: 'Coaching', inStateForMs: 5_000 }));
      expect(await rowOf('Sam Agent')).toMatchObject({ state: 'paused', pauseReason: 'Coaching' });
      const heard = new Date(clock).toISOString();
      clock += 44_000;
      expect((await rowOf('Sam Agent'))?.state).toBe('paused');
      clock += 2_000;
      expect(await rowOf('Sam Agent')).toMatchObject({ state: 'offline', silent: true, since: heard, lastHeardAt: heard, pauseReason: null, secondsInState: 46 });
      await hub.post('/v1/presence', sam, report({ consoleId: 'desk-2', seq: 2, state: 'idle' }));
      expect(await rowOf('Sam Agent')).toMatchObject({ state: 'idle', silent: false });
    });

    it("sums the day's counters into team totals, only for desks whose today it still is", async () => {
      await hub.post('/v1/presence', alex, report({ seq: 10, state: 'idle', today: { calls: 12, recovered: 3, revenueBack: 210.5 } }));
      await hub.post('/v1/presence', sam, report({ consoleId: 'desk-2', seq: 3, state: 'wrap_up', customerId: 'C-9', today: { calls: 7, recovered: 1, revenueBack: 45.25 } }));
      let b = await board();
      expect(b.totals.today).toEqual({ calls: 19, recovered: 4, revenueBack: 255.75 });
      expect(b.totals.byState).toMatchObject({ idle: 1, wrap_up: 1, offline: 1 });
      expect(b.rows.find((r) => r.person === 'Sam Agent')).toMatchObject({ state: 'wrap_up', customerId: 'C-9', stage: null });
      // Sam's desk reported for yesterday (its own clock): its counters are not today's.
      await hub.post('/v1/presence', sam, report({ consoleId: 'desk-2', seq: 4, state: 'idle', day: '2026-11-15', today: { calls: 40, recovered: 9, revenueBack: 900 } }));
      b = await board();
      expect(b.totals.today).toEqual({ calls: 12, recovered: 3, revenueBack: 210.5 });
    });

    it('shows the liveliest of a person\'s desks and adds up their counters', async () => {
      await hub.post('/v1/presence', alex, report({ consoleId: 'desk-3', seq: 1, state: 'in_call', stage: 'offer', customerId: 'C-77', today: { calls: 2, recovered: 1, revenueBack: 10 } }));
      expect(await rowOf('Alex Agent')).toMatchObject({ state: 'in_call', stage: 'offer', desks: 2, today: { calls: 14, recovered: 4, revenueBack: 220.5 } });
    });

    it("refuses the board to agents' tokens and without a token", async () => {
      expect(await errorOf(await hub.get('/v1/board', alex))).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await hub.get('/v1/board', null)).status).toBe(401);
    });

    it('refuses a presence report that carries a name or breaks its own rules, and changes nothing', async () => {
      const before = await rowOf('Alex Agent');
      const named = await errorOf(await hub.post('/v1/presence', alex, { ...report({ seq: 50 }), customerName: 'Jane Doe' }));
      expect(named).toMatchObject({ status: 400, code: 'bad_request' });
      const noStage = await errorOf(await hub.post('/v1/presence', alex, report({ seq: 51, state: 'in_call', customerId: 'C-1' })));
      expect(noStage.message).toContain('stage');
      const noReason = await errorOf(await hub.post('/v1/presence', alex, report({ seq: 52, state: 'paused' })));
      expect(noReason.message).toContain('pauseReason');
      expect(await rowOf('Alex Agent')).toEqual(before);
      const stored = JSON.stringify(await hub.store.db.selectFrom('board_presence').selectAll().execute());
      expect(stored).not.toContain('Jane Doe');
    });

    it('a manager publishes the pause reasons; every desk gets them in its presence answer; agents cannot publish', async () => {
      const list = [{ id: 'break', label: 'Break' }, { id: 'coaching', label: 'Coaching' }, { id: 'admin', label: 'Admin work' }];
      expect((await put('/v1/pause-reasons', alex, { pauseReasons: list })).status).toBe(403);
      const bad = await errorOf(await put('/v1/pause-reasons', manager, { pauseReasons: [{ id: 'a', label: 'Lunch' }, { id: 'b', label: 'lunch' }] }));
      expect(bad).toMatchObject({ status: 400 });
      expect(bad.message).toContain('"lunch"');
      const published = await put('/v1/pause-reasons', manager, { pauseReasons: list });
      expect(published.status).toBe(200);
      expect(await published.json()).toMatchObject({ pauseReasons: list, updatedBy: 'Pat Manager' });
      const ack = (await (await hub.post('/v1/presence', sam, report({ consoleId: 'desk-2', seq: 60 }))).json()) as { pauseReasons: unknown };
      expect(ack.pauseReasons).toEqual(list);
    });

    it('two hub instances on one store show the same board', async () => {
      const second = await startHub({ store: hub.store, port: 0, rateLimit: false, now });
      try {
        await fetch(`${second.url}/v1/presence`, {
          method: 'POST',
          headers: { authorization: `Bearer ${sam}`, 'content-type': 'application/json' },
          body: JSON.stringify(report({ consoleId: 'desk-2', seq: 61, state: 'in_call', stage: 'assist', customerId: 'C-5' })),
        });
        const fromSecond = (await (await fetch(`${second.url}/v1/board`, { headers: { authorization: `Bearer ${manager}` } })).json()) as Board;
        expect(fromSecond).toEqual(await board());
        expect(fromSecond.rows.find((r) => r.person === 'Sam Agent')).toMatchObject({ state: 'in_call', stage: 'assist' });
      } finally {
        await second.close();
      }
    });
  });
}

describe('health, readiness and shutdown', () => {
  it('answers /healthz and /readyz without a token; readiness fails once the store is gone', async () => {
    const hub = await startTestHub('sqlite');
    try {
      expect(await (await fetch(`${hub.url}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${hub.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', store: 'sqlite' });
      if (hub.store.dialect !== 'sqlite') throw new Error('this check closes the SQLite handle under the hub');
      hub.store.sqlite.close();
      const notReady = await fetch(`${hub.url}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toMatchObject({ status: 'store_unavailable' });
      expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    } finally {
      await hub.running.close();
      await hub.fixture.dispose();
    }
  });
});
