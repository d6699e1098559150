import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customer, fullCall, seedCustomers } from '../helpers/callFixtures';
import { proposeOffers } from '../../shared/domain/offers';
import { toRuleDef } from '../../electron/backend/playbook/offers';

let b: TestBackend;

beforeEach(async () => {
  b = testBackend();
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
});
afterEach(() => b.dispose());

const auditActions = () => b.db.prepare('SELECT action FROM audit_log WHERE action NOT LIKE ? ORDER BY id').pluck().all('session.%');

describe('the reason taxonomy', () => {
  it('adds a category and a reason with stable ids that a rename does not change', async () => {
    let tax = await call(b.dispatch, 'taxonomy.saveCategory', { name: 'Data privacy', approach: 'Explain what is kept and why.' });
    const cat = tax.find((c) => c.name === 'Data privacy');
    expect(cat).toMatchObject({ id: 'data-privacy', recoverable: true, retired: false, reasons: [] });
    tax = await call(b.dispatch, 'taxonomy.saveReason', { categoryId: 'data-privacy', name: 'Worried about tracking' });
    expect(tax.find((c) => c.id === 'data-privacy')?.reasons).toEqual([{ id: 'data-privacy.worried-about-tracking', name: 'Worried about tracking', retired: false }]);
    tax = await call(b.dispatch, 'taxonomy.saveReason', { id: 'data-privacy.worried-about-tracking', categoryId: 'data-privacy', name: 'Tracking and ads' });
    expect(tax.find((c) => c.id === 'data-privacy')?.reasons[0]).toEqual({ id: 'data-privacy.worried-about-tracking', name: 'Tracking and ads', retired: false });
    tax = await call(b.dispatch, 'taxonomy.saveCategory', { id: 'data-privacy', name: 'Privacy', approach: '' });
    expect(tax.find((c) => c.id === 'data-privacy')?.name).toBe('Privacy');
    expect(auditActions()).toEqual(['taxonomy.category.add', 'taxonomy.reason.add', 'taxonomy.reason.rename', 'taxonomy.category.update']);
  });

  it('gives a second category with a similar name its own id', async () => {
    await call(b.dispatch, 'taxonomy.saveCategory', { name: 'Price!' });
    const tax = await call(b.dispatch, 'taxonomy.list', {});
    expect(tax.find((c) => c.name === 'Price!')?.id).toBe('price-2');
  });

  it('refuses duplicate names, moving a reason, and adding to a retired category', async () => {
    expect(await callResult(b.dispatch, 'taxonomy.saveCategory', { name: ' competitor ' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'There is already a category named "Competitor".' },
    });
    expect(await callResult(b.dispatch, 'taxonomy.saveReason', { categoryId: 'price', name: 'too EXPENSIVE' })).toMatchObject({
      ok: false,
      error: { message: '"Price / value for money" already has a reason named "Too expensive".' },
    });
    expect(await callResult(b.dispatch, 'taxonomy.saveReason', { id: 'price.too-expensive', categoryId: 'competitor', name: 'Too expensive' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'A reason keeps its category; retire "Too expensive" and add a new reason under "Competitor".' },
    });
    await call(b.dispatch, 'taxonomy.retireCategory', { id: 'passive', retired: true });
    expect(await callResult(b.dispatch, 'taxonomy.saveReason', { categoryId: 'passive', name: 'Lost interest' })).toMatchObject({
      ok: false,
      error: { message: '"Passive / oversight" is retired; restore it before adding reasons to it.' },
    });
    expect(await callResult(b.dispatch, 'taxonomy.saveCategory', { name: '' })).toMatchObject({ ok: false, error: { message: 'Enter a name for the category.', field: 'name' } });
  });

  it('retires a reason: still listed and still on earlier calls, restorable', async () => {
    await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
    const ids = seedCustomers(b.db, [customer({ externalId: 'C-1' })]);
    const s = await call(b.dispatch, 'call.start', { customerId: ids['C-1'] ?? -1 });
    const done = await call(b.dispatch, 'call.complete', { state: fullCall(s.state) });
    await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });

    const tax = await call(b.dispatch, 'taxonomy.retireReason', { id: 'price.extra-charges', retired: true });
    expect(tax.find((c) => c.id === 'price')?.reasons.find((r) => r.id === 'price.extra-charges')).toEqual({ id: 'price.extra-charges', name: 'Extra charges', retired: true });
    const detail = await call(b.dispatch, 'call.get', { callId: done.callId });
    expect(detail.reasons.map((r) => r.name)).toEqual(['Too expensive', 'Extra charges']);
    const restored = await call(b.dispatch, 'taxonomy.retireReason', { id: 'price.extra-charges', retired: false });
    expect(restored.find((c) => c.id === 'price')?.reasons.find((r) => r.id === 'price.extra-charges')?.retired).toBe(false);
  });

  it('is for managers to change; everyone can read it', async () => {
    await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
    expect(await callResult(b.dispatch, 'taxonomy.saveCategory', { name: 'Sneaky' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await callResult(b.dispatch, 'playbook.saveRule', { priority: 1, offerId: 'offer.pause' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await call(b.dispatch, 'taxonomy.list', {})).length).toBeGreaterThan(5);
    expect((await call(b.dispatch, 'playbook.list', {})).offers.length).toBeGreaterThan(5);
  });
});

describe('the offer playbook', () => {
  it('offers customers who left Service A Service D or Service E', async () => {
    await call(b.dispatch, 'playbook.saveOffer', { name: 'Service D', type: 'alternative_product', product: 'Service D', talkingPoints: 'Does what A did, simpler.' });
    await call(b.dispatch, 'playbook.saveOffer', { name: 'Service E', type: 'alternative_product', product: 'Service E' });
    await call(b.dispatch, 'playbook.saveRule', { priority: 1, product: 'Service A', offerId: 'offer.service-d' });
    const book = await call(b.dispatch, 'playbook.saveRule', { priority: 2, product: 'Service A', offerId: 'offer.service-e' });
    expect(book.offers.find((o) => o.id === 'offer.service-d')).toMatchObject({ type: 'alternative_product', product: 'Service D', generatesCode: false, retired: false });
    expect(book.rules.filter((r) => r.product === 'Service A').map((r) => [r.id, r.offerId])).toEqual([
      ['rule.service-d', 'offer.service-d'],
      ['rule.service-e', 'offer.service-e'],
    ]);

    await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
    const ids = seedCustomers(b.db, [customer({ externalId: 'C-A', product: 'Service A' }), customer({ externalId: 'C-B', product: 'Service B' })]);
    const a = await call(b.dispatch, 'call.start', { customerId: ids['C-A'] ?? -1 });
    const ctx = { categoryId: 'price', reasonId: 'price.too-expensive', product: a.customer.product, segment: a.customer.segment, monthlyRevenue: a.customer.monthlyRevenue };
    expect(proposeOffers(a.rules.map(toRuleDef), ctx).map((o) => o.offerId).slice(0, 2)).toEqual(['offer.service-d', 'offer.service-e']);
    const other = await call(b.dispatch, 'call.start', { customerId: ids['C-B'] ?? -1 });
    expect(proposeOffers(other.rules.map(toRuleDef), { ...ctx, product: other.customer.product }).map((o) => o.offerId)).not.toContain('offer.service-d');
  });

  it('edits an offer and a rule in place, keeping their ids', async () => {
    let book = await call(b.dispatch, 'playbook.saveOffer', { id: 'offer.loyalty-discount', name: '10% off for 2 months', type: 'discount', percent: 10, durationMonths: 2, generatesCode: true });
    expect(book.offers.find((o) => o.id === 'offer.loyalty-discount')).toMatchObject({ name: '10% off for 2 months', percent: 10, durationMonths: 2 });
    // The hub hears the offer's new name and the cost that follows from it, for org-wide offer economics.
    const defined = b.db.prepare("SELECT payload FROM outbox WHERE kind = 'offer.defined'").pluck().all() as string[];
    expect(defined.map((p) => JSON.parse(p) as unknown)).toEqual([
      { offerId: 'offer.loyalty-discount', name: '10% off for 2 months', cost: { kind: 'discount', percent: 10, months: 2 }, definedAt: expect.any(String) as string },
    ]);
    book = await call(b.dispatch, 'playbook.saveRule', { id: 'rule.price-discount', priority: 5, categoryId: 'price', segment: 'Enterprise', minRevenue: 100, maxRevenue: 1000, offerId: 'offer.loyalty-discount' });
    expect(book.rules.find((r) => r.id === 'rule.price-discount')).toEqual({
      id: 'rule.price-discount',
      priority: 5,
      categoryId: 'price',
      reasonId: null,
      product: null,
      segment: 'Enterprise',
      minRevenue: 100,
      maxRevenue: 1000,
      offerId: 'offer.loyalty-discount',
    });
    book = await call(b.dispatch, 'playbook.deleteRule', { id: 'rule.price-discount' });
    expect(book.rules.find((r) => r.id === 'rule.price-discount')).toBeUndefined();
    expect(auditActions()).toEqual(['playbook.offer.update', 'playbook.rule.update', 'playbook.rule.delete']);
  });

  it('refuses offers that cannot be carried out as described', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'Half off', type: 'discount', percent: 50 }, 'This offer type needs a duration in months.'],
      [{ name: 'Half off', type: 'discount', durationMonths: 2 }, 'This offer type needs a percent.'],
      [{ name: 'Other thing', type: 'alternative_product' }, 'This offer type needs the product or plan proposed.'],
      [{ name: 'Pause', type: 'pause', percent: 5, durationMonths: 1 }, 'Only a discount has a percent.'],
      [{ name: 'Too much', type: 'discount', percent: 120, durationMonths: 1 }, 'A discount is at most 100%.'],
    ];
    for (const [input, message] of cases) {
      expect(await callResult(b.dispatch, 'playbook.saveOffer', input as never), message).toMatchObject({ ok: false, error: { message } });
    }
    expect((await call(b.dispatch, 'playbook.list', {})).offers).toHaveLength(9);
  });

  it('refuses rules that cannot match or point at nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ priority: 1, offerId: 'offer.none' }, 'There is no offer with id offer.none in the playbook.'],
      [{ priority: 1, categoryId: 'price', reasonId: 'changed-needs.moved', offerId: 'offer.pause' }, '"Moved" is not a reason of the chosen category.'],
      [{ priority: 1, minRevenue: 100, maxRevenue: 50, offerId: 'offer.pause' }, 'The lowest revenue of the band is above the highest.'],
      [{ priority: 1, categoryId: 'no-such', offerId: 'offer.pause' }, 'There is no reason category no-such.'],
    ];
    for (const [input, message] of cases) {
      expect(await callResult(b.dispatch, 'playbook.saveRule', input as never), message).toMatchObject({ ok: false, error: { message } });
    }
  });

  it('stops proposing a retired offer, and keeps it on earlier calls', async () => {
    await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
    const ids = seedCustomers(b.db, [customer({ externalId: 'C-1' }), customer({ externalId: 'C-2' })]);
    const s = await call(b.dispatch, 'call.start', { customerId: ids['C-1'] ?? -1 });
    await call(b.dispatch, 'call.saveDraft', { state: fullCall(s.state, { outcome: null }) });
    await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
    await call(b.dispatch, 'playbook.retireOffer', { id: 'offer.loyalty-discount', retired: true });
    expect(await callResult(b.dispatch, 'playbook.saveRule', { priority: 1, offerId: 'offer.loyalty-discount' })).toMatchObject({
      ok: false,
      error: { message: '"15% off for 3 months" is retired; restore it before proposing it.' },
    });
    await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
    const fresh = await call(b.dispatch, 'call.start', { customerId: ids['C-2'] ?? -1 });
    expect(fresh.rules.map((r) => r.offerId)).not.toContain('offer.loyalty-discount');
    expect(fresh.offers.map((o) => o.id)).not.toContain('offer.loyalty-discount');
    // The open call that already recorded it still shows it, marked retired.
    const open = await call(b.dispatch, 'call.start', { customerId: ids['C-1'] ?? -1 });
    expect(open.offers.find((o) => o.id === 'offer.loyalty-discount')?.retired).toBe(true);
  });
});
