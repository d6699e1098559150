import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { completeCallWith } from '../helpers/care';
import type { CallState } from '../../shared/domain/callMachine';

let b: TestBackend;
let clock: Date;

beforeEach(() => {
  clock = new Date('2026-01-01T12:00:00Z');
  b = testBackend(() => clock);
});
afterEach(() => b.dispose());

const reasonOf = (categoryId: string, reasonId: string): Partial<CallState> => ({
  diagnose: { categoryId, primaryReasonId: reasonId, otherReasonIds: [], confirmed: true, note: '' },
});
const took = (offerId: string | null): Partial<CallState> => ({
  offer: { skippedBecause: '', answers: offerId ? [{ offerId, answer: 'accepted' }] : [], note: '' },
});
const PRICE = reasonOf('price', 'price.too-expensive');

/** Seven recoveries over two years, four of them lost again at scripted dates. */
const SCRIPT: { ext: string; revenue: number; recoveredOn: string; relostOn: string | null; call: Partial<CallState> }[] = [
  { ext: 'R1', revenue: 50, recoveredOn: '2026-01-15', relostOn: null, call: { ...PRICE, ...took('offer.loyalty-discount') } },
  { ext: 'R2', revenue: 80, recoveredOn: '2026-03-10', relostOn: '2026-05-01', call: { ...PRICE, ...took('offer.loyalty-discount') } },
  { ext: 'R3', revenue: 40, recoveredOn: '2026-06-30', relostOn: '2027-03-01', call: { ...reasonOf('payment-admin', 'payment-admin.expired-card'), ...took('offer.payment-fix') } },
  { ext: 'R4', revenue: 100, recoveredOn: '2026-08-31', relostOn: '2027-02-28', call: { ...reasonOf('service', 'service.reliability'), ...took('offer.service-fix') } },
  { ext: 'R5', revenue: 60, recoveredOn: '2027-01-05', relostOn: null, call: { ...PRICE, ...took(null) } },
  { ext: 'R6', revenue: 70, recoveredOn: '2027-06-30', relostOn: null, call: { ...PRICE, ...took('offer.loyalty-discount') } },
  { ext: 'R7', revenue: 50, recoveredOn: '2027-07-01', relostOn: '2027-07-20', call: { ...PRICE, ...took('offer.loyalty-discount') } },
];

async function play(): Promise<void> {
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
  const ids = seedCustomers(b.db, SCRIPT.map((s) => customer({ externalId: s.ext, monthlyRevenue: s.revenue })));
  const steps = SCRIPT.flatMap((s) => [
    { on: s.recoveredOn, run: async () => void (await completeCallWith(b, ids[s.ext] ?? -1, 'recovered', s.call)) },
    ...(s.relostOn
      ? [
          {
            on: s.relostOn,
            run: async () => {
              const item = (await call(b.dispatch, 'care.list', { scope: 'all' })).items.find((i) => i.externalId === s.ext);
              await call(b.dispatch, 'care.markDeparted', { enrolmentId: item?.enrolmentId ?? '', departedOn: s.relostOn ?? '' });
            },
          },
        ]
      : []),
  ]);
  for (const step of steps.sort((x, y) => x.on.localeCompare(y.on))) {
    clock = new Date(`${step.on}T12:00:00Z`);
    await step.run();
  }
}

describe('retention of recovered customers, on scripted data', () => {
  it('gives the share still retained after 6 and 12 months, counting only recoveries old enough', async () => {
    await play();
    clock = new Date('2027-12-31T12:00:00Z');
    const r = await call(b.dispatch, 'care.retention', {});
    expect(r.today).toBe('2027-12-31');
    expect(r.recovered).toBe(7);
    expect(r.relost).toBe(4);
    // 6 months: R1..R6 are old enough; R2 (lost at 2 months) and R4 (lost on the six-month day) are not retained.
    // 12 months: R1..R4 are old enough; only R1 is still with us at a year.
    expect(r.retained).toEqual([
      { months: 6, eligible: 6, retained: 4, share: 4 / 6 },
      { months: 12, eligible: 4, retained: 1, share: 0.25 },
    ]);
  });

  it('counts re-losses by the reason diagnosed and the offer accepted on the recovery call, with the revenue lost again', async () => {
    await play();
    clock = new Date('2027-12-31T12:00:00Z');
    const r = await call(b.dispatch, 'care.retention', {});
    expect(r.byReason.map((g) => [g.reasonName, g.categoryName, g.recovered, g.relost, g.relostRevenue])).toEqual([
      ['Too expensive', 'Price / value for money', 5, 2, 130],
      ['Network reliability', 'Service experience', 1, 1, 100],
      ['Expired card', 'Payment or admin', 1, 1, 40],
    ]);
    expect(r.byOffer.map((g) => [g.offerName, g.recovered, g.relost, g.relostRevenue])).toEqual([
      ['15% off for 3 months', 4, 2, 130],
      [expect.any(String), 1, 1, 100],
      [expect.any(String), 1, 1, 40],
      ['No offer accepted', 1, 0, 0],
    ]);
    expect(r.byOffer.map((g) => g.offerId)).toEqual(['offer.loyalty-discount', 'offer.service-fix', 'offer.payment-fix', null]);
  });

  it('has no shares before any recovery is six months old', async () => {
    await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
    const ids = seedCustomers(b.db, [customer({ externalId: 'N1' })]);
    await completeCallWith(b, ids.N1 ?? -1, 'recovered');
    const r = await call(b.dispatch, 'care.retention', {});
    expect(r.retained).toEqual([
      { months: 6, eligible: 0, retained: 0, share: null },
      { months: 12, eligible: 0, retained: 0, share: null },
    ]);
    expect(r.byReason).toEqual([{ reasonId: 'price.too-expensive', reasonName: 'Too expensive', categoryName: 'Price / value for money', recovered: 1, relost: 0, relostRevenue: 0 }]);
  });
});
