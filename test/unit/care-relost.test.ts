import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { careSnapshot, completeCallWith, enrolments, outboxOf } from '../helpers/care';
import { prepareCustomerUpsert, type CustomerInput } from '../../db/repos/customers';
import { markRelostIfRecovered } from '../../electron/backend/care/relost';
import { parseEvent } from '../../shared/sync/events';

let b: TestBackend;
let ids: Record<string, number>;
let clock: Date;
let mia: string;

const departed = (ext: string, departedAt: string | null): CustomerInput => customer({ externalId: ext, name: `Customer ${ext}`, departedAt });

beforeEach(async () => {
  clock = new Date('2026-05-20T15:00:00Z');
  b = testBackend(() => clock);
  mia = (await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' })).user?.id ?? '';
  await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
  ids = seedCustomers(b.db, [departed('C-1', '2026-05-01'), departed('C-2', '2026-05-01'), departed('C-3', '2026-05-01')]);
  await completeCallWith(b, ids['C-1'] ?? -1, 'recovered');
  await completeCallWith(b, ids['C-2'] ?? -1, 'recovered', {
    diagnose: { categoryId: 'payment-admin', primaryReasonId: 'payment-admin.expired-card', otherReasonIds: [], confirmed: true, note: '' },
    offer: { skippedBecause: '', answers: [{ offerId: 'offer.payment-fix', answer: 'accepted' }], note: '' },
  });
  await completeCallWith(b, ids['C-3'] ?? -1, 'declined');
});
afterEach(() => b.dispose());

/** What the departed-customers import does for a customer in a later file: the upsert, then the re-loss check, in one transaction. */
function reimport(c: CustomerInput, at: Date): ReturnType<typeof markRelostIfRecovered> {
  return b.db.transaction(() => {
    prepareCustomerUpsert(b.db)(c, at.toISOString());
    return markRelostIfRecovered(b.db, ids[c.externalId] ?? -1, at, null);
  })();
}

describe('re-loss detected on re-import', () => {
  it('flags a recovered customer who appears in a later departure file, linked to the recovery, its reason and offer', async () => {
    clock = new Date('2026-09-03T08:00:00Z');
    expect(reimport(departed('C-1', '2026-09-01'), clock)).toMatchObject({ relostOn: '2026-09-01' });

    const list = await call(b.dispatch, 'care.list', { scope: 'all' });
    expect(list.items.map((i) => i.externalId)).toEqual(['C-2']);
    expect(list.relost).toEqual([
      expect.objectContaining({
        externalId: 'C-1',
        relostOn: '2026-09-01',
        source: 'import',
        recovery: expect.objectContaining({ recoveredOn: '2026-05-20', recoveredBy: 'Ann Agent', reasonName: 'Too expensive', offerName: '15% off for 3 months' }) as unknown,
      }),
    ]);
    const recoveryCallId = list.relost[0]?.recovery.callId;
    const events = outboxOf(b, 'customer.relost');
    expect(events).toEqual([{ externalId: 'C-1', relostAt: '2026-09-01', recoveryCallId, reasonId: 'price.too-expensive', offerId: 'offer.loyalty-discount' }]);
    expect(parseEvent({ id: '0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b', kind: 'customer.relost', consoleId: 'desk-1', seq: 9, occurredAt: '2026-09-03T08:00:00Z', payload: events[0] }).ok).toBe(true);
  });

  it('leaves alone a re-import of the old departure, a customer never recovered, and an already re-lost one', () => {
    clock = new Date('2026-09-03T08:00:00Z');
    const before = careSnapshot(b);
    expect(reimport(departed('C-1', '2026-05-01'), clock)).toBeNull();
    expect(reimport(departed('C-1', '2026-05-20'), clock)).toBeNull(); // the day of the recovery itself
    expect(reimport(departed('C-3', '2026-09-01'), clock)).toBeNull();
    expect(careSnapshot(b)).toBe(before);
    expect(reimport(departed('C-1', '2026-09-01T00:00:00Z'), clock)).toMatchObject({ relostOn: '2026-09-01' });
    expect(reimport(departed('C-1', '2026-10-01'), clock)).toBeNull();
    expect(outboxOf(b, 'customer.relost')).toHaveLength(1);
  });

  it('takes a departure without a date as departing on the day of the import', () => {
    clock = new Date('2026-09-03T08:00:00Z');
    expect(reimport(departed('C-2', null), clock)).toMatchObject({ relostOn: '2026-09-03' });
    expect(enrolments(b).find((e) => e.customer_id === ids['C-2'])).toMatchObject({ status: 'relost', relost_on: '2026-09-03', next_review_on: null });
  });

  it('ends the follow-up: no more reviews are due, and one cannot be recorded', async () => {
    const enrolmentId = enrolments(b)[0]?.id ?? '';
    clock = new Date('2026-11-25T08:00:00Z');
    reimport(departed('C-1', '2026-11-01'), clock);
    expect((await call(b.dispatch, 'care.dueReviews', {})).items.map((i) => i.externalId)).toEqual(['C-2']);
    const r = await callResult(b.dispatch, 'care.completeReview', {
      reviewId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', enrolmentId, serviceContacts: null, purchases: null, spend: null, supportTickets: null, satisfaction: null,
      note: '', verdict: 'at_risk', outreach: 'none', outreachNote: '',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Customer C-1 is no longer in intensive care (re-lost); the review was not saved.' } });
  });
});

describe('"Mark as departed again"', () => {
  it("is a manager's action, dated today unless told otherwise, and links the recovery", async () => {
    const enrolmentId = enrolments(b).find((e) => e.customer_id === ids['C-2'])?.id ?? '';
    expect(await callResult(b.dispatch, 'care.markDeparted', { enrolmentId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
    clock = new Date('2026-08-10T12:00:00Z');
    const before = careSnapshot(b);
    expect(await callResult(b.dispatch, 'care.markDeparted', { enrolmentId, departedOn: '2026-08-11' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: '2026-08-11 is in the future; mark a departure once it has happened.' },
    });
    expect(await callResult(b.dispatch, 'care.markDeparted', { enrolmentId, departedOn: '2026-05-19' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Customer C-2 was recovered on 2026-05-20; a departure again cannot be earlier.' },
    });
    expect(await callResult(b.dispatch, 'care.markDeparted', { enrolmentId, departedOn: '2026-02-30' })).toMatchObject({
      ok: false,
      error: { message: 'Give a real date as YYYY-MM-DD.', field: 'departedOn' },
    });
    expect(careSnapshot(b)).toBe(before);

    const item = await call(b.dispatch, 'care.markDeparted', { enrolmentId, note: 'Cancelled by phone' });
    expect(item).toMatchObject({
      externalId: 'C-2',
      relostOn: '2026-08-10',
      source: 'manager',
      note: 'Cancelled by phone',
      recovery: { reasonId: 'payment-admin.expired-card', offerId: 'offer.payment-fix' },
    });
    expect(b.db.prepare("SELECT actor_id FROM audit_log WHERE action = 'care.relost'").pluck().get()).toBe(mia);
    expect(outboxOf(b, 'customer.relost')).toEqual([
      { externalId: 'C-2', relostAt: '2026-08-10', recoveryCallId: item.recovery.callId, reasonId: 'payment-admin.expired-card', offerId: 'offer.payment-fix' },
    ]);
    expect(await callResult(b.dispatch, 'care.markDeparted', { enrolmentId })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Customer C-2 is already marked as departed again (2026-08-10).' },
    });
  });

  it('lets a customer re-lost and won back again be followed afresh', async () => {
    clock = new Date('2026-09-03T08:00:00Z');
    reimport(departed('C-1', '2026-09-01'), clock);
    clock = new Date('2026-10-05T08:00:00Z');
    await completeCallWith(b, ids['C-1'] ?? -1, 'recovered');
    expect(enrolments(b).filter((e) => e.customer_id === ids['C-1']).map((e) => [e.status, e.recovered_on, e.next_review_on])).toEqual([
      ['relost', '2026-05-20', null],
      ['active', '2026-10-05', '2027-04-05'],
    ]);
  });
});
