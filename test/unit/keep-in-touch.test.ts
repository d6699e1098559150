import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mayContact, type ContactChannel } from '../../electron/backend/outreach/mayContact';
import type { KeepInTouchCustomer } from '../../shared/api/keepInTouch';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { addCustomer, customerId, insertCall } from '../helpers/calls';
import { PEOPLE, seedScenario } from '../helpers/scenario';

let b: TestBackend;
beforeEach(async () => {
  b = testBackend(() => new Date('2026-11-20T12:00:00.000Z'));
  seedScenario(b.db);
  await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
});
afterEach(() => b.dispose());

async function list(filters: Record<string, unknown> = {}) {
  return call(b.dispatch, 'keepInTouch.list', { filters, limit: 500 });
}
const ids = (items: KeepInTouchCustomer[]) => items.map((i) => i.externalId).sort();

function consent(externalId: string, channel: 'phone' | 'email' | 'post', answer: 'yes' | 'no' | 'no_answer', at = '2026-11-10T10:00:00.000Z') {
  b.db
    .prepare(
      `INSERT INTO consents (customer_id, call_id, channel, answer, wording, asked_at, agent_id, agent_name)
       VALUES (?, 'consent-call', ?, ?, 'May we contact you?', ?, ?, 'Sam Agent')`,
    )
    .run(customerId(b.db, externalId), channel, answer, at, PEOPLE.sam.id);
}

describe('the keep-in-touch list', () => {
  it('lists departed customers not won back, grouped by diagnosed reason over stated, with revenue and last contact', async () => {
    addCustomer(b.db, { externalId: 'C7', name: 'Gus Neverreached', monthlyRevenue: 60, statedReasonId: 'service.reliability', statedReasonText: 'Outages', departedAt: '2026-11-10', email: 'gus@example.test' });
    const result = await list();
    // C3 and C4 were won back on their latest call; C1 wants a callback, C2 and C5 declined, C7 was never called.
    expect(ids(result.items)).toEqual(['C1', 'C2', 'C5', 'C7']);
    expect(result.total).toBe(4);
    expect(result.revenue).toBe(100 + 50 + 30 + 60);

    const c1 = result.items.find((i) => i.externalId === 'C1');
    // C1 stated "too expensive"; their last call diagnosed extra charges: the diagnosis wins.
    expect(c1).toMatchObject({ reasonId: 'price.extra-charges', reasonSource: 'diagnosed', category: 'Price / value for money', lastOutcome: 'callback', lastContactAt: '2026-11-07T10:00:00.000Z', monthlyRevenue: 100 });
    const c7 = result.items.find((i) => i.externalId === 'C7');
    expect(c7).toMatchObject({ reasonId: 'service.reliability', reasonSource: 'stated', lastContactAt: null, lastOutcome: null });
    expect(c7?.email).toEqual({ consent: null, open: true });

    expect(result.groups.find((g) => g.reasonId === 'price.extra-charges')).toMatchObject({ customers: 1, revenue: 100 });
    expect(result.groups.find((g) => g.reasonId === 'price.too-expensive')).toBeUndefined();
    // Rows come group by group, so the view can head each run of rows with its reason.
    const order = result.items.map((i) => i.reasonId);
    expect(new Set(order).size).toBe(result.groups.length);
    for (let i = 1; i < order.length; i += 1) if (order[i] !== order[i - 1]) expect(order.slice(i + 1)).not.toContain(order[i - 1]);
  });

  it('leaves out a customer won back by a later returns import', async () => {
    const imported = await call(b.dispatch, 'effect.importReturns', { fileName: 'active.csv', text: 'Customer ID,Returned on\nC2,2026-11-15\n' });
    expect(imported.returned).toBe(1);
    expect(ids((await list()).items)).toEqual(['C1', 'C5']);
  });

  it('leaves out a customer who refused consent on every channel, and shows a single refusal per channel', async () => {
    consent('C1', 'phone', 'no');
    const partly = (await list()).items.find((i) => i.externalId === 'C1');
    expect(partly?.phone).toEqual({ consent: 'no', open: false });
    expect(partly?.post).toEqual({ consent: null, open: true });

    b.db.prepare("UPDATE customers SET email = 'ada@example.test' WHERE external_id = 'C1'").run();
    consent('C1', 'email', 'no');
    consent('C1', 'post', 'no');
    expect(ids((await list()).items)).not.toContain('C1');
    // A later yes counts: the latest answer is the one that holds.
    consent('C1', 'post', 'yes', '2026-11-12T10:00:00.000Z');
    expect((await list()).items.find((i) => i.externalId === 'C1')?.post).toEqual({ consent: 'yes', open: true });
  });

  it('leaves out a customer suppressed in the permissions ledger, and closes only the channel an entry covers', async () => {
    b.db.prepare("UPDATE customers SET email = 'bruno@example.test' WHERE external_id = 'C2'").run();
    await call(b.dispatch, 'permissions.add', { kind: 'email', value: 'Bruno@Example.test', scope: 'email' });
    const c2 = (await list()).items.find((i) => i.externalId === 'C2');
    expect(c2?.email.open).toBe(false);
    expect(c2?.phone.open).toBe(true);

    await call(b.dispatch, 'permissions.add', { kind: 'customer', value: 'C2', scope: 'all' });
    expect(ids((await list()).items)).not.toContain('C2');
  });

  it('leaves out an erased customer, one marked do not contact, and one whose reason is never followed up', async () => {
    await call(b.dispatch, 'privacy.erase', { customerId: customerId(b.db, 'C5'), confirm: 'C5' });
    b.db.prepare("UPDATE customers SET do_not_contact = 1 WHERE external_id = 'C2'").run();
    addCustomer(b.db, { externalId: 'C8', name: 'Hal Gone', statedReasonId: 'not-recoverable.deceased', departedAt: '2026-11-01' });
    expect(ids((await list()).items)).toEqual(['C1']);
  });

  it('agrees with mayContact on every channel, customer by customer, whatever the ledger holds on them', async () => {
    b.db.prepare("UPDATE customers SET email = 'ada@example.test' WHERE external_id = 'C1'").run();
    addCustomer(b.db, { externalId: 'C10', name: 'Jo Typo', statedReasonId: 'price.too-expensive', departedAt: '2026-11-01', phone: '+1 212 555 0177', email: 'not an address' });
    b.db.prepare("UPDATE customers SET email = 'eli@example.test', phone = NULL WHERE external_id = 'C5'").run();
    addCustomer(b.db, { externalId: 'C9', name: 'Ivy Wrong', statedReasonId: 'price.too-expensive', departedAt: '2026-11-01', phone: '+1 555-0199', email: 'ivy@example.test' });
    insertCall(b.db, { id: 'K9', customer: 'C9', callerId: PEOPLE.sam.id, callerRole: 'agent', completedAt: '2026-11-08T10:00:00.000Z', outcome: 'wrong_number' });
    b.db.prepare("UPDATE customers SET phone = '+1 212 555 0142' WHERE external_id = 'C2'").run();
    await call(b.dispatch, 'permissions.add', { kind: 'phone', value: '+1 212 555 0142', scope: 'call' });
    await call(b.dispatch, 'permissions.add', { kind: 'email', value: 'eli@example.test', scope: 'email' });
    consent('C9', 'email', 'no');
    // Several entries on one customer: one for emails on the address, then one for everything on the id.
    addCustomer(b.db, { externalId: 'C11', name: 'Kim Twice', statedReasonId: 'price.too-expensive', departedAt: '2026-11-01', phone: '+1 212 555 0111', email: 'kim@example.test' });
    await call(b.dispatch, 'permissions.add', { kind: 'email', value: 'kim@example.test', scope: 'email' });
    await call(b.dispatch, 'permissions.add', { kind: 'customer', value: 'C11', scope: 'all' });
    // A number on a do-not-call registry, of a customer who left within the established-relationship window.
    addCustomer(b.db, { externalId: 'C12', name: 'Lou Recent', statedReasonId: 'price.too-expensive', departedAt: '2026-11-01', phone: '+1 212 555 0112', email: null });
    await call(b.dispatch, 'permissions.importList', { name: 'National registry', scope: 'call', registry: true, text: '+1 212 555 0112\n' });
    await call(b.dispatch, 'permissions.settings.set', { country: 'US', relationshipMonths: 18 });

    const items = (await list()).items;
    expect(items.length).toBeGreaterThan(3);
    const listed = new Map(items.map((i) => [i.externalId, i]));
    expect(listed.get('C12')?.phone.open).toBe(true);
    // Every customer the list may hold: one left out must have no channel mayContact would open.
    const departed = b.db.prepare("SELECT id, external_id FROM customers WHERE departed_at IS NOT NULL AND external_id NOT IN ('C3', 'C4')").all() as { id: number; external_id: string }[];
    expect(departed.map((d) => d.external_id)).toContain('C11');
    const seen = new Set<string>();
    for (const d of departed) {
      const item = listed.get(d.external_id);
      for (const channel of ['phone', 'email', 'post'] as ContactChannel[]) {
        const asked = mayContact(b.db, d.id, channel, undefined, new Date('2026-11-20T12:00:00.000Z')).ok;
        expect({ who: d.external_id, channel, open: item?.[channel].open ?? false }).toEqual({ who: d.external_id, channel, open: asked });
        seen.add(`${channel}:${String(asked)}`);
      }
    }
    // The fixture reaches both answers on every channel, so the comparison can fail either way.
    expect(seen).toEqual(new Set(['phone:true', 'phone:false', 'email:true', 'email:false', 'post:true', 'post:false']));
    expect(mayContact(b.db, customerId(b.db, 'C11'), 'post')).toEqual({ ok: false, why: { key: 'outreach.leftOutWhy.contact_ledger' }, closed: 'contact_ledger' });
    expect(mayContact(b.db, customerId(b.db, 'C9'), 'email')).toEqual({ ok: false, why: { key: 'outreach.leftOutWhy.said_no_email' }, closed: 'said_no' });
  });

  it('filters by reason, category, segment, product, cycle and departure age', async () => {
    expect(ids((await list({ reasonId: 'competitor.better-offer' })).items)).toEqual(['C2']);
    expect(ids((await list({ categoryId: 'price' })).items)).toEqual(['C1']);
    expect(ids((await list({ segment: 'Month-to-month' })).items)).toEqual(['C1']);
    expect(ids((await list({ product: 'DSL' })).items)).toEqual(['C1', 'C5']);
    const cycle = b.db.prepare("SELECT cycle_id FROM customers WHERE external_id = 'C5'").pluck().get() as string;
    expect(ids((await list({ cycleId: cycle })).items)).toEqual(['C5']);
    // Today is 20 November: C1 left 46 days ago, C2 42, C5 18.
    expect(ids((await list({ minAgeDays: 42 })).items)).toEqual(['C1', 'C2']);
    expect(ids((await list({ minAgeDays: 43 })).items)).toEqual(['C1']);
    expect(ids((await list({ maxAgeDays: 18 })).items)).toEqual(['C5']);
    expect(ids((await list({ maxAgeDays: 17 })).items)).toEqual([]);
  });

  it('refuses a filter naming a reason the taxonomy does not have, or an age range upside down', async () => {
    const unknown = await callResult(b.dispatch, 'keepInTouch.list', { filters: { reasonId: 'price.nonsense' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'There is no reason with id price.nonsense in the taxonomy.' } });
    const upsideDown = await callResult(b.dispatch, 'keepInTouch.list', { filters: { minAgeDays: 30, maxAgeDays: 10 } });
    expect(upsideDown.ok ? '' : upsideDown.error.message).toContain('swap them');
  });

  it('pages through the list in its order, and works it out again after a change', async () => {
    const all = (await list()).items.map((i) => i.externalId);
    const second = await call(b.dispatch, 'keepInTouch.list', { filters: {}, offset: 1, limit: 2 });
    expect(second.items.map((i) => i.externalId)).toEqual(all.slice(1, 3));
    insertCall(b.db, { id: 'K10', customer: 'C2', callerId: PEOPLE.sam.id, callerRole: 'agent', completedAt: '2026-11-19T10:00:00.000Z', outcome: 'recovered' });
    expect((await list()).items.map((i) => i.externalId)).not.toContain('C2');
  });
});
