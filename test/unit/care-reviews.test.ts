import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { careSnapshot, completeCallWith, outboxOf } from '../helpers/care';
import { parseEvent } from '../../shared/sync/events';
import type { ReviewInput } from '../../shared/api/care';

let b: TestBackend;
let ids: Record<string, number>;
let clock: Date;
let ann: string;
let bo: string;
let mia: string;

beforeEach(async () => {
  clock = new Date('2026-05-20T15:00:00Z');
  b = testBackend(() => clock);
  mia = (await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' })).user?.id ?? '';
  bo = (await signIn(b.dispatch, { name: 'Bo Agent', role: 'agent' })).user?.id ?? '';
  ann = (await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' })).user?.id ?? '';
  ids = seedCustomers(b.db, [customer({ externalId: 'C-1', name: 'Ada Example', monthlyRevenue: 99.5 }), customer({ externalId: 'C-2', name: 'Bruno Sample' })]);
  await completeCallWith(b, ids['C-1'] ?? -1, 'recovered');
  clock = new Date('2026-06-10T15:00:00Z');
  await completeCallWith(b, ids['C-2'] ?? -1, 'recovered');
});
afterEach(() => b.dispose());

const as = (name: string, role: 'agent' | 'manager') => signIn(b.dispatch, { name, role });
const enrolmentOf = async (ext: string) =>
  (await call(b.dispatch, 'care.list', { scope: 'all' })).items.find((i) => i.externalId === ext)?.enrolmentId ?? '';

function review(enrolmentId: string, over: Partial<ReviewInput> = {}): ReviewInput {
  return {
    reviewId: '3b0c5c0e-8f4e-4d8e-9c56-7a1e2b3c4d5e',
    enrolmentId,
    serviceContacts: 2,
    purchases: 3,
    spend: 310.4,
    supportTickets: 1,
    satisfaction: 4,
    note: 'Happy with the new plan; one billing question.',
    verdict: 'watch',
    outreach: 'phone_call',
    outreachNote: 'Called to thank them and explain the next bill.',
    ...over,
  };
}

describe('the list of customers in intensive care', () => {
  it('shows due and overdue reviews first, each with its state in words', async () => {
    clock = new Date('2026-11-25T09:00:00Z');
    const list = await call(b.dispatch, 'care.list', { scope: 'mine' });
    expect(list.today).toBe('2026-11-25');
    expect(list.intervalMonths).toBe(6);
    expect(list.items.map((i) => [i.name, i.nextReviewOn, i.reviewState, i.reviewStateText])).toEqual([
      ['Ada Example', '2026-11-20', 'overdue', 'Overdue by 5 days'],
      ['Bruno Sample', '2026-12-10', 'upcoming', 'In 15 days'],
    ]);
    clock = new Date('2026-12-04T09:00:00Z');
    expect((await call(b.dispatch, 'care.list', { scope: 'mine' })).items.map((i) => i.reviewStateText)).toEqual(['Overdue by 14 days', 'Due in 6 days']);
  });

  it("puts due and overdue reviews in the owner's queue, and only the owner's", async () => {
    clock = new Date('2026-12-04T09:00:00Z');
    const due = await call(b.dispatch, 'care.dueReviews', {});
    expect(due.items.map((i) => [i.name, i.reviewState, i.reviewStateText])).toEqual([
      ['Ada Example', 'overdue', 'Overdue by 14 days'],
      ['Bruno Sample', 'due', 'Due in 6 days'],
    ]);
    await as('Bo Agent', 'agent');
    expect((await call(b.dispatch, 'care.dueReviews', {})).items).toEqual([]);
    expect((await call(b.dispatch, 'care.list', { scope: 'mine' })).items).toEqual([]);
    expect((await call(b.dispatch, 'care.list', { scope: 'all' })).items).toHaveLength(2);
    clock = new Date('2026-11-01T09:00:00Z');
    await as('Ann Agent', 'agent');
    expect((await call(b.dispatch, 'care.dueReviews', {})).items).toEqual([]);
  });
});

describe('completing a review', () => {
  it('records the indicators, verdict and outreach, schedules the next one six months on, and tells the hub', async () => {
    const enrolmentId = await enrolmentOf('C-1');
    clock = new Date('2026-11-22T10:00:00Z');
    const done = await call(b.dispatch, 'care.completeReview', review(enrolmentId));
    expect(done).toEqual({ reviewId: '3b0c5c0e-8f4e-4d8e-9c56-7a1e2b3c4d5e', nextReviewOn: '2027-05-22' });

    const detail = await call(b.dispatch, 'care.get', { enrolmentId });
    expect(detail.nextReviewOn).toBe('2027-05-22');
    expect(detail.since).toBe('2026-11-22');
    expect(detail.reviews).toEqual([
      {
        id: done.reviewId,
        dueOn: '2026-11-20',
        reviewedOn: '2026-11-22',
        reviewer: 'Ann Agent',
        serviceContacts: 2,
        purchases: 3,
        spend: 310.4,
        supportTickets: 1,
        satisfaction: 4,
        note: 'Happy with the new plan; one billing question.',
        verdict: 'watch',
        outreach: 'phone_call',
        outreachNote: 'Called to thank them and explain the next bill.',
        nextReviewOn: '2027-05-22',
      },
    ]);
    const list = await call(b.dispatch, 'care.list', { scope: 'mine' });
    expect(list.items.find((i) => i.externalId === 'C-1')).toMatchObject({ reviews: 1, lastVerdict: 'watch', lastReviewedOn: '2026-11-22', reviewState: 'upcoming' });

    const events = outboxOf(b, 'review.completed');
    expect(events).toEqual([{ reviewId: done.reviewId, externalId: 'C-1', reviewedAt: '2026-11-22T10:00:00.000Z', verdict: 'watch', satisfaction: 4 }]);
    expect(JSON.stringify(events)).not.toContain('Ada');
    const seq = b.db.prepare("SELECT seq, id, created_at FROM outbox WHERE kind = 'review.completed'").get() as { seq: number; id: string; created_at: string };
    expect(parseEvent({ id: seq.id, kind: 'review.completed', consoleId: 'desk-1', seq: seq.seq, occurredAt: seq.created_at, payload: events[0] }).ok).toBe(true);
  });

  it('saves a retried review once', async () => {
    const enrolmentId = await enrolmentOf('C-1');
    clock = new Date('2026-11-22T10:00:00Z');
    await call(b.dispatch, 'care.completeReview', review(enrolmentId));
    clock = new Date('2026-11-22T10:00:05Z');
    expect(await call(b.dispatch, 'care.completeReview', review(enrolmentId))).toEqual({ reviewId: '3b0c5c0e-8f4e-4d8e-9c56-7a1e2b3c4d5e', nextReviewOn: '2027-05-22' });
    expect(b.db.prepare('SELECT count(*) FROM care_reviews').pluck().get()).toBe(1);
    expect(outboxOf(b, 'review.completed')).toHaveLength(1);
  });

  it('refuses a satisfaction outside 1 to 5, a negative count, and a missing verdict, changing nothing', async () => {
    const enrolmentId = await enrolmentOf('C-1');
    const before = careSnapshot(b);
    expect(await callResult(b.dispatch, 'care.completeReview', review(enrolmentId, { satisfaction: 6 }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Satisfaction is from 1 to 5.', field: 'satisfaction' },
    });
    expect(await callResult(b.dispatch, 'care.completeReview', review(enrolmentId, { supportTickets: -1 }))).toMatchObject({
      ok: false,
      error: { message: 'Support tickets cannot be negative.', field: 'supportTickets' },
    });
    const { verdict: _v, ...noVerdict } = review(enrolmentId);
    expect(await callResult(b.dispatch, 'care.completeReview', noVerdict as ReviewInput)).toMatchObject({
      ok: false,
      error: { message: 'Choose a verdict: healthy, watch or at risk.' },
    });
    expect(careSnapshot(b)).toBe(before);
  });

  it("is the owner's or a manager's to do", async () => {
    const enrolmentId = await enrolmentOf('C-1');
    await as('Bo Agent', 'agent');
    expect(await callResult(b.dispatch, 'care.completeReview', review(enrolmentId))).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: "Only Ann Agent, who owns Ada Example's follow-up, or a manager can review them." },
    });
    await as('Mia Manager', 'manager');
    clock = new Date('2026-11-22T10:00:00Z');
    expect((await call(b.dispatch, 'care.completeReview', review(enrolmentId))).nextReviewOn).toBe('2027-05-22');
    expect((await call(b.dispatch, 'care.get', { enrolmentId })).reviews[0]?.reviewer).toBe('Mia Manager');
  });
});

describe('reassigning the owner', () => {
  it("is a manager's, moves the due review to the new owner's queue, and is audited", async () => {
    const enrolmentId = await enrolmentOf('C-1');
    expect(await callResult(b.dispatch, 'care.reassign', { enrolmentId, ownerId: bo })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await as('Mia Manager', 'manager');
    expect(await callResult(b.dispatch, 'care.reassign', { enrolmentId, ownerId: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'There is nobody with id nobody on this console.' },
    });
    const item = await call(b.dispatch, 'care.reassign', { enrolmentId, ownerId: bo });
    expect(item).toMatchObject({ ownerId: bo, ownerName: 'Bo Agent', externalId: 'C-1' });
    expect(b.db.prepare("SELECT actor_id, detail FROM audit_log WHERE action = 'care.reassign'").get()).toEqual({
      actor_id: mia,
      detail: JSON.stringify({ from: ann, to: bo }),
    });
    clock = new Date('2026-11-21T09:00:00Z');
    await as('Bo Agent', 'agent');
    expect((await call(b.dispatch, 'care.dueReviews', {})).items.map((i) => i.externalId)).toEqual(['C-1']);
    await as('Ann Agent', 'agent');
    expect((await call(b.dispatch, 'care.dueReviews', {})).items).toEqual([]);
  });
});
