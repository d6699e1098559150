import { prepareCustomerUpsert, type CustomerInput } from '../../db/repos/customers';
import { upsertCycle } from '../../db/repos/cycles';
import type { Db } from '../../db/open';
import { initialCallState, type CallState } from '../../shared/domain/callMachine';

export const CYCLE = { id: '2026-11', name: 'November 2026', kind: 'monthly' as const, startsOn: '2026-11-01', endsOn: '2026-11-30' };

export function customer(over: Partial<CustomerInput> & { externalId: string }): CustomerInput {
  return {
    name: `Customer ${over.externalId}`,
    company: null,
    phone: '+1 555-0100',
    email: null,
    timezone: 'America/Los_Angeles',
    segment: 'Month-to-month',
    product: 'DSL',
    monthlyRevenue: 50,
    tenureMonths: 30,
    departedAt: '2026-11-01',
    lastActivityAt: null,
    statedReasonText: 'Price too high',
    statedReasonId: 'price.too-expensive',
    frontlineRep: 'Rep Avery (demo)',
    frontlineTeam: 'Billing desk',
    notes: null,
    cycleId: CYCLE.id,
    ...over,
  };
}

/**
 * Inserts departed customers and returns their ids by external id. Calls in these fixtures happen
 * at whatever hour the test's clock says: calling hours are a rule with tests of their own
 * (test/unit/calling-rules.test.ts), so the rule is turned off here unless the test keeps it.
 */
export function seedCustomers(db: Db, customers: CustomerInput[], opts: { callingHours?: 'enforced' | 'any hour' } = {}): Record<string, number> {
  const now = '2026-11-02T09:00:00Z';
  if ((opts.callingHours ?? 'any hour') === 'any hour') {
    db.prepare("INSERT INTO settings (key, value) VALUES ('contact.callingHoursEnforced', 'false') ON CONFLICT(key) DO UPDATE SET value = 'false'").run();
  }
  upsertCycle(db, CYCLE, now);
  const upsert = prepareCustomerUpsert(db);
  for (const c of customers) upsert(c, now);
  const rows = db.prepare('SELECT id, external_id FROM customers').all() as { id: number; external_id: string }[];
  return Object.fromEntries(rows.map((r) => [r.external_id, r.id]));
}

/** A call walked through every stage: confirmed price reason, billing fixed, Offer open. */
export function fullCall(base: CallState, over: Partial<CallState> = {}): CallState {
  return {
    ...base,
    stage: 'offer',
    reached: 'offer',
    visited: ['apologize', 'listen', 'diagnose', 'assist', 'offer'],
    apologize: { note: 'Apologised for the bill shock' },
    listen: { words: 'The bill went up twice this year and nobody told me why.' },
    diagnose: { categoryId: 'price', primaryReasonId: 'price.too-expensive', otherReasonIds: ['price.extra-charges'], confirmed: true, note: '' },
    assist: { actions: ['fixed_billing'], note: 'Refunded the double charge' },
    offer: { skippedBecause: '', answers: [{ offerId: 'offer.loyalty-discount', answer: 'accepted' }], note: '' },
    outcome: 'recovered',
    feedback: { ...base.feedback, text: 'Explain price changes before the bill arrives.' },
    ...over,
  };
}

export { initialCallState };
