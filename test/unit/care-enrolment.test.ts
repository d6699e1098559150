import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { completeCallWith, enrolments } from '../helpers/care';
import { OUTCOMES } from '../../shared/domain/outcomes';

let b: TestBackend;
let ids: Record<string, number>;
let clock: Date;
let agentId: string;

beforeEach(async () => {
  clock = new Date('2026-08-31T15:00:00Z');
  b = testBackend(() => clock);
  agentId = (await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' })).user?.id ?? '';
  ids = seedCustomers(
    b.db,
    ['C-1', 'C-2', 'C-3', 'C-4', 'C-5', 'C-6', 'C-7', 'C-8'].map((externalId) => customer({ externalId })),
  );
});
afterEach(() => b.dispose());

const id = (ext: string) => ids[ext] ?? -1;

describe('enrolment in intensive care', () => {
  it('enrols a customer recovered on a call, owned by the caller, first review six months on (31 August: 28 February)', async () => {
    const callId = await completeCallWith(b, id('C-1'), 'recovered');
    expect(enrolments(b)).toEqual([
      expect.objectContaining({ customer_id: id('C-1'), owner_id: agentId, recovered_on: '2026-08-31', next_review_on: '2027-02-28', status: 'active' }),
    ]);
    const list = await call(b.dispatch, 'care.list', { scope: 'mine' });
    expect(list.items).toEqual([
      expect.objectContaining({ externalId: 'C-1', name: 'Customer C-1', ownerName: 'Ann Agent', recoveredOn: '2026-08-31', nextReviewOn: '2027-02-28', reviewState: 'upcoming', reviews: 0 }),
    ]);
    const detail = await call(b.dispatch, 'care.get', { enrolmentId: list.items[0]?.enrolmentId ?? '' });
    expect(detail.recovery).toEqual({
      callId,
      recoveredOn: '2026-08-31',
      recoveredBy: 'Ann Agent',
      reasonId: 'price.too-expensive',
      reasonName: 'Too expensive',
      categoryName: 'Price / value for money',
      offerId: 'offer.loyalty-discount',
      offerName: '15% off for 3 months',
    });
  });

  it('gives 29 February in a leap year', async () => {
    clock = new Date('2027-08-31T09:00:00Z');
    await completeCallWith(b, id('C-1'), 'recovered');
    expect(enrolments(b)[0]?.next_review_on).toBe('2028-02-29');
  });

  it.each(OUTCOMES.filter((o) => o !== 'recovered'))('does not enrol on %s', async (outcome) => {
    await completeCallWith(b, id('C-2'), outcome);
    expect(enrolments(b)).toEqual([]);
    expect((await call(b.dispatch, 'care.list', { scope: 'all' })).items).toEqual([]);
  });

  it('is part of the call: when the enrolment cannot be written, the call is not saved either', async () => {
    // A database that refuses enrolments (as a broken disk or a bad migration would).
    b.db.exec("CREATE TRIGGER refuse_enrolment BEFORE INSERT ON care_enrolments BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
    const session = await call(b.dispatch, 'call.start', { customerId: id('C-3') });
    const { fullCall } = await import('../helpers/callFixtures');
    const r = await callResult(b.dispatch, 'call.complete', { state: fullCall(session.state) });
    expect(r.ok).toBe(false);
    expect(b.db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(0);
    expect(b.db.prepare("SELECT count(*) FROM outbox WHERE kind = 'call.completed'").pluck().get()).toBe(0);
  });

  it('applies a changed interval to the next scheduling and leaves dates already given alone', async () => {
    await completeCallWith(b, id('C-1'), 'recovered');
    await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
    expect(await call(b.dispatch, 'care.getSettings', {})).toEqual({ reviewIntervalMonths: 6 });
    expect(await call(b.dispatch, 'care.setSettings', { reviewIntervalMonths: 3 })).toEqual({ reviewIntervalMonths: 3 });

    clock = new Date('2026-11-30T10:00:00Z');
    await completeCallWith(b, id('C-2'), 'recovered');
    const [first, second] = enrolments(b);
    expect(first?.next_review_on).toBe('2027-02-28');
    // 30 November + 3 months: 28 February (the new interval, at the next scheduling).
    expect(second?.next_review_on).toBe('2027-02-28');
    expect(second?.recovered_on).toBe('2026-11-30');

    // The first customer's next review is then scheduled with the new interval too.
    clock = new Date('2027-02-28T10:00:00Z');
    const done = await call(b.dispatch, 'care.completeReview', {
      reviewId: '0a4b7a53-1c5e-4d0e-9a55-1f4d2a6b9c01',
      enrolmentId: first?.id ?? '',
      serviceContacts: 1, purchases: 2, spend: 120.5, supportTickets: 0, satisfaction: 4,
      note: '', verdict: 'healthy', outreach: 'phone_call', outreachNote: '',
    });
    expect(done.nextReviewOn).toBe('2027-05-28');
  });

  it('refuses an interval outside 1 to 24 months, and only a manager may change it', async () => {
    expect(await callResult(b.dispatch, 'care.setSettings', { reviewIntervalMonths: 3 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
    expect(await callResult(b.dispatch, 'care.setSettings', { reviewIntervalMonths: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'The review interval is at least 1 month.', field: 'reviewIntervalMonths' },
    });
    expect(await callResult(b.dispatch, 'care.setSettings', { reviewIntervalMonths: 36 })).toMatchObject({ ok: false, error: { message: 'The review interval is at most 24 months.' } });
    expect(await call(b.dispatch, 'care.getSettings', {})).toEqual({ reviewIntervalMonths: 6 });
  });

  it('follows corrections of the recovery call: taken back, the follow-up ends; given back, it resumes', async () => {
    const callId = await completeCallWith(b, id('C-4'), 'recovered');
    await call(b.dispatch, 'call.amend', { callId, note: 'Customer changed their mind the same day', outcome: 'declined' });
    expect(enrolments(b)).toEqual([expect.objectContaining({ status: 'withdrawn', next_review_on: null })]);
    expect((await call(b.dispatch, 'care.list', { scope: 'all' })).items).toEqual([]);
    expect((await call(b.dispatch, 'care.retention', {})).recovered).toBe(0);

    await call(b.dispatch, 'call.amend', { callId, note: 'They did come back after all', outcome: 'recovered' });
    expect(enrolments(b)).toEqual([expect.objectContaining({ status: 'active', recovered_on: '2026-08-31', next_review_on: '2027-02-28' })]);

    const declined = await completeCallWith(b, id('C-5'), 'declined');
    await call(b.dispatch, 'call.amend', { callId: declined, note: 'Wrong outcome clicked', outcome: 'recovered' });
    expect(enrolments(b).filter((e) => e.customer_id === id('C-5'))).toEqual([
      expect.objectContaining({ owner_id: agentId, recovered_on: '2026-08-31', next_review_on: '2027-02-28', status: 'active' }),
    ]);
  });
});
