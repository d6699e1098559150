import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customer, fullCall, seedCustomers } from '../helpers/callFixtures';
import { presenceReport } from '../../electron/backend/sync/presenceSender';
import { currentUser } from '../../electron/backend/session/handlers';
import { PresenceReport } from '../../shared/sync/board';

let b: TestBackend;
let ids: Record<string, number>;
let clock: Date;
const tick = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

beforeEach(async () => {
  clock = new Date('2026-11-16T15:00:00Z');
  b = testBackend(() => clock);
  await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
  ids = seedCustomers(b.db, [customer({ externalId: 'C-1', name: 'Ada Example', monthlyRevenue: 99.5 }), customer({ externalId: 'C-2', name: 'Bruno Sample', monthlyRevenue: 80 })]);
});
afterEach(() => b.dispose());

const id = (ext: string) => ids[ext] ?? -1;
const report = () => {
  const user = currentUser(b.db);
  if (!user) throw new Error('no user');
  return presenceReport(b.deps, user);
};

describe("the desk's presence", () => {
  it('follows the call: in a call at its stage, wrap-up once an outcome is chosen, idle after completion', async () => {
    expect(await call(b.dispatch, 'presence.get', {})).toMatchObject({ state: 'idle', today: { calls: 0, recovered: 0, revenueBack: 0 } });
    tick(1_000);
    const s = await call(b.dispatch, 'call.start', { customerId: id('C-1') });
    expect(await call(b.dispatch, 'presence.get', {})).toMatchObject({ state: 'in_call', stage: 'apologize', customerId: id('C-1'), since: '2026-11-16T15:00:01.000Z' });
    tick(20_000);
    await call(b.dispatch, 'call.saveDraft', { state: { ...s.state, stage: 'listen', reached: 'listen', visited: ['apologize', 'listen'], listen: { words: 'It got too dear.' } } });
    expect(await call(b.dispatch, 'presence.get', {})).toMatchObject({ state: 'in_call', stage: 'listen', since: '2026-11-16T15:00:21.000Z' });
    tick(5_000);
    // Typing in the same stage changes nothing: the time in the stage keeps running.
    await call(b.dispatch, 'call.saveDraft', { state: { ...s.state, stage: 'listen', reached: 'listen', visited: ['apologize', 'listen'], listen: { words: 'It got too dear, twice.' } } });
    expect((await call(b.dispatch, 'presence.get', {})).since).toBe('2026-11-16T15:00:21.000Z');
    const done = fullCall(s.state);
    tick(60_000);
    await call(b.dispatch, 'call.saveDraft', { state: done });
    expect(await call(b.dispatch, 'presence.get', {})).toMatchObject({ state: 'wrap_up', stage: null, customerId: id('C-1') });
    tick(30_000);
    await call(b.dispatch, 'call.complete', { state: done });
    expect(await call(b.dispatch, 'presence.get', {})).toMatchObject({
      state: 'idle',
      since: '2026-11-16T15:01:56.000Z',
      today: { calls: 1, recovered: 1, revenueBack: 99.5 },
    });
  });

  it("reports the customer by the company's id, never by name, and the time in state by the desk's clock", async () => {
    const s = await call(b.dispatch, 'call.start', { customerId: id('C-2') });
    await call(b.dispatch, 'call.saveDraft', { state: { ...s.state, stage: 'listen', reached: 'listen', visited: ['apologize', 'listen'] } });
    tick(42_000);
    const r = report();
    expect(PresenceReport.safeParse(r).success).toBe(true);
    expect(r).toMatchObject({ state: 'in_call', stage: 'listen', customerId: 'C-2', inStateForMs: 42_000, pauseReason: null });
    expect(JSON.stringify(r)).not.toContain('Bruno');
    expect(report().seq).toBe(r.seq + 1);
  });

  it('leaving a call for later makes the desk idle; leaving another call changes nothing', async () => {
    const s = await call(b.dispatch, 'call.start', { customerId: id('C-1') });
    expect((await call(b.dispatch, 'presence.leftCall', { callId: '00000000-0000-4000-8000-000000000000' })).state).toBe('in_call');
    expect((await call(b.dispatch, 'presence.leftCall', { callId: s.state.callId })).state).toBe('idle');
  });

  it('pauses with a reason from the list, refuses one not on it or a pause mid-call, and a call ends the pause', async () => {
    const bad = await callResult(b.dispatch, 'presence.pause', { reasonId: 'nap' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    tick(1_000);
    const paused = await call(b.dispatch, 'presence.pause', { reasonId: 'coaching' });
    expect(paused).toMatchObject({ state: 'paused', pauseReasonId: 'coaching', pauseReason: 'Coaching', since: '2026-11-16T15:00:01.000Z' });
    expect(report()).toMatchObject({ state: 'paused', pauseReasonId: 'coaching', pauseReason: 'Coaching', customerId: null });
    tick(600_000);
    await call(b.dispatch, 'call.start', { customerId: id('C-1') });
    expect((await call(b.dispatch, 'presence.get', {})).state).toBe('in_call');
    const midCall = await callResult(b.dispatch, 'presence.pause', { reasonId: 'break' });
    expect(midCall).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Finish the call, or leave it for later, before pausing.' } });
    const pauses = b.db.prepare('SELECT reason_id, started_at, ended_at FROM pauses').all();
    expect(pauses).toEqual([{ reason_id: 'coaching', started_at: '2026-11-16T15:00:01.000Z', ended_at: '2026-11-16T15:10:01.000Z' }]);
    const sent = b.db.prepare("SELECT payload FROM outbox WHERE kind = 'pause.recorded'").pluck().all() as string[];
    expect(sent.map((p) => JSON.parse(p) as unknown)).toEqual([
      expect.objectContaining({ reasonId: 'coaching', reason: 'Coaching', startedAt: '2026-11-16T15:00:01.000Z', endedAt: '2026-11-16T15:10:01.000Z' }),
    ]);
  });

  it('reports pause time by person and reason, clipped to the days asked for; an agent sees only their own', async () => {
    await call(b.dispatch, 'presence.pause', { reasonId: 'break' });
    tick(15 * 60_000);
    await call(b.dispatch, 'presence.pause', { reasonId: 'coaching' });
    tick(30 * 60_000);
    await call(b.dispatch, 'presence.resume', {});
    tick(60 * 60_000);
    await call(b.dispatch, 'presence.pause', { reasonId: 'break' });
    tick(5 * 60_000);
    await call(b.dispatch, 'presence.resume', {});
    b.db.prepare("INSERT INTO people (id, name, role, created_at) VALUES ('p-other', 'Olga Other', 'agent', '2026-11-01T00:00:00Z')").run();
    b.db.prepare("INSERT INTO pauses (id, person_id, reason_id, reason_label, started_at, ended_at) VALUES ('x', 'p-other', 'lunch', 'Lunch', '2026-11-16T12:00:00.000Z', '2026-11-16T12:40:00.000Z')").run();
    const mine = await call(b.dispatch, 'reports.pauses', { from: '2026-11-16', to: '2026-11-16' });
    expect(mine.rows).toEqual([
      { person: 'Ann Agent', reasonId: 'coaching', reason: 'Coaching', pauses: 1, seconds: 1800, longestSeconds: 1800, share: 0.6 },
      { person: 'Ann Agent', reasonId: 'break', reason: 'Break', pauses: 2, seconds: 1200, longestSeconds: 900, share: 0.4 },
    ]);
    expect(mine.totals).toEqual({ pauses: 3, seconds: 3000 });
    const yesterday = await call(b.dispatch, 'reports.pauses', { from: '2026-11-15', to: '2026-11-15' });
    expect(yesterday.rows).toEqual([]);
    const backwards = await callResult(b.dispatch, 'reports.pauses', { from: '2026-11-17', to: '2026-11-16' });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a manager edits the pause reasons; without a hub they are kept on the desk; thresholds are the manager\'s', async () => {
    const m = testBackend(() => clock);
    try {
      await signIn(m.dispatch, { name: 'Pat Manager', role: 'manager' });
      const saved = await call(m.dispatch, 'presence.reasons.save', { pauseReasons: [{ id: 'break', label: 'Break' }, { id: 'training', label: 'Training' }] });
      expect(saved).toEqual({ pauseReasons: [{ id: 'break', label: 'Break' }, { id: 'training', label: 'Training' }], publishedToHub: false });
      expect((await call(m.dispatch, 'presence.get', {})).pauseReasons.map((r) => r.label)).toEqual(['Break', 'Training']);
      const dup = await callResult(m.dispatch, 'presence.reasons.save', { pauseReasons: [{ id: 'a', label: 'Break' }, { id: 'b', label: 'break' }] });
      expect(dup).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await call(m.dispatch, 'board.thresholds.get', {})).toEqual({ idle: 20, in_call: 15, wrap_up: 3, paused: 15 });
      expect(await call(m.dispatch, 'board.thresholds.set', { idle: 10, in_call: 12, wrap_up: 2, paused: 30 })).toEqual({ idle: 10, in_call: 12, wrap_up: 2, paused: 30 });
      const boardWithoutHub = await callResult(m.dispatch, 'board.get', {});
      expect(boardWithoutHub).toMatchObject({ ok: false, error: { code: 'not_set_up' } });
    } finally {
      m.dispose();
    }
    const agentEdit = await callResult(b.dispatch, 'presence.reasons.save', { pauseReasons: [{ id: 'x', label: 'X' }] });
    expect(agentEdit).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await callResult(b.dispatch, 'board.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
