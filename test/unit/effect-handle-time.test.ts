import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, signIn, testBackend, type TestBackend } from '../helpers/backend';
import { customer, fullCall, seedCustomers } from '../helpers/callFixtures';
import { goToStage, setOutcome, tickClock, type CallState, type Move } from '../../shared/domain/callMachine';
import type { Stage } from '../../shared/domain/stages';
import { parseEvent } from '../../shared/sync/events';

/**
 * Handle time through the real call service. The window's clock is played by `at`: each step is
 * what the call screen does at that moment (tickClock runs in the store on every change).
 *
 * Ann's call with C-1, started 10:00:00:
 *   apologize 10:00:00-10:00:30 (30 s), listen -10:04:30 (240 s), diagnose -10:06:00 (90 s),
 *   assist -10:07:00 (60 s), offer -10:08:00 (60 s, outcome chosen): talk 480 s;
 *   completed 10:09:15: wrap 75 s; handle 555 s.
 * Ann's call with C-2, started 11:00:00, parked at Listen (10 s apologize, 50 s listen so far) at
 * 11:01:00 after a save, restored at 11:30:00 (the 29 minutes away count nowhere), listen to
 * 11:32:00 (120 s more: 170 s), diagnose to 11:33:00 (60 s), outcome chosen at Diagnose
 * (a callback, which needs no offer), completed 11:33:30: talk 10 + 170 + 60 = 240 s, wrap 30 s.
 * Ann's totals: 2 calls, talk 720 s, wrap 105 s; averages 360 s talk, 52.5 s wrap, 412.5 s handle;
 * 3,600 / 412.5 = 8.727 calls per hour of handle time.
 */
let b: TestBackend;
let server: Date;
let ids: Record<string, number>;

beforeEach(async () => {
  server = new Date('2026-11-16T10:00:00.000Z');
  b = testBackend(() => server);
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
  ids = seedCustomers(b.db, [customer({ externalId: 'C-1' }), customer({ externalId: 'C-2' })]);
  await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
});
afterEach(() => b.dispose());

const at = (time: string) => `2026-11-16T${time}.000Z`;
function step(s: CallState, time: string, move: (s: CallState) => Move): CallState {
  const r = move(s);
  if (!r.ok) throw new Error(r.why);
  return tickClock(s, r.state, at(time));
}
const go = (stage: Stage) => (s: CallState) => goToStage(s, stage);

describe('handle time', () => {
  it('records talk, wrap and each stage, keeps them through a parked call and an amendment, and sums them by caller', async () => {
    const first = await call(b.dispatch, 'call.start', { customerId: ids['C-1'] ?? -1 });
    let s = fullCall(first.state, { stage: 'apologize', outcome: null });
    s = step(s, '10:00:30', go('listen'));
    s = step(s, '10:04:30', go('diagnose'));
    s = step(s, '10:06:00', go('assist'));
    s = step(s, '10:07:00', go('offer'));
    s = step(s, '10:08:00', (x) => setOutcome(x, 'recovered'));
    server = new Date(at('10:09:15'));
    await call(b.dispatch, 'call.complete', { state: s });

    server = new Date(at('11:00:00'));
    const second = await call(b.dispatch, 'call.start', { customerId: ids['C-2'] ?? -1 });
    let t = step(second.state, '11:00:10', go('listen'));
    // Parked: the draft is saved with the clock as it stood at 11:01:00.
    server = new Date(at('11:01:00'));
    await call(b.dispatch, 'call.saveDraft', { state: t });
    server = new Date(at('11:30:00'));
    const restored = await call(b.dispatch, 'call.start', { customerId: ids['C-2'] ?? -1 });
    // Listen kept its 50 s up to the save (11:00:10 to 11:01:00) and counts again from the restore.
    expect(restored.state.clock).toEqual({ stageSince: at('11:30:00'), outcomeAt: null, stageMs: { apologize: 10_000, listen: 50_000, diagnose: 0, assist: 0, offer: 0 } });
    t = restored.state;
    t = step(t, '11:32:00', go('diagnose'));
    t = { ...t, diagnose: { categoryId: 'price', primaryReasonId: 'price.too-expensive', otherReasonIds: [], confirmed: true, note: '' } };
    t = step(t, '11:33:00', (x) => setOutcome(x, 'callback'));
    t = { ...t, callbackLocal: '2026-11-18T10:00' };
    server = new Date(at('11:33:30'));
    await call(b.dispatch, 'call.complete', { state: t });

    // A correction afterwards changes the outcome, not the times.
    await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
    await call(b.dispatch, 'call.amend', { callId: t.callId, note: 'Rang back: considering after all', outcome: 'considering', reactivationUntil: '2026-12-16' });

    const r = await call(b.dispatch, 'effect.handleTime', {});
    expect(r.overall).toMatchObject({ calls: 2, talkMs: 720_000, wrapMs: 105_000, avgHandleMs: 412_500, avgTalkMs: 360_000, avgWrapMs: 52_500 });
    expect(r.overall.stageMs).toEqual({ apologize: 40_000, listen: 410_000, diagnose: 150_000, assist: 60_000, offer: 60_000 });
    expect(r.overall.callsPerHour).toBeCloseTo(3600 / 412.5, 10);
    expect(r.byCaller.map((x) => x.label)).toEqual(['Ann Agent (agent)']);
    expect(Object.fromEntries(r.byOutcome.map((x) => [x.key, [x.calls, x.talkMs, x.wrapMs]]))).toEqual({ recovered: [1, 480_000, 75_000], considering: [1, 240_000, 30_000] });
    expect(r.untimedCalls).toBe(0);

    // A call from before handle times were kept (written straight to the table, as an old console's
    // are) counts as untimed, overall and in its customer's cycle, and in no other cycle.
    const ann = b.db.prepare("SELECT id FROM people WHERE name = 'Ann Agent'").pluck().get() as string;
    const cycle = b.db.prepare('SELECT cycle_id FROM customers WHERE id = ?').pluck().get(ids['C-1']) as string | null;
    b.db
      .prepare("INSERT INTO calls (id, customer_id, caller_id, caller_role, cycle_id, started_at, completed_at, outcome) VALUES ('OLD-1', ?, ?, 'agent', NULL, ?, ?, 'declined')")
      .run(ids['C-1'], ann, at('09:00:00'), at('09:05:00'));
    expect((await call(b.dispatch, 'effect.handleTime', {})).untimedCalls).toBe(1);
    expect(cycle).not.toBeNull();
    expect((await call(b.dispatch, 'effect.handleTime', { cycle: cycle ?? '' })).untimedCalls).toBe(1);
    b.db.prepare("INSERT OR IGNORE INTO cycles (id, name, kind, starts_on, ends_on, created_at) VALUES ('2020-01', 'January 2020', 'monthly', '2020-01-01', '2020-01-31', ?)").run(at('09:00:00'));
    expect((await call(b.dispatch, 'effect.handleTime', { cycle: '2020-01' })).untimedCalls).toBe(0);

    const events = b.db.prepare("SELECT id, payload, seq, created_at FROM outbox WHERE kind = 'call.completed' ORDER BY seq").all() as { id: string; payload: string; seq: number; created_at: string }[];
    const payloads = events.map((e) => parseEvent({ id: e.id, kind: 'call.completed', consoleId: 'd', seq: e.seq, occurredAt: e.created_at, payload: JSON.parse(e.payload) as unknown }));
    expect(payloads.map((p) => (p.ok ? (p.event.payload as { timings: { talkMs: number } }).timings.talkMs : null))).toEqual([480_000, 240_000]);
  });
});
