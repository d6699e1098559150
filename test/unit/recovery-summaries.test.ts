import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open';
import { prepareCustomerUpsert } from '../../db/repos/customers';
import { recoveryGroups } from '../../db/repos/reportsRecovery';
import { addCustomer, addMonthlyCycle, addPerson, insertCall } from '../helpers/calls';
import { filterCombinations, reportsDifferingFromRaw, summaryDifferences } from '../helpers/reportSummaries';

/**
 * The recovery, offer and agreement summaries (migration 9) through the writes that move a
 * customer's revenue between cells one call at a time, or a call between rows: after each, the
 * summaries equal a rebuild from scratch and every report equals the one read from the raw rows.
 */

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  addPerson(db, 'p-ann', 'Ann Agent', 'agent');
  addPerson(db, 'p-eve', 'Eve Executive', 'executive');
  addMonthlyCycle(db, '2026-10-01');
  addMonthlyCycle(db, '2026-11-01');
  addCustomer(db, { externalId: 'C1', monthlyRevenue: 40, segment: 'One year', product: 'DSL', frontlineTeam: 'Billing desk', cycleId: '2026-10', departedAt: '2026-10-02', statedReasonText: 'Too expensive', statedReasonId: 'price.too-expensive' });
  addCustomer(db, { externalId: 'C2', monthlyRevenue: 25, segment: 'One year', product: 'DSL', frontlineTeam: 'Billing desk', cycleId: '2026-10', departedAt: '2026-10-03' });
});
afterEach(() => db.close());

const FILTERS = filterCombinations({
  cycleId: '2026-10',
  segment: 'One year',
  product: 'DSL',
  team: 'Billing desk',
  callerId: 'p-eve',
  from: '2026-10-06',
  to: '2026-10-20',
});

function expectExact(): void {
  expect(summaryDifferences(db)).toEqual([]);
  expect(reportsDifferingFromRaw(db, FILTERS)).toEqual([]);
}

const offer = (answer: 'accepted' | 'declined' | 'not_offered') => [{ offerId: 'offer.loyalty-discount', answer }];

/** C1 won back twice, by the same agent with the same offer, and once more by an executive. */
function wonBackThrice(): void {
  insertCall(db, { id: 'K1', customer: 'C1', callerId: 'p-ann', callerRole: 'agent', cycleId: '2026-10', completedAt: '2026-10-05T10:00:00Z', outcome: 'recovered', primary: 'price.too-expensive', offers: offer('accepted') });
  insertCall(db, { id: 'K2', customer: 'C1', callerId: 'p-ann', callerRole: 'agent', cycleId: '2026-10', completedAt: '2026-10-09T10:00:00Z', outcome: 'recovered', primary: 'price.too-expensive', offers: offer('accepted') });
  insertCall(db, { id: 'K3', customer: 'C1', callerId: 'p-eve', callerRole: 'executive', cycleId: '2026-10', completedAt: '2026-10-12T10:00:00Z', outcome: 'recovered', primary: 'price.extra-charges' });
  insertCall(db, { id: 'K4', customer: 'C2', callerId: 'p-ann', callerRole: 'agent', cycleId: '2026-10', completedAt: '2026-10-13T10:00:00Z', outcome: 'declined', primary: 'price.too-expensive', offers: offer('declined') });
}

const reimport = (revenue: number, segment: string) =>
  prepareCustomerUpsert(db)(
    {
      externalId: 'C1', name: null, company: null, phone: '+1 555-0100', email: null, timezone: null, segment, product: 'DSL',
      monthlyRevenue: revenue, tenureMonths: null, departedAt: '2026-10-02', lastActivityAt: null, statedReasonText: 'Too expensive',
      statedReasonId: 'price.too-expensive', frontlineRep: null, frontlineTeam: 'Billing desk', notes: null, cycleId: '2026-10',
    },
    '2026-11-01T00:00:00Z',
  );

describe('the recovery summaries', () => {
  it('count a customer won back on several calls once per row, and follow a new revenue call by call', () => {
    wonBackThrice();
    expectExact();
    expect(recoveryGroups(db, {}).all).toEqual([{ key: null, calls: 4, recovered: 3, recoveryRate: 0.75, recoveredRevenue: 40 }]);
    db.transaction(() => reimport(55.5, 'One year'))();
    expect(recoveryGroups(db, {}).agent.find((g) => g.key === 'p-ann')).toMatchObject({ calls: 3, recovered: 2, recoveredRevenue: 55.5 });
    expectExact();
  });

  it('move a customer won back several times to another segment', () => {
    wonBackThrice();
    db.transaction(() => reimport(40, 'Two year'))();
    expect(recoveryGroups(db, {}).segment).toEqual([
      { key: 'Two year', calls: 3, recovered: 3, recoveryRate: 1, recoveredRevenue: 40 },
      { key: 'One year', calls: 1, recovered: 0, recoveryRate: 0, recoveredRevenue: 0 },
    ]);
    expectExact();
  });

  it('follow an offer answered again, taken back, and made on another call', () => {
    wonBackThrice();
    db.prepare("UPDATE call_offers SET answer = 'not_offered' WHERE call_id = 'K1'").run();
    expectExact();
    db.prepare("UPDATE call_offers SET answer = 'declined' WHERE call_id = 'K2'").run();
    expectExact();
    db.prepare("DELETE FROM call_offers WHERE call_id = 'K2'").run();
    expect(recoveryGroups(db, {}).offer).toEqual([{ key: 'offer.loyalty-discount', calls: 1, recovered: 0, recoveryRate: 0, recoveredRevenue: 0 }]);
    db.prepare("INSERT INTO call_offers (call_id, offer_id, answer) VALUES ('K3', 'offer.pause', 'accepted')").run();
    expectExact();
  });

  it('follow a call completed as the call screen writes it (the call, then its reasons and offers) and then corrected', () => {
    db.transaction(() => {
      db.prepare(
        `INSERT INTO calls (id, customer_id, caller_id, caller_role, cycle_id, started_at, completed_at, outcome)
         VALUES ('K9', (SELECT id FROM customers WHERE external_id = 'C2'), 'p-eve', 'executive', '2026-10', '2026-10-15T09:00:00Z', '2026-10-15T09:10:00Z', 'recovered')`,
      ).run();
      // Recovered and not diagnosed for the moment between the two statements.
      expect(recoveryGroups(db, {}).reason).toEqual([{ key: null, calls: 1, recovered: 1, recoveryRate: 1, recoveredRevenue: 25 }]);
      db.prepare("INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES ('K9', 'competitor.better-offer', 1)").run();
      db.prepare("INSERT INTO call_offers (call_id, offer_id, answer) VALUES ('K9', 'offer.differentiators', 'accepted')").run();
    })();
    expect(recoveryGroups(db, {}).reason).toEqual([{ key: 'competitor.better-offer', calls: 1, recovered: 1, recoveryRate: 1, recoveredRevenue: 25 }]);
    expectExact();
    // Corrected: no diagnosis after all (the customer hung up), then the outcome too.
    db.prepare("DELETE FROM call_reasons WHERE call_id = 'K9'").run();
    expectExact();
    db.prepare("UPDATE calls SET outcome = 'wrong_number' WHERE id = 'K9'").run();
    expectExact();
  });

  it('follow a call moved to another customer, another cycle and another day', () => {
    wonBackThrice();
    db.prepare("UPDATE calls SET customer_id = (SELECT id FROM customers WHERE external_id = 'C2') WHERE id = 'K2'").run();
    expectExact();
    db.prepare("UPDATE calls SET cycle_id = '2026-11', completed_at = '2026-11-02T10:00:00Z' WHERE id = 'K1'").run();
    expectExact();
    db.prepare("UPDATE calls SET completed_at = '2026-10-01T10:00:00Z' WHERE id = 'K3'").run();
    expectExact();
  });
});
