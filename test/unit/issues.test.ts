import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { addCustomer, insertCall } from '../helpers/calls';
import { PEOPLE, seedScenario } from '../helpers/scenario';

let b: TestBackend;
let clock: Date;
beforeEach(async () => {
  clock = new Date('2026-10-20T12:00:00.000Z');
  b = testBackend(() => clock);
  seedScenario(b.db);
  await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
});
afterEach(() => b.dispose());

describe('issues to fix', () => {
  it('computes the customers and revenue at stake live from its reasons and calls', async () => {
    const created = await call(b.dispatch, 'issues.create', {
      title: 'Competitors outbid us on contract renewals',
      owner: 'Head of pricing',
      reasonIds: ['competitor.better-offer'],
      callIds: ['K6'],
    });
    // C2 stated and was diagnosed with it; K6 brings C5. Neither came back: 50 + 30.
    expect(created).toMatchObject({
      status: 'open',
      fixedAt: null,
      owner: 'Head of pricing',
      reasons: [{ id: 'competitor.better-offer', name: 'Competitor made a better offer', category: 'Competitor' }],
      callCount: 1,
      customers: 2,
      stillLost: 2,
      revenueAtStake: 80,
      afterFix: null,
    });
    expect(created.calls).toEqual([
      expect.objectContaining({ id: 'K6', customer: 'Elif Notreal', caller: 'Sam Agent', outcome: 'declined', diagnosedReason: "Don't know", monthlyRevenue: 30 }),
    ]);

    // A customer won back no longer counts as at stake, on the very next read.
    b.db.prepare("UPDATE calls SET outcome = 'recovered' WHERE id = 'K6'").run();
    const list = await call(b.dispatch, 'issues.list', {});
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ customers: 2, stillLost: 1, revenueAtStake: 50 });
  });

  it('counts a customer once even when a reason and a call both bring them', async () => {
    const issue = await call(b.dispatch, 'issues.create', { title: 'Price', reasonIds: ['price.too-expensive', 'price.extra-charges'], callIds: ['K1', 'K7'] });
    // C1 (stated, K1, K7) and C4 (stated, K5): both recovered.
    expect(issue).toMatchObject({ customers: 2, stillLost: 0, revenueAtStake: 0, callCount: 2 });
  });

  it('after "fixed", shows its reasons month by month from the fix date, against the months before', async () => {
    const issue = await call(b.dispatch, 'issues.create', { title: 'Competitors', reasonIds: ['competitor.better-offer'] });
    await call(b.dispatch, 'issues.update', { id: issue.id, status: 'in_progress' });
    const fixed = await call(b.dispatch, 'issues.update', { id: issue.id, status: 'fixed' });
    expect(fixed.fixedAt).toBe('2026-10-20T12:00:00.000Z');
    expect(fixed.afterFix?.months).toEqual([{ month: '2026-10', departed: 0, revenue: 0, diagnosedCalls: 0 }]);
    // Before the fix: C2 left on 2026-10-09 and K3 diagnosed it on 2026-10-15, over three months.
    expect(fixed.afterFix?.before).toEqual({ departed: 0.33, revenue: 16.67, diagnosedCalls: 0.33 });

    clock = new Date('2026-12-10T09:00:00.000Z');
    addCustomer(b.db, { externalId: 'C6', monthlyRevenue: 40, statedReasonText: 'Competitor made better offer', statedReasonId: 'competitor.better-offer', departedAt: '2026-12-01' });
    insertCall(b.db, { id: 'K8', customer: 'C2', callerId: PEOPLE.alex.id, callerRole: 'agent', completedAt: '2026-11-20T10:00:00.000Z', outcome: 'declined', primary: 'competitor.better-offer' });
    const later = await call(b.dispatch, 'issues.get', { id: issue.id });
    expect(later.afterFix?.months).toEqual([
      { month: '2026-10', departed: 0, revenue: 0, diagnosedCalls: 0 },
      { month: '2026-11', departed: 0, revenue: 0, diagnosedCalls: 1 },
      { month: '2026-12', departed: 1, revenue: 40, diagnosedCalls: 0 },
    ]);
    expect(later).toMatchObject({ customers: 2, revenueAtStake: 90 });

    // Saving other fields keeps the fix date; reopening clears it.
    expect((await call(b.dispatch, 'issues.update', { id: issue.id, owner: 'Pricing lead' })).fixedAt).toBe('2026-10-20T12:00:00.000Z');
    const reopened = await call(b.dispatch, 'issues.update', { id: issue.id, status: 'open' });
    expect(reopened).toMatchObject({ status: 'open', fixedAt: null, afterFix: null });
  });

  it('refuses an issue with nothing behind it, unknown links and a blank title, and changes nothing', async () => {
    expect(await callResult(b.dispatch, 'issues.create', { title: 'Nothing' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Link at least one reason or one call: an issue is about the customers behind it.' },
    });
    expect(await callResult(b.dispatch, 'issues.create', { title: 'Bad', reasonIds: ['no.such-reason'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Unknown reason: no.such-reason.' },
    });
    expect(await callResult(b.dispatch, 'issues.create', { title: 'Bad', callIds: ['K99'] })).toMatchObject({
      ok: false,
      error: { message: 'Unknown call: K99.' },
    });
    expect(await callResult(b.dispatch, 'issues.create', { title: '  ', reasonIds: ['price.too-expensive'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Give the issue a title.', field: 'title' },
    });
    const made = await call(b.dispatch, 'issues.create', { title: 'Price', reasonIds: ['price.too-expensive'] });
    expect(await callResult(b.dispatch, 'issues.update', { id: made.id, reasonIds: [] })).toMatchObject({
      ok: false,
      error: { message: 'An issue keeps at least one reason or one call.' },
    });
    expect(await callResult(b.dispatch, 'issues.update', { id: 'nope', status: 'fixed' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await call(b.dispatch, 'issues.list', {})).items.map((i) => i.title)).toEqual(['Price']);
    expect(b.db.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'issue.%'").pluck().get()).toBe(1);
  });

  it('is for managers only', async () => {
    await signIn(b.dispatch, { name: PEOPLE.sam.name, role: 'agent' });
    expect(await callResult(b.dispatch, 'issues.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('offers recent calls to link, by reason', async () => {
    const all = await call(b.dispatch, 'issues.candidateCalls', {});
    expect(all.items.map((c) => c.id)).toEqual(['K7', 'K6', 'K5', 'K4', 'K3', 'K2', 'K1']);
    const price = await call(b.dispatch, 'issues.candidateCalls', { reasonIds: ['price.too-expensive'] });
    expect(price.items.map((c) => c.id)).toEqual(['K5', 'K1']);
  });
});
