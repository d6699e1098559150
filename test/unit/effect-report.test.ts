import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, signIn, testBackend, type TestBackend } from '../helpers/backend';
import { customer, fullCall, seedCustomers } from '../helpers/callFixtures';
import { newcombeSplit, reasonOf, segmentOf } from '../helpers/effectFixture';
import { parseEvent } from '../../shared/sync/events';
import { english } from '../helpers/said';

/** "Did the calls work", through the real dispatcher, on the worked example of test/helpers/effectFixture.ts. */
let b: TestBackend;
let clock: Date;
const { toCall, control, returnedToCall, returnedControl } = newcombeSplit();

beforeEach(async () => {
  clock = new Date('2026-11-16T15:00:00Z');
  b = testBackend(() => clock);
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
  seedCustomers(
    b.db,
    [...toCall, ...control].map((id) =>
      customer({ externalId: id, statedReasonId: reasonOf(id), statedReasonText: reasonOf(id), segment: segmentOf(id) }),
    ),
  );
});
afterEach(() => b.dispose());

const idOf = (ext: string) => b.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(ext) as number;

async function allQueued(): Promise<string[]> {
  const out: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await call(b.dispatch, 'queue.list', { limit: 500, offset });
    out.push(...page.items.map((i) => i.externalId));
    if (page.items.length < 500) return out;
  }
}

describe('a control group', () => {
  it('holds out the share the hash picks: out of every queue, shown on the card, refused a call, the same after the rules change', async () => {
    const set = await call(b.dispatch, 'effect.setControl', { cycleId: '2026-11', sharePercent: 50 });
    expect(set).toMatchObject({ cycle: 'November 2026', sharePercent: 50, toCall: 70, control: 80 });

    const queued = await allQueued();
    expect(queued.sort()).toEqual([...toCall].sort());
    const held = control[0] ?? '';
    const card = await call(b.dispatch, 'customers.get', { id: idOf(held) });
    expect(card.controlGroup).toBe(true);
    const status = await call(b.dispatch, 'contactPolicy.status', { customerId: idOf(held) });
    expect(english(status.why)).toBe('In the control group: not to be called this cycle.');
    const refused = await callResult(b.dispatch, 'call.start', { customerId: idOf(held) });
    expect(refused.ok ? null : refused.error.message).toBe(`Customer ${held} is in the control group: not to be called this cycle.`);

    // A selection rule that changes nothing for these customers leaves the groups as they were.
    await call(b.dispatch, 'selection.save', { rules: [], valueBands: [{ name: 'All', minRevenue: 0, points: 1 }], segmentPoints: [] });
    expect((await allQueued()).sort()).toEqual([...toCall].sort());
    expect((await call(b.dispatch, 'effect.controls', {}))[0]).toMatchObject({ toCall: 70, control: 80 });

    // The share travels to the hub, and where the pass put each customer with it.
    const kinds = b.db.prepare("SELECT kind, payload FROM outbox WHERE kind IN ('cycle.control', 'customer.grouped') ORDER BY seq").all() as { kind: string; payload: string }[];
    expect(kinds[0]).toEqual({ kind: 'cycle.control', payload: JSON.stringify({ cycle: '2026-11', cycleName: 'November 2026', sharePercent: 50, setAt: '2026-11-16T15:00:00.000Z' }) });
    const grouped = kinds.filter((k) => k.kind === 'customer.grouped').map((k) => JSON.parse(k.payload) as { externalId: string; group: string });
    expect(grouped.filter((g) => g.group === 'control').map((g) => g.externalId).sort()).toEqual([...control].sort());
    expect(grouped.filter((g) => g.group === 'to_call')).toHaveLength(70);
  });

  it('is fixed once the cycle has calls', async () => {
    await call(b.dispatch, 'effect.setControl', { cycleId: '2026-11', sharePercent: 50 });
    await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
    const s = await call(b.dispatch, 'call.start', { customerId: idOf(toCall[0] ?? '') });
    await call(b.dispatch, 'call.complete', { state: fullCall(s.state) });
    await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
    const r = await callResult(b.dispatch, 'effect.setControl', { cycleId: '2026-11', sharePercent: 10 });
    expect(r.ok ? null : r.error.message).toBe(
      "The control group of November 2026 is fixed: 1 of its customers has already been called. Set the share before a cycle's first call.",
    );
    const over = await callResult(b.dispatch, 'effect.setControl', { cycleId: '2026-11', sharePercent: 60 });
    expect(over.ok ? null : over.error.code).toBe('invalid_input');
  });
});

describe('did the calls work', () => {
  beforeEach(async () => {
    await call(b.dispatch, 'effect.setControl', { cycleId: '2026-11', sharePercent: 50 });
    // Two of the customers to be called are called (the others are not reached this cycle).
    await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
    for (const id of toCall.slice(0, 2)) {
      const s = await call(b.dispatch, 'call.start', { customerId: idOf(id) });
      await call(b.dispatch, 'call.complete', { state: fullCall(s.state) });
    }
    await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
  });

  it('compares the returns of both groups with the difference and its 95% interval, overall and by reason', async () => {
    // A file of current customers: everyone listed has come back; one id the console does not know.
    const file = `Customer ID;Monthly revenue\n${[...returnedToCall, ...returnedControl].map((id) => `${id};49,90`).join('\n')}\nNOBODY;10\n`;
    const imported = await call(b.dispatch, 'effect.importReturns', { fileName: 'current.csv', text: file });
    expect(imported).toMatchObject({ rows: 105, returned: 104, unknown: 1, unknownExamples: ['NOBODY'], invalid: [] });

    const r = await call(b.dispatch, 'effect.report', {});
    expect(r.controls).toEqual([{ cycleId: '2026-11', cycle: 'November 2026', sharePercent: 50 }]);
    expect(r.overall.toCall).toMatchObject({ customers: 70, called: 2, returned: 56, rate: 0.8 });
    expect(r.overall.control).toMatchObject({ customers: 80, called: 0, returned: 48, rate: 0.6 });
    expect(r.overall.difference).toBeCloseTo(0.2, 10);
    expect(r.overall.low).toBeCloseTo(0.0524, 4);
    expect(r.overall.high).toBeCloseTo(0.3339, 4);
    expect(r.overall.verdict).toBe('calls_helped');
    expect(r.byCycle.map((x) => x.label)).toEqual(['November 2026']);

    // By stated reason, counted from the fixture.
    const count = (ids: string[], reason: string) => ids.filter((id) => reasonOf(id) === reason).length;
    const price = r.byReason.find((x) => x.key === 'price.too-expensive');
    expect(price?.toCall).toMatchObject({ customers: count(toCall, 'price.too-expensive'), returned: count(returnedToCall, 'price.too-expensive') });
    expect(price?.control).toMatchObject({ customers: count(control, 'price.too-expensive'), returned: count(returnedControl, 'price.too-expensive') });
    const segments = r.bySegment.reduce((n, x) => n + x.toCall.customers + x.control.customers, 0);
    expect(segments).toBe(150);

    // A later file with a "returned" column: a "no" takes a return back.
    const again = await call(b.dispatch, 'effect.importReturns', { fileName: 'status.csv', text: `id,returned\n${returnedControl[0] ?? ''},no\n${returnedControl[1] ?? ''},maybe\n` });
    expect(again).toMatchObject({ rows: 2, returned: 0, notReturned: 1, invalid: [{ line: 3, problem: '"maybe" is neither yes nor no.' }] });
    expect((await call(b.dispatch, 'effect.report', { cycle: 'November 2026' })).overall.control.returned).toBe(47);

    // Every return travels to the hub.
    const events = b.db.prepare("SELECT id, payload, seq, created_at FROM outbox WHERE kind = 'customer.returned' ORDER BY seq").all() as { id: string; payload: string; seq: number; created_at: string }[];
    expect(events).toHaveLength(105);
    expect(events.every((e) => parseEvent({ id: e.id, kind: 'customer.returned', consoleId: 'd', seq: e.seq, occurredAt: e.created_at, payload: JSON.parse(e.payload) as unknown }).ok)).toBe(true);
  });

  it('says when the data cannot tell', async () => {
    await call(b.dispatch, 'effect.importReturns', { fileName: 'few.csv', text: `id\n${toCall[0] ?? ''}\n${control[0] ?? ''}\n` });
    const r = await call(b.dispatch, 'effect.report', {});
    expect(r.overall.verdict).toBe('cannot_tell');
    expect(r.overall.low).toBeLessThan(0);
    expect(r.overall.high).toBeGreaterThan(0);
  });

  it('refuses a file without a customer id column, importing nothing', async () => {
    const r = await callResult(b.dispatch, 'effect.importReturns', { fileName: 'x.csv', text: 'name,returned\nAda,yes\n' });
    expect(r.ok ? null : r.error.message).toBe('x.csv has no customer id column (a header such as "Customer ID"). Nothing was imported.');
    expect(b.db.prepare('SELECT count(*) FROM customers WHERE returned_on IS NOT NULL').pluck().get()).toBe(0);
  });
});
