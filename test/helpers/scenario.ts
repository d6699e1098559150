import type { Db } from '../../db/open';
import { addCustomer, addMonthlyCycle, addPerson, amendCall, insertCall } from './calls';
import { signIn, testBackend, type TestBackend } from './backend';

/**
 * A small recovery story with numbers worked out by hand in the report tests:
 * five departed customers over two cycles, seven calls by two agents and an executive,
 * one of which (K4) is corrected afterwards.
 */
export const PEOPLE = {
  alex: { id: 'p-alex', name: 'Alex Agent', role: 'agent' as const },
  sam: { id: 'p-sam', name: 'Sam Agent', role: 'agent' as const },
  morgan: { id: 'p-morgan', name: 'Morgan Executive', role: 'executive' as const },
  mia: { id: 'p-mia', name: 'Mia Manager', role: 'manager' as const },
};

export function seedScenario(db: Db, options: { amend?: boolean } = {}): void {
  for (const p of Object.values(PEOPLE)) addPerson(db, p.id, p.name, p.role);
  const oct = addMonthlyCycle(db, '2026-10-01');
  const nov = addMonthlyCycle(db, '2026-11-01');
  addCustomer(db, { externalId: 'C1', name: 'Ada Example', monthlyRevenue: 100, segment: 'Month-to-month', product: 'DSL', frontlineTeam: 'Support North', frontlineRep: 'Rep Avery', statedReasonText: 'Price too high', statedReasonId: 'price.too-expensive', cycleId: oct, departedAt: '2026-10-05' });
  addCustomer(db, { externalId: 'C2', name: 'Bruno Sample', monthlyRevenue: 50, segment: 'One year', product: 'Fiber optic', frontlineTeam: 'Billing desk', frontlineRep: 'Rep Blake', statedReasonText: 'Competitor made better offer', statedReasonId: 'competitor.better-offer', cycleId: oct, departedAt: '2026-10-09' });
  addCustomer(db, { externalId: 'C3', name: 'Chioma Placeholder', monthlyRevenue: 80, segment: 'Month-to-month', product: 'Fiber optic', frontlineTeam: 'Support North', frontlineRep: 'Rep Avery', statedReasonText: 'Attitude of support person', statedReasonId: 'service.support-attitude', cycleId: nov, departedAt: '2026-11-01' });
  addCustomer(db, { externalId: 'C4', name: 'Dmitri Fictitious', monthlyRevenue: 20, segment: 'Two year', product: 'DSL', frontlineTeam: 'Billing desk', frontlineRep: 'Rep Casey', statedReasonText: 'Too expensive', statedReasonId: 'price.too-expensive', cycleId: nov, departedAt: '2026-11-02' });
  addCustomer(db, { externalId: 'C5', name: 'Elif Notreal', monthlyRevenue: 30, segment: null, product: 'DSL', frontlineTeam: null, statedReasonText: 'Weird reason', statedReasonId: null, cycleId: nov, departedAt: '2026-11-02' });

  const { alex, sam, morgan } = PEOPLE;
  insertCall(db, { id: 'K1', customer: 'C1', callerId: alex.id, callerRole: 'agent', cycleId: oct, completedAt: '2026-10-10T10:00:00.000Z', outcome: 'recovered', primary: 'price.too-expensive', offers: [{ offerId: 'offer.loyalty-discount', answer: 'accepted' }] });
  insertCall(db, { id: 'K2', customer: 'C2', callerId: alex.id, callerRole: 'agent', cycleId: oct, completedAt: '2026-10-11T10:00:00.000Z', outcome: 'no_answer' });
  insertCall(db, { id: 'K3', customer: 'C2', callerId: morgan.id, callerRole: 'executive', cycleId: oct, completedAt: '2026-10-15T10:00:00.000Z', outcome: 'declined', primary: 'competitor.better-offer', offers: [{ offerId: 'offer.differentiators', answer: 'declined' }, { offerId: 'offer.loyalty-discount', answer: 'not_offered' }] });
  insertCall(db, { id: 'K4', customer: 'C3', callerId: sam.id, callerRole: 'agent', cycleId: nov, completedAt: '2026-11-03T10:00:00.000Z', outcome: 'considering', primary: 'price.too-expensive', offers: [{ offerId: 'offer.cheaper-plan', answer: 'considering' }] });
  insertCall(db, { id: 'K5', customer: 'C4', callerId: morgan.id, callerRole: 'executive', cycleId: nov, completedAt: '2026-11-05T10:00:00.000Z', outcome: 'recovered', primary: 'price.too-expensive', secondary: ['price.extra-charges'], offers: [{ offerId: 'offer.loyalty-discount', answer: 'accepted' }] });
  insertCall(db, { id: 'K6', customer: 'C5', callerId: sam.id, callerRole: 'agent', cycleId: nov, completedAt: '2026-11-06T10:00:00.000Z', outcome: 'declined', primary: 'unknown.dont-know', offers: [{ offerId: 'offer.reactivation', answer: 'declined' }] });
  insertCall(db, { id: 'K7', customer: 'C1', callerId: sam.id, callerRole: 'agent', cycleId: nov, completedAt: '2026-11-07T10:00:00.000Z', outcome: 'callback', primary: 'price.extra-charges' });
  if (options.amend !== false) amendK4(db);
}

/** The manager corrects K4: the customer did come back, and the real reason was the support person. */
export function amendK4(db: Db): void {
  amendCall(db, 'K4', {
    outcome: 'recovered',
    primary: 'service.support-attitude',
    offers: [
      { offerId: 'offer.service-fix', answer: 'accepted' },
      { offerId: 'offer.cheaper-plan', answer: 'declined' },
    ],
  });
}

/** A console holding the scenario above, with Mia the manager signed in: what the report tests read. */
export async function scenarioForManager(): Promise<TestBackend> {
  const b = testBackend();
  seedScenario(b.db);
  await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
  return b;
}
