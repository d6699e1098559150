import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customer, fullCall, seedCustomers } from '../helpers/callFixtures';
import { english } from '../helpers/said';
import type { CallState } from '../../shared/domain/callMachine';

/**
 * The rules around each call: calling hours are a rule, not a warning (a call cannot start, nor an
 * attempt be recorded, outside them unless the manager's policy allows it with a reason), and after
 * "No answer" the retry cadence decides when the customer may be called again.
 */
let b: TestBackend;
let ids: Record<string, number>;
let clock: Date;

// 07:15 in Berlin: before calling hours (09:00-20:00 their time).
const EARLY_BERLIN = new Date('2026-11-16T06:15:00Z');
// 11:00 in Berlin.
const MORNING_BERLIN = new Date('2026-11-16T10:00:00Z');

beforeEach(async () => {
  clock = EARLY_BERLIN;
  b = testBackend(() => clock);
  await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
  ids = seedCustomers(b.db, [
    customer({ externalId: 'B-1', name: 'Berta Berlin', timezone: 'Europe/Berlin', monthlyRevenue: 120 }),
    customer({ externalId: 'B-2', name: 'Bodo Bonn', timezone: 'Europe/Berlin', monthlyRevenue: 60 }),
  ], { callingHours: 'enforced' });
});
afterEach(() => b.dispose());

const id = (ext: string) => ids[ext] ?? -1;
const count = (table: string, where = '1 = 1', ...params: unknown[]) =>
  b.db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get(...params) as number;
const attemptsOf = (ext: string) => b.db.prepare('SELECT attempts FROM customers WHERE external_id = ?').pluck().get(ext) as number;

async function asManager<T>(run: () => Promise<T>): Promise<T> {
  const agent = b.db.prepare("SELECT value FROM settings WHERE key = 'console.currentUserId'").pluck().get() as string;
  b.db.prepare("INSERT INTO people (id, name, role, created_at) VALUES ('m-1', 'Mia Manager', 'manager', '2026-11-01T00:00:00Z') ON CONFLICT DO NOTHING").run();
  b.db.prepare("UPDATE settings SET value = '\"m-1\"' WHERE key = 'console.currentUserId'").run();
  try {
    return await run();
  } finally {
    b.db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(agent, 'console.currentUserId');
  }
}

describe('calling hours are a rule', () => {
  it('refuses to start a call outside the customer\'s calling hours, says why, and writes nothing', async () => {
    const r = await callResult(b.dispatch, 'call.start', { customerId: id('B-1') });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('it is 07:15 for the customer (Europe/Berlin)') as string },
    });
    expect(count('call_openings')).toBe(0);
    expect(count('call_drafts')).toBe(0);
  });

  it('records no attempt for a call that was not started within calling hours', async () => {
    clock = MORNING_BERLIN;
    const opened = await call(b.dispatch, 'call.start', { customerId: id('B-1') });
    // A window that never asked: a call id the backend did not open, completed before hours.
    const forged: CallState = { ...opened.state, callId: '00000000-0000-4000-8000-000000000001', outcome: 'no_answer' };
    clock = EARLY_BERLIN;
    const r = await callResult(b.dispatch, 'call.complete', { state: forged });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^No attempt can be recorded for Berta Berlin now/) as string } });
    expect(attemptsOf('B-1')).toBe(0);
    expect(count('calls')).toBe(0);
  });

  it('completes a call started within hours even when the hours close before it ends', async () => {
    clock = new Date('2026-11-16T18:55:00Z'); // 19:55 in Berlin
    const opened = await call(b.dispatch, 'call.start', { customerId: id('B-1') });
    clock = new Date('2026-11-16T19:10:00Z'); // 20:10
    const done = await call(b.dispatch, 'call.complete', { state: fullCall(opened.state) });
    expect(done.outcome).toBe('recovered');
    expect(attemptsOf('B-1')).toBe(1);
  });

  it('allows a call outside hours only where the manager\'s policy does, with the reason recorded', async () => {
    const refused = await callResult(b.dispatch, 'call.startOutsideHours', { customerId: id('B-1'), reason: 'Customer asked for an early call' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('not allowed on this console') as string } });

    // An agent cannot change the policy.
    expect(await callResult(b.dispatch, 'contactPolicy.save', { retryCadenceMinutes: [120], outsideHoursOverride: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await asManager(() => call(b.dispatch, 'contactPolicy.save', { retryCadenceMinutes: [120, 1440, 4320], outsideHoursOverride: true }));

    // Without a reason it still refuses, and says how.
    const plain = await callResult(b.dispatch, 'call.start', { customerId: id('B-1') });
    expect(plain).toMatchObject({ ok: false, error: { message: expect.stringContaining('choose "Call outside hours" and say why') as string } });
    const blank = await callResult(b.dispatch, 'call.startOutsideHours', { customerId: id('B-1'), reason: '  ' });
    expect(blank).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const opened = await call(b.dispatch, 'call.startOutsideHours', { customerId: id('B-1'), reason: 'Customer asked for an early call' });
    expect(b.db.prepare('SELECT customer_id, outside_hours_reason FROM call_openings WHERE call_id = ?').get(opened.state.callId)).toEqual({
      customer_id: id('B-1'),
      outside_hours_reason: 'Customer asked for an early call',
    });
    expect(count('audit_log', "action = 'call.outsideHours'")).toBe(1);
    const done = await call(b.dispatch, 'call.complete', { state: { ...opened.state, outcome: 'no_answer' } });
    expect(done.outcome).toBe('no_answer');
    expect(attemptsOf('B-1')).toBe(1);
  });

  it('does not judge hours when the manager turned the rule off', async () => {
    await asManager(async () => {
      const s = await call(b.dispatch, 'queue.settings.get', {});
      await call(b.dispatch, 'queue.settings.save', { ...s, callingHoursEnforced: false });
    });
    const opened = await call(b.dispatch, 'call.start', { customerId: id('B-1') });
    expect(opened.customer.externalId).toBe('B-1');
  });
});

describe('the retry cadence after No answer', () => {
  async function noAnswer(ext: string): Promise<void> {
    const opened = await call(b.dispatch, 'call.start', { customerId: id(ext) });
    await call(b.dispatch, 'call.complete', { state: { ...opened.state, outcome: 'no_answer' } });
  }
  const row = async (ext: string) => (await call(b.dispatch, 'queue.list', { search: ext })).items.find((i) => i.externalId === ext);

  it('waits 2 h, then a day, then 3 days by default, and the queue says from when', async () => {
    clock = MORNING_BERLIN;
    b.db.prepare("INSERT INTO settings (key, value) VALUES ('contact.maxAttempts', '5') ON CONFLICT(key) DO UPDATE SET value = '5'").run();
    await noAnswer('B-1');
    expect(b.db.prepare("SELECT next_attempt_at FROM customers WHERE external_id = 'B-1'").pluck().get()).toBe('2026-11-16T12:00:00.000Z');

    // Still in the queue, not callable, with the time of the next try in the customer's time.
    const waiting = await row('B-1');
    expect(waiting).toMatchObject({ callableNow: false });
    expect(english(waiting?.notCallableBecause)).toContain('from Nov 16, 2026, 1:00 PM their time');
    const again = await callResult(b.dispatch, 'call.start', { customerId: id('B-1') });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('retry cadence') as string } });
    // "Next customer" takes the one who may be called instead.
    expect((await call(b.dispatch, 'call.start', { next: true })).customer.externalId).toBe('B-2');
    await call(b.dispatch, 'call.complete', {
      state: { ...(await call(b.dispatch, 'call.start', { customerId: id('B-2') })).state, outcome: 'declined', stage: 'offer', reached: 'offer', offer: { skippedBecause: 'Customer only wanted to complain', answers: [], note: '' } },
    });

    clock = new Date('2026-11-16T12:00:00Z');
    expect(await row('B-1')).toMatchObject({ callableNow: true });
    await noAnswer('B-1');
    expect(b.db.prepare("SELECT next_attempt_at FROM customers WHERE external_id = 'B-1'").pluck().get()).toBe('2026-11-17T12:00:00.000Z');
    clock = new Date('2026-11-17T12:00:00Z');
    await noAnswer('B-1');
    expect(b.db.prepare("SELECT next_attempt_at FROM customers WHERE external_id = 'B-1'").pluck().get()).toBe('2026-11-20T12:00:00.000Z');
  });

  it('follows the cadence the manager sets, and any answered call clears the wait', async () => {
    clock = MORNING_BERLIN;
    const saved = await asManager(() => call(b.dispatch, 'contactPolicy.save', { retryCadenceMinutes: [30], outsideHoursOverride: false }));
    expect(saved).toEqual({ retryCadenceMinutes: [30], outsideHoursOverride: false });
    expect(await call(b.dispatch, 'contactPolicy.get', {})).toEqual(saved);
    await noAnswer('B-1');
    expect(b.db.prepare("SELECT next_attempt_at FROM customers WHERE external_id = 'B-1'").pluck().get()).toBe('2026-11-16T10:30:00.000Z');
    clock = new Date('2026-11-16T10:30:00Z');
    const opened = await call(b.dispatch, 'call.start', { customerId: id('B-1') });
    await call(b.dispatch, 'call.complete', { state: { ...opened.state, outcome: 'callback', callbackLocal: '2026-11-18T10:00' } });
    expect(b.db.prepare("SELECT next_attempt_at FROM customers WHERE external_id = 'B-1'").pluck().get()).toBeNull();
  });

  it('refuses a cadence that is not one', async () => {
    const r = await asManager(() => callResult(b.dispatch, 'contactPolicy.save', { retryCadenceMinutes: [], outsideHoursOverride: false }));
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('at least one wait') as string } });
    expect(await call(b.dispatch, 'contactPolicy.get', {})).toEqual({ retryCadenceMinutes: [120, 1440, 4320], outsideHoursOverride: false });
  });
});

describe('assignment by hand, previewed', () => {
  it("names whose customers an assignment would take, and how many each keeps of their handful", async () => {
    await asManager(async () => {
      const exec = await signIn(b.dispatch, { name: 'Morgan Executive', role: 'executive' });
      const morgan = exec.user?.id ?? '';
      b.db.prepare("UPDATE settings SET value = '\"m-1\"' WHERE key = 'console.currentUserId'").run();
      await call(b.dispatch, 'assignment.assign', { customerIds: [id('B-1'), id('B-2')], personId: morgan });
      const agent = b.db.prepare("SELECT id FROM people WHERE role = 'agent'").pluck().get() as string;
      const preview = await call(b.dispatch, 'assignment.preview', { customerIds: [id('B-1')], personId: agent });
      expect(preview).toEqual({
        moving: 1,
        takenFrom: [{ personId: morgan, name: 'Morgan Executive', role: 'executive', count: 1, before: 2, after: 1, cap: 10 }],
      });
      // Nothing moved by asking.
      expect(b.db.prepare('SELECT assigned_to FROM customers WHERE id = ?').pluck().get(id('B-1'))).toBe(morgan);
    });
  });
});
