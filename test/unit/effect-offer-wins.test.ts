import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { addPerson, amendCall, insertCall } from '../helpers/calls';
import { wonBackCells, wonBackRecords } from '../../db/repos/effectReports';
import { wonBackCellsOf, type WonBackCell } from '../../shared/reports/offerEconomics';

/**
 * Offer economics reads a per-customer summary that triggers keep (migration 20). After every kind
 * of write that changes a customer's worth, the summary must say exactly what the raw tables say.
 */
let b: TestBackend;
const D = 'offer.loyalty-discount';
const W = 'offer.walkthrough';
const price = 'price.too-expensive';
const support = 'service.support-attitude';

const sorted = (cells: WonBackCell[]) =>
  cells.map((c) => [c.offerId, c.reasonId, c.segment, c.wonBack, c.revenueCents, c.costCents]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const fromSummary = () => sorted(wonBackCells(b.db, null));
const fromRawTables = () => sorted(wonBackCellsOf(wonBackRecords(b.db, null)));
const id = (externalId: string) => b.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(externalId) as number;

beforeEach(async () => {
  b = testBackend();
  await call(b.dispatch, 'session.setup', { name: 'Mia Manager', role: 'manager' });
  addPerson(b.db, 'p-ann', 'Ann Agent', 'agent');
  seedCustomers(b.db, [
    customer({ externalId: 'A', monthlyRevenue: 50, segment: 'Month-to-month' }),
    customer({ externalId: 'B', monthlyRevenue: 20, segment: 'One year' }),
    customer({ externalId: 'C', monthlyRevenue: 30, segment: 'One year' }),
  ]);
  const base = { callerId: 'p-ann', callerRole: 'agent' as const, cycleId: '2026-11' };
  insertCall(b.db, { ...base, id: 'K-A', customer: 'A', completedAt: '2026-11-02T10:00:00.000Z', outcome: 'recovered', primary: price, offers: [{ offerId: D, answer: 'accepted' }] });
  insertCall(b.db, { ...base, id: 'K-B', customer: 'B', completedAt: '2026-11-03T10:00:00.000Z', outcome: 'considering', primary: support, offers: [{ offerId: W, answer: 'accepted' }] });
  insertCall(b.db, { ...base, id: 'K-C', customer: 'C', completedAt: '2026-11-04T10:00:00.000Z', outcome: 'declined', primary: price, offers: [{ offerId: D, answer: 'declined' }] });
});
afterEach(() => b.dispose());

describe('the per-customer offer economics', () => {
  it('follows calls, amendments, returns, re-losses, revenue and cost changes exactly as the raw tables', async () => {
    // A came back by the call: 12 months of 50.00 at the discount's own cost (15% for 3 months = 22.50).
    expect(fromSummary()).toEqual([[D, price, 'Month-to-month', 1, 60000, 2250]]);
    expect(fromSummary()).toEqual(fromRawTables());

    // The returns file brings B back on 10 November paying 25.00, and moves nothing for A (already back).
    await call(b.dispatch, 'effect.importReturns', { fileName: 'back.csv', text: 'Customer ID,Returned on,Monthly revenue\nB,2026-11-10,25\n' });
    expect(fromSummary()).toContainEqual([W, support, 'One year', 1, 30000, 0]);
    expect(fromSummary()).toEqual(fromRawTables());

    // The walkthrough costs a fixed 40.00 from now on.
    await call(b.dispatch, 'effect.setOfferCost', { offerId: W, model: 'fixed', amount: 40 });
    // The hub hears of the new price, so it counts the offer's wins as this desk does.
    const defined = b.db.prepare("SELECT payload FROM outbox WHERE kind = 'offer.defined'").pluck().all() as string[];
    expect(defined.map((p) => JSON.parse(p) as unknown)).toEqual([
      { offerId: W, name: expect.any(String) as string, cost: { kind: 'fixed', amount: 40 }, definedAt: expect.any(String) as string },
    ]);
    expect(fromSummary()).toContainEqual([W, support, 'One year', 1, 30000, 4000]);
    expect(fromSummary()).toEqual(fromRawTables());

    // B is lost again on 15 January: November, December and the 10 January anniversary are paid.
    b.db
      .prepare(
        `INSERT INTO care_enrolments (id, customer_id, recovery_call_id, recovered_on, owner_id, status, next_review_on, enrolled_at, relost_on, relost_source)
         VALUES ('E-B', ?, 'K-B', '2026-11-10', 'p-ann', 'relost', NULL, '2026-11-10', '2027-01-15', 'import')`,
      )
      .run(id('B'));
    expect(fromSummary()).toContainEqual([W, support, 'One year', 1, 7500, 4000]);
    expect(fromSummary()).toEqual(fromRawTables());

    // A correction takes A's acceptance back: the discount has won nobody.
    amendCall(b.db, 'K-A', { offers: [{ offerId: D, answer: 'declined' }] });
    expect(fromSummary().filter((c) => c[0] === D)).toEqual([]);
    expect(fromSummary()).toEqual(fromRawTables());

    // C's call is corrected to an accepted discount and a recovery, diagnosed as a support problem.
    amendCall(b.db, 'K-C', { outcome: 'recovered', primary: support, offers: [{ offerId: D, answer: 'accepted' }] });
    expect(fromSummary()).toContainEqual([D, support, 'One year', 1, 36000, 1350]);
    expect(fromSummary()).toEqual(fromRawTables());

    // A re-import changes C's revenue and segment; a later file says B did not come back after all.
    b.db.prepare("UPDATE customers SET monthly_revenue = 40, segment = 'Two year' WHERE external_id = 'C'").run();
    await call(b.dispatch, 'effect.importReturns', { fileName: 'later.csv', text: 'Customer ID,Returned\nB,no\n' });
    expect(fromSummary()).toEqual([[D, support, 'Two year', 1, 48000, 1800]]);
    expect(fromSummary()).toEqual(fromRawTables());

    // The report itself reads the summary.
    const r = await call(b.dispatch, 'effect.offers', {});
    expect(r.totals).toMatchObject({ wonBack: 1, revenueCents: 48000, costCents: 1800, netCents: 46200 });
  });
});
