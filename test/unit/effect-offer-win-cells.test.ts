import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend } from '../helpers/backend';
import { CYCLE, customer, fullCall, seedCustomers } from '../helpers/callFixtures';
import { addPerson, amendCall, insertCall } from '../helpers/calls';
import { wonBackCells, wonBackRecords } from '../../db/repos/effectReports';
import { upsertCycle } from '../../db/repos/cycles';
import { OFFER_WIN_CELLS_FROM_WINS } from '../../db/migrations/024_offer_win_cells';
import { wonBackCellsOf, type WonBackCell } from '../../shared/reports/offerEconomics';

/**
 * Offer economics reads cells summed by migration 24's triggers from the per-customer rows. After
 * every kind of write (calls, amendments, returns, re-losses, an offer's new cost, an erasure, a
 * deletion), the cells must say exactly what the raw tables say, overall and for each cycle.
 */
let b: TestBackend;
let clock: Date;
const D = 'offer.loyalty-discount';
const W = 'offer.walkthrough';
const price = 'price.too-expensive';
const support = 'service.support-attitude';
const DECEMBER = { id: '2026-12', name: 'December 2026', kind: 'monthly' as const, startsOn: '2026-12-01', endsOn: '2026-12-31' };
const base = { callerId: 'p-ann', callerRole: 'agent' as const };

const sorted = (cells: WonBackCell[]) =>
  cells
    .map((c) => [c.offerId, c.offer, c.reasonId, c.reason, c.segment, c.wonBack, c.revenueCents, c.costCents])
    .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
const id = (externalId: string) => b.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(externalId) as number;
const stored = () => b.db.prepare('SELECT * FROM offer_win_cells ORDER BY 1, 2, 3, 4, 5').all();
const derived = () => b.db.prepare(`${OFFER_WIN_CELLS_FROM_WINS} ORDER BY 1, 2, 3, 4, 5`).all();
const wonTotal = () => wonBackCells(b.db, null).reduce((n, c) => n + c.wonBack, 0);

/** Deletes calls and every row that refers to them (the tables that name a call, found from the schema). */
function deleteCalls(where: string): void {
  const referring = b.db
    .prepare("SELECT m.name AS tbl, f.\"from\" AS col FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f.\"table\" = 'calls'")
    .all() as { tbl: string; col: string }[];
  b.db.transaction(() => {
    for (const r of referring) b.db.prepare(`DELETE FROM ${r.tbl} WHERE ${r.col} IN (SELECT id FROM calls WHERE ${where})`).run();
    b.db.prepare(`DELETE FROM calls WHERE ${where}`).run();
  })();
}

/** The cells as stored, as summed afresh from the per-customer rows, and as the report computes from the raw tables, for every period. */
function expectExact(): void {
  expect(stored()).toEqual(derived());
  for (const cycle of [null, CYCLE.id, DECEMBER.id]) {
    expect({ cycle, cells: sorted(wonBackCells(b.db, cycle)) }).toEqual({ cycle, cells: sorted(wonBackCellsOf(wonBackRecords(b.db, cycle))) });
  }
}

beforeEach(async () => {
  clock = new Date('2026-11-16T15:00:00Z');
  b = testBackend(() => clock);
  await call(b.dispatch, 'session.setup', { name: 'Mia Manager', role: 'manager' });
  addPerson(b.db, 'p-ann', 'Ann Agent', 'agent');
  seedCustomers(b.db, [
    customer({ externalId: 'A', monthlyRevenue: 50, segment: 'Month-to-month' }),
    customer({ externalId: 'B', monthlyRevenue: 20, segment: 'One year' }),
    customer({ externalId: 'C', monthlyRevenue: 30, segment: 'One year' }),
    customer({ externalId: 'E', monthlyRevenue: 44.44, segment: null }),
    // No cycle on the customer nor on the call: counted overall, in no cycle.
    customer({ externalId: 'F', monthlyRevenue: 12.5, segment: 'Month-to-month', cycleId: null }),
  ]);
  upsertCycle(b.db, DECEMBER, '2026-11-02T09:00:00Z');
  insertCall(b.db, { ...base, id: 'K-A', customer: 'A', cycleId: CYCLE.id, completedAt: '2026-11-02T10:00:00.000Z', outcome: 'recovered', primary: price, offers: [{ offerId: D, answer: 'accepted' }] });
  insertCall(b.db, { ...base, id: 'K-B', customer: 'B', cycleId: CYCLE.id, completedAt: '2026-11-03T10:00:00.000Z', outcome: 'considering', primary: support, offers: [{ offerId: W, answer: 'accepted' }] });
  insertCall(b.db, { ...base, id: 'K-C', customer: 'C', cycleId: CYCLE.id, completedAt: '2026-11-04T10:00:00.000Z', outcome: 'declined', primary: price, offers: [{ offerId: D, answer: 'declined' }] });
  insertCall(b.db, { ...base, id: 'K-E', customer: 'E', cycleId: DECEMBER.id, completedAt: '2026-12-04T10:00:00.000Z', outcome: 'recovered', offers: [{ offerId: D, answer: 'accepted' }] });
  insertCall(b.db, { ...base, id: 'K-F', customer: 'F', completedAt: '2026-11-05T10:00:00.000Z', outcome: 'recovered', primary: price, offers: [{ offerId: W, answer: 'accepted' }] });
});
afterEach(() => b.dispose());

describe('the offer economics cells', () => {
  it('follow calls, amendments, returns, re-losses, cost changes, an erasure and deletions exactly as the raw tables, overall and by cycle', async () => {
    // Filled by the migration from the rows already there: A, E (undiagnosed, no segment) and F (no cycle) are back.
    expect(wonTotal()).toBe(3);
    expect(wonBackCells(b.db, CYCLE.id).reduce((n, c) => n + c.wonBack, 0)).toBe(1);
    expectExact();

    // A call made on the call screen: C recovered with the walkthrough on a second call.
    clock = new Date('2026-11-20T15:00:00Z');
    const s = await call(b.dispatch, 'call.start', { customerId: id('C') });
    await call(b.dispatch, 'call.complete', { state: fullCall(s.state, { offer: { skippedBecause: '', answers: [{ offerId: W, answer: 'accepted' }], note: '' } }) });
    expect(wonTotal()).toBe(4);
    expectExact();

    // The returns file brings B back paying 25.00, and gives A a new revenue.
    await call(b.dispatch, 'effect.importReturns', { fileName: 'back.csv', text: 'Customer ID,Returned on,Monthly revenue\nB,2026-11-10,25\nA,2026-11-03,55.55\n' });
    expect(wonTotal()).toBe(5);
    expectExact();

    // Re-losses: B's recorded, moved and then withdrawn; A's kept.
    const enrol = (eid: string, customerExt: string, callId: string, relost: string) =>
      b.db
        .prepare(
          `INSERT INTO care_enrolments (id, customer_id, recovery_call_id, recovered_on, owner_id, status, next_review_on, enrolled_at, relost_on, relost_source)
           VALUES (?, ?, ?, '2026-11-10', 'p-ann', 'relost', NULL, '2026-11-10', ?, 'import')`,
        )
        .run(eid, id(customerExt), callId, relost);
    enrol('E-B', 'B', 'K-B', '2027-01-15');
    enrol('E-A', 'A', 'K-A', '2027-02-01');
    expectExact();
    b.db.prepare("UPDATE care_enrolments SET relost_on = '2026-12-20' WHERE id = 'E-B'").run();
    expectExact();
    b.db.prepare("DELETE FROM care_enrolments WHERE id = 'E-B'").run();
    expectExact();

    // New costs: the walkthrough a fixed 40.00, the discount 10% for 6 months.
    await call(b.dispatch, 'effect.setOfferCost', { offerId: W, model: 'fixed', amount: 40 });
    expect(wonBackCells(b.db, null).filter((c) => c.offerId === W).reduce((n, c) => n + c.costCents, 0)).toBe(3 * 4000);
    expectExact();
    await call(b.dispatch, 'effect.setOfferCost', { offerId: D, model: 'discount', percent: 10, months: 6 });
    expectExact();

    // Amendments: A's acceptance taken back; E's call diagnosed and moved to November; B's outcome changed (still back by the file).
    amendCall(b.db, 'K-A', { offers: [{ offerId: D, answer: 'declined' }] });
    expectExact();
    amendCall(b.db, 'K-E', { primary: support });
    b.db.prepare("UPDATE calls SET cycle_id = '2026-11' WHERE id = 'K-E'").run();
    expectExact();
    amendCall(b.db, 'K-B', { outcome: 'declined' });
    expectExact();

    // A later returns file says B did not come back after all; a re-import moves C to December and another segment.
    await call(b.dispatch, 'effect.importReturns', { fileName: 'later.csv', text: 'Customer ID,Returned\nB,no\n' });
    b.db.prepare("UPDATE customers SET cycle_id = '2026-12', segment = 'Two year', monthly_revenue = 31 WHERE external_id = 'C'").run();
    expectExact();

    // An erasure keeps the customer's money in the counts, anonymous.
    const before = wonTotal();
    const erased = b.db.prepare("SELECT external_id FROM customers WHERE external_id = 'E'").pluck().get() as string;
    await call(b.dispatch, 'privacy.erase', { customerId: id('E'), confirm: erased });
    expect(wonTotal()).toBe(before);
    expectExact();

    // A call deleted outright, then a customer: their wins leave the cells.
    deleteCalls("id = 'K-F'");
    expect(wonTotal()).toBe(before - 1);
    expectExact();
    const c = id('C');
    deleteCalls(`customer_id = ${c}`);
    b.db.prepare('DELETE FROM customers WHERE id = ?').run(c);
    expectExact();

    // The report reads the cells and gives the raw tables' figures.
    const r = await call(b.dispatch, 'effect.offers', {});
    const raw = wonBackCellsOf(wonBackRecords(b.db, null));
    expect(r.totals.wonBack).toBe(raw.reduce((n, x) => n + x.wonBack, 0));
    expect(r.totals.netCents).toBe(raw.reduce((n, x) => n + x.revenueCents - x.costCents, 0));
  });
});
