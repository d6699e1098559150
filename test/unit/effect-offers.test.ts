import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { addPerson, insertCall } from '../helpers/calls';
import type { OfferEconomicsRow } from '../../shared/reports/offerEconomics';

/**
 * Offer economics on 20 returns, worked out by hand. Revenue counts one month for the return day
 * and each monthly anniversary before the re-loss, at most 12, at the revenue paid after the
 * return (else the departed revenue). Costs: the loyalty discount is 15% for 3 months (from the
 * offer itself), reactivation costs 1 free month, the walkthrough a fixed $40.00, the cheaper plan
 * nothing.
 *
 * id   offer         reason       segment  monthly  back on     re-lost     months revenue  cost     net
 * R01  discount      price        M2M      45.00*   2026-11-10  -           12     540.00   20.25    519.75
 * R02  discount      price        M2M      80.00    2026-11-05c 2027-01-20  3      240.00   36.00    204.00
 * R03  discount      price        M2M      29.99    2026-11-12  2026-12-01  1       29.99    4.50     25.49  (4.4985 rounds up)
 * R04  discount      price        M2M      70.00*   2026-11-08  2027-12-01  12     840.00   31.50    808.50
 * R05  discount      price        1yr      19.95    2026-11-15c -           12     239.40    8.98    230.42  (8.9775)
 * R18  discount      competitor   M2M      90.00*   2026-11-10  2027-01-01  2      180.00   27.00    153.00  (discount for the 2 months stayed)
 * R06  reactivation  competitor   M2M      60.00    2026-11-03  -           12     720.00   60.00    660.00
 * R07  reactivation  competitor   M2M      33.33    2026-11-06c 2026-11-06  0        0.00    0.00      0.00
 * R08  reactivation  competitor   M2M      40.00*   2026-11-20  2027-02-19  3      120.00   40.00     80.00
 * R09  reactivation  competitor   M2M      12.34    2026-11-30  2027-03-01  4       49.36   12.34     37.02  (Feb 28 counts)
 * R10  reactivation  competitor   M2M      99.99    2026-11-02c -           12    1199.88   99.99   1099.89
 * R19  reactivation  (none)       (none)   30.00    2026-11-14c -           12     360.00   30.00    330.00
 * R11  walkthrough   support      2yr      10.00    2026-11-01  2026-12-15  2       20.00   40.00    -20.00
 * R12  walkthrough   support      2yr      15.00    2026-11-09c 2026-11-10  1       15.00   40.00    -25.00
 * R13  walkthrough   support      2yr      20.00*   2026-11-11  2027-01-11  2       40.00   40.00      0.00
 * R14  cheaper plan  charges      1yr      55.55    2026-11-04  -           12     666.60    0.00    666.60
 * R15  cheaper plan  charges      1yr      15.00*   2026-11-05  -           12     180.00    0.00    180.00
 * R16  cheaper plan  charges      1yr      42.00    2026-11-07c 2027-05-07  6      252.00    0.00    252.00
 * R17  cheaper plan  charges      1yr       8.88    2026-11-08c -           12     106.56    0.00    106.56
 * R20  cheaper plan  charges      1yr      25.00    2026-11-20c -           12     300.00    0.00    300.00  (walkthrough on an earlier call)
 * (* the revenue the returns file gives; c: back by a recovered call, no return in the file)
 *
 * Calls on which each offer was made: discount 7 (six above and N1, who is still considering),
 * reactivation 6, walkthrough 5 (three above, R20's first call, N2 who declined), cheaper plan 5.
 *
 * By offer:      won back  revenue   cost     net       net per call
 *   discount     6         2069.39   128.23   1941.16   277.31 (1941.16 / 7)
 *   reactivation 6         2449.24   242.33   2206.91   367.82 (2206.91 / 6)
 *   cheaper plan 5         1505.16     0.00   1505.16   301.03 (1505.16 / 5)
 *   walkthrough  3           75.00   120.00    -45.00    -9.00 (-45.00 / 5): costs more than it keeps
 *   all         20         6098.79   490.56   5608.23   from 23 calls
 */
let b: TestBackend;

interface Ret {
  id: string;
  offer: string;
  reason: string | null;
  segment: string | null;
  departed: number;
  /** The date and revenue in the returns file; absent for customers back by a recovered call. */
  file?: { on: string; revenue?: number };
  call: string;
  relost?: string;
}

const D = 'offer.loyalty-discount';
const R = 'offer.reactivation';
const W = 'offer.walkthrough';
const P = 'offer.cheaper-plan';
const price = 'price.too-expensive';
const comp = 'competitor.better-offer';
const support = 'service.support-attitude';
const charges = 'price.extra-charges';

const RETURNS: Ret[] = [
  { id: 'R01', offer: D, reason: price, segment: 'Month-to-month', departed: 50, file: { on: '2026-11-10', revenue: 45 }, call: '2026-11-09' },
  { id: 'R02', offer: D, reason: price, segment: 'Month-to-month', departed: 80, call: '2026-11-05', relost: '2027-01-20' },
  { id: 'R03', offer: D, reason: price, segment: 'Month-to-month', departed: 29.99, file: { on: '2026-11-12' }, call: '2026-11-11', relost: '2026-12-01' },
  { id: 'R04', offer: D, reason: price, segment: 'Month-to-month', departed: 70, file: { on: '2026-11-08', revenue: 70 }, call: '2026-11-07', relost: '2027-12-01' },
  { id: 'R05', offer: D, reason: price, segment: 'One year', departed: 19.95, call: '2026-11-15' },
  { id: 'R18', offer: D, reason: comp, segment: 'Month-to-month', departed: 100, file: { on: '2026-11-10', revenue: 90 }, call: '2026-11-09', relost: '2027-01-01' },
  { id: 'R06', offer: R, reason: comp, segment: 'Month-to-month', departed: 60, file: { on: '2026-11-03' }, call: '2026-11-02' },
  { id: 'R07', offer: R, reason: comp, segment: 'Month-to-month', departed: 33.33, call: '2026-11-06', relost: '2026-11-06' },
  { id: 'R08', offer: R, reason: comp, segment: 'Month-to-month', departed: 45.5, file: { on: '2026-11-20', revenue: 40 }, call: '2026-11-19', relost: '2027-02-19' },
  { id: 'R09', offer: R, reason: comp, segment: 'Month-to-month', departed: 12.34, file: { on: '2026-11-30' }, call: '2026-11-29', relost: '2027-03-01' },
  { id: 'R10', offer: R, reason: comp, segment: 'Month-to-month', departed: 99.99, call: '2026-11-02' },
  { id: 'R19', offer: R, reason: null, segment: null, departed: 30, call: '2026-11-14' },
  { id: 'R11', offer: W, reason: support, segment: 'Two year', departed: 10, file: { on: '2026-11-01' }, call: '2026-11-01', relost: '2026-12-15' },
  { id: 'R12', offer: W, reason: support, segment: 'Two year', departed: 15, call: '2026-11-09', relost: '2026-11-10' },
  { id: 'R13', offer: W, reason: support, segment: 'Two year', departed: 25, file: { on: '2026-11-11', revenue: 20 }, call: '2026-11-10', relost: '2027-01-11' },
  { id: 'R14', offer: P, reason: charges, segment: 'One year', departed: 55.55, file: { on: '2026-11-04' }, call: '2026-11-03' },
  { id: 'R15', offer: P, reason: charges, segment: 'One year', departed: 20, file: { on: '2026-11-05', revenue: 15 }, call: '2026-11-04' },
  { id: 'R16', offer: P, reason: charges, segment: 'One year', departed: 42, call: '2026-11-07', relost: '2027-05-07' },
  { id: 'R17', offer: P, reason: charges, segment: 'One year', departed: 8.88, call: '2026-11-08' },
  { id: 'R20', offer: P, reason: charges, segment: 'One year', departed: 25, call: '2026-11-20' },
];

beforeEach(async () => {
  b = testBackend();
  await call(b.dispatch, 'session.setup', { name: 'Mia Manager', role: 'manager' });
  addPerson(b.db, 'p-ann', 'Ann Agent', 'agent');
  seedCustomers(b.db, [
    ...RETURNS.map((r) => customer({ externalId: r.id, monthlyRevenue: r.departed, segment: r.segment, statedReasonId: null, statedReasonText: null })),
    customer({ externalId: 'N1', monthlyRevenue: 500 }),
    customer({ externalId: 'N2', monthlyRevenue: 500 }),
  ]);
  for (const r of RETURNS) {
    const id = `K-${r.id}`;
    insertCall(b.db, {
      id,
      customer: r.id,
      callerId: 'p-ann',
      callerRole: 'agent',
      cycleId: '2026-11',
      completedAt: `${r.call}T10:00:00.000Z`,
      // Customers in the returns file came back on their own after a "considering".
      outcome: r.file ? 'considering' : 'recovered',
      ...(r.reason ? { primary: r.reason } : {}),
      offers: [{ offerId: r.offer, answer: 'accepted' }],
    });
    if (r.relost) {
      b.db
        .prepare(
          `INSERT INTO care_enrolments (id, customer_id, recovery_call_id, recovered_on, owner_id, status, next_review_on, enrolled_at, relost_on, relost_source)
           VALUES (?, (SELECT id FROM customers WHERE external_id = ?), ?, ?, 'p-ann', 'relost', NULL, ?, ?, 'import')`,
        )
        .run(`E-${r.id}`, r.id, id, r.file?.on ?? r.call, `${r.call}T10:00:00.000Z`, r.relost);
    }
  }
  // R20's earlier call accepted the walkthrough but did not win them back.
  insertCall(b.db, { id: 'K-R20-first', customer: 'R20', callerId: 'p-ann', callerRole: 'agent', cycleId: '2026-11', completedAt: '2026-11-02T10:00:00.000Z', outcome: 'considering', primary: charges, offers: [{ offerId: W, answer: 'accepted' }] });
  insertCall(b.db, { id: 'K-N1', customer: 'N1', callerId: 'p-ann', callerRole: 'agent', cycleId: '2026-11', completedAt: '2026-11-03T10:00:00.000Z', outcome: 'considering', primary: price, offers: [{ offerId: D, answer: 'accepted' }] });
  insertCall(b.db, { id: 'K-N2', customer: 'N2', callerId: 'p-ann', callerRole: 'agent', cycleId: '2026-11', completedAt: '2026-11-03T11:00:00.000Z', outcome: 'declined', primary: support, offers: [{ offerId: W, answer: 'declined' }] });

  await call(b.dispatch, 'effect.setOfferCost', { offerId: R, model: 'free_months', months: 1 });
  await call(b.dispatch, 'effect.setOfferCost', { offerId: W, model: 'fixed', amount: 40 });
  const file = RETURNS.filter((r) => r.file).map((r) => `${r.id},${r.file?.on ?? ''},${r.file?.revenue ?? ''}`);
  await call(b.dispatch, 'effect.importReturns', { fileName: 'back.csv', text: `Customer ID,Returned on,Monthly revenue\n${file.join('\n')}\n` });
});
afterEach(() => b.dispose());

const pick = (r: OfferEconomicsRow) => [r.callsMade, r.wonBack, r.revenueCents, r.costCents, r.netCents, r.netPerCallCents, r.flagged];

describe('offer economics', () => {
  it('counts what each offer won back, cost and nets, exact to the cent', async () => {
    const r = await call(b.dispatch, 'effect.offers', {});
    const byOffer = Object.fromEntries(r.byOffer.map((o) => [o.offerId, pick(o)]));
    expect(byOffer).toEqual({
      [D]: [7, 6, 206939, 12823, 194116, 27731, false],
      [R]: [6, 6, 244924, 24233, 220691, 36782, false],
      [P]: [5, 5, 150516, 0, 150516, 30103, false],
      [W]: [5, 3, 7500, 12000, -4500, -900, true],
    });
    expect(r.totals).toEqual({ callsMade: 23, wonBack: 20, revenueCents: 609879, costCents: 49056, netCents: 560823 });
    // Best net first.
    expect(r.byOffer.map((o) => o.offerId)).toEqual([R, D, P, W]);

    // By offer, reason and segment: the discount's price customers on month-to-month (R01-R04, N1).
    const cell = r.rows.find((x) => x.offerId === D && x.reasonId === price && x.segment === 'Month-to-month');
    expect(cell && pick(cell)).toEqual([5, 4, 164999, 9225, 155774, 31155, false]);
    const noDiagnosis = r.rows.find((x) => x.offerId === R && x.reasonId === null);
    expect(noDiagnosis && [noDiagnosis.reason, noDiagnosis.segment, ...pick(noDiagnosis)]).toEqual(['No diagnosis', null, 1, 1, 36000, 3000, 33000, 33000, false]);
  });

  it('refuses a cost model without the figures it needs, changing nothing', async () => {
    const r = await callResult(b.dispatch, 'effect.setOfferCost', { offerId: D, model: 'discount', percent: 20 });
    expect(r.ok ? null : r.error.message).toBe('A discount cost needs a number of months.');
    expect((await call(b.dispatch, 'effect.offers', {})).byOffer.find((o) => o.offerId === D)?.costCents).toBe(12823);
  });
});
