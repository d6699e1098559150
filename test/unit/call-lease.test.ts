import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import { startCall, CALL_LEASE_MS } from '../../electron/backend/call/session';
import { insertPerson } from '../../db/repos/people';
import type { Person } from '../../shared/api/session';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customer, fullCall, seedCustomers } from '../helpers/callFixtures';

let b: TestBackend;
let clock: Date;
const others: Backend[] = [];

beforeEach(async () => {
  clock = new Date('2026-11-16T15:00:00Z');
  b = testBackend(() => clock);
  await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
  seedCustomers(
    b.db,
    Array.from({ length: 30 }, (_, i) => customer({ externalId: `L-${String(i).padStart(2, '0')}`, name: `Lease Customer ${i}`, monthlyRevenue: 1000 - i })),
    { callingHours: 'any hour' },
  );
});
afterEach(() => {
  for (const o of others.splice(0)) o.close();
  b.dispose();
});

const customerOf = (r: { ok: boolean; value?: unknown }) => (r.ok ? (r.value as { customer: { externalId: string } }).customer.externalId : null);

describe('"Next customer" leases the customer it opens', () => {
  it('two windows asking for the next customer at the same moment get different customers', async () => {
    const [one, two] = await Promise.all([b.dispatch('call.start', { next: true }), b.dispatch('call.start', { next: true })]);
    expect(customerOf(one)).toBe('L-00');
    expect(customerOf(two)).toBe('L-01');
  });

  it('twelve at once get twelve different customers', async () => {
    const all = await Promise.all(Array.from({ length: 12 }, () => b.dispatch('call.start', { next: true })));
    const got = all.map(customerOf);
    expect(got.every((g) => g !== null)).toBe(true);
    expect(new Set(got).size).toBe(12);
  });

  it('two people on one database, each through a connection of their own, never get the same customer', () => {
    const ann = b.db.prepare("SELECT id, name, role FROM people WHERE name = 'Ann Agent'").get() as Person;
    const bo: Person = { id: 'bo-agent', name: 'Bo Agent', role: 'agent' };
    insertPerson(b.db, bo, clock.toISOString());
    const second = createBackend({ dbPath: b.dbPath, log: silentLogger, now: () => clock });
    others.push(second);
    const picked: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      picked.push(startCall(b.deps, ann, { next: true }).customer.externalId);
      picked.push(startCall(second.deps, bo, { next: true }).customer.externalId);
    }
    expect(new Set(picked).size).toBe(10);
  });

  it("refuses an explicit start of a customer someone else has open, saying who and since when", async () => {
    const opened = await call(b.dispatch, 'call.start', { next: true });
    await signIn(b.dispatch, { name: 'Bo Agent', role: 'agent' });
    const r = await callResult(b.dispatch, 'call.start', { customerId: opened.customer.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Lease Customer 0 is being called by Ann Agent (since Nov 16, 2026, 3:00 PM UTC). Pick another customer, or try again once that call ends.' } });
    // Bo's "next" passes over Ann's customer.
    expect((await call(b.dispatch, 'call.start', { next: true })).customer.externalId).toBe('L-01');
  });

  it('the same person may reopen their own open call (the other window, Unfinished calls)', async () => {
    const opened = await call(b.dispatch, 'call.start', { next: true });
    const again = await call(b.dispatch, 'call.start', { customerId: opened.customer.id });
    expect(again.customer.externalId).toBe('L-00');
  });

  it('releases the customer when the call is left, and when it is completed', async () => {
    const first = await call(b.dispatch, 'call.start', { next: true });
    expect(await call(b.dispatch, 'call.release', { customerId: first.customer.id, callId: first.state.callId })).toEqual({ released: true });
    const reopened = await call(b.dispatch, 'call.start', { next: true });
    expect(reopened.customer.externalId).toBe('L-00');

    await call(b.dispatch, 'call.complete', { state: fullCall(reopened.state) });
    expect(b.db.prepare('SELECT count(*) FROM call_leases').pluck().get()).toBe(0);
  });

  it('a lease nobody works on runs out: a window that died does not keep its customer', async () => {
    const opened = await call(b.dispatch, 'call.start', { next: true });
    await signIn(b.dispatch, { name: 'Bo Agent', role: 'agent' });
    clock = new Date(clock.getTime() + CALL_LEASE_MS - 60_000);
    expect((await callResult(b.dispatch, 'call.start', { customerId: opened.customer.id })).ok).toBe(false);
    clock = new Date(clock.getTime() + 120_000);
    expect((await call(b.dispatch, 'call.start', { customerId: opened.customer.id })).customer.externalId).toBe('L-00');
  });

  it('work on the call keeps the lease alive past its first expiry', async () => {
    const opened = await call(b.dispatch, 'call.start', { next: true });
    clock = new Date(clock.getTime() + CALL_LEASE_MS - 60_000);
    await call(b.dispatch, 'call.saveDraft', { state: opened.state });
    clock = new Date(clock.getTime() + 120_000);
    await signIn(b.dispatch, { name: 'Bo Agent', role: 'agent' });
    expect(await callResult(b.dispatch, 'call.start', { customerId: opened.customer.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
