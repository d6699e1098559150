import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { addFeedback } from '../helpers/calls';
import { PEOPLE, seedScenario } from '../helpers/scenario';

let b: TestBackend;
beforeEach(async () => {
  b = testBackend(() => new Date('2026-11-16T15:00:00.000Z'));
  seedScenario(b.db);
  addFeedback(b.db, { id: 'F1', callId: 'K1', rep: 'Rep Avery', team: 'Support North', text: 'Was never told about the cheaper plan.', createdAt: '2026-10-10T11:00:00.000Z' });
  addFeedback(b.db, { id: 'F2', callId: 'K4', rep: 'Rep Avery', team: 'Support North', text: 'Felt rushed on the phone.', createdAt: '2026-11-03T11:00:00.000Z' });
  addFeedback(b.db, { id: 'F3', callId: 'K3', rep: 'Rep Blake', team: 'Billing desk', text: 'Renewal letter came too late.', createdAt: '2026-10-15T11:00:00.000Z' });
  addFeedback(b.db, { id: 'F4', callId: 'K5', rep: 'Rep Casey', team: 'Billing desk', text: 'Double charge not refunded.', createdAt: '2026-11-05T11:00:00.000Z', status: 'closed' });
  await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
});
afterEach(() => b.dispose());

describe('the frontline feedback queue', () => {
  it('lists open feedback by team and rep with the call and customer behind it', async () => {
    const q = await call(b.dispatch, 'feedback.queue', {});
    expect(q.items.map((i) => i.id)).toEqual(['F3', 'F1', 'F2']);
    expect(q.total).toBe(3);
    expect(q.items[2]).toMatchObject({
      frontlineTeam: 'Support North',
      frontlineRep: 'Rep Avery',
      status: 'new',
      call: { id: 'K4', caller: 'Sam Agent', outcome: 'recovered', diagnosedReasonId: 'service.support-attitude', diagnosedReason: 'Attitude of support person' },
      customer: { externalId: 'C3', name: 'Chioma Placeholder', monthlyRevenue: 80, statedReason: 'Attitude of support person' },
    });
    expect(q.groups).toEqual([
      { team: 'Billing desk', rep: 'Rep Blake', new: 1, shared: 0, coached: 0, closed: 0 },
      { team: 'Billing desk', rep: 'Rep Casey', new: 0, shared: 0, coached: 0, closed: 1 },
      { team: 'Support North', rep: 'Rep Avery', new: 2, shared: 0, coached: 0, closed: 0 },
    ]);
    expect((await call(b.dispatch, 'feedback.queue', { status: 'closed' })).items.map((i) => i.id)).toEqual(['F4']);
    expect((await call(b.dispatch, 'feedback.queue', { team: 'Billing desk', status: 'open' })).items.map((i) => i.id)).toEqual(['F3']);
    expect((await call(b.dispatch, 'feedback.queue', { rep: 'Rep Avery' })).items.map((i) => i.id)).toEqual(['F1', 'F2']);
  });

  it('moves feedback through shared, coached and closed, and records who and when', async () => {
    const shared = await call(b.dispatch, 'feedback.setStatus', { id: 'F1', status: 'shared' });
    expect(shared).toMatchObject({ status: 'shared', statusChangedAt: '2026-11-16T15:00:00.000Z' });
    await call(b.dispatch, 'feedback.setStatus', { id: 'F1', status: 'coached' });
    await call(b.dispatch, 'feedback.setStatus', { id: 'F1', status: 'closed' });
    const q = await call(b.dispatch, 'feedback.queue', {});
    expect(q.items.map((i) => i.id)).toEqual(['F3', 'F2']);
    expect(q.groups.find((g) => g.rep === 'Rep Avery')).toMatchObject({ new: 1, closed: 1 });
    expect(b.db.prepare("SELECT status_changed_by FROM feedback WHERE id = 'F1'").pluck().get()).toBe(PEOPLE.mia.id);
    expect(b.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'feedback.status'").pluck().get()).toBe(3);
    expect(await callResult(b.dispatch, 'feedback.setStatus', { id: 'F9', status: 'closed' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await callResult(b.dispatch, 'feedback.setStatus', { id: 'F2', status: 'done' as never })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('counts feedback per rep and diagnosed reason, month by month', async () => {
    const { rows } = await call(b.dispatch, 'feedback.counts', {});
    expect(rows).toEqual([
      { period: '2026-10', team: 'Billing desk', rep: 'Rep Blake', reasonId: 'competitor.better-offer', reason: 'Competitor made a better offer', count: 1 },
      { period: '2026-10', team: 'Support North', rep: 'Rep Avery', reasonId: 'price.too-expensive', reason: 'Too expensive', count: 1 },
      { period: '2026-11', team: 'Billing desk', rep: 'Rep Casey', reasonId: 'price.too-expensive', reason: 'Too expensive', count: 1 },
      { period: '2026-11', team: 'Support North', rep: 'Rep Avery', reasonId: 'service.support-attitude', reason: 'Attitude of support person', count: 1 },
    ]);
    expect((await call(b.dispatch, 'feedback.counts', { from: '2026-11-01', to: '2026-11-30' })).rows).toHaveLength(2);
  });

  it('is for managers only', async () => {
    await signIn(b.dispatch, { name: PEOPLE.morgan.name, role: 'executive' });
    expect(await callResult(b.dispatch, 'feedback.queue', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
