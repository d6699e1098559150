import { initialCallState, type CallState } from '../../shared/domain/callMachine';

/**
 * A guided call walked through every stage, as an agent completes one: an apology, the customer's
 * words, a confirmed primary reason and a second one, billing fixed, the loyalty discount accepted
 * (a single-use code), frontline feedback, and the customer recovered (who then enters intensive
 * care). The heaviest ordinary call: every table a completion writes gets its row.
 */
export function recoveredCall(callId: string, customerId: number, startedAt: string): CallState {
  const base = initialCallState({ callId, customerId, startedAt, frontlineRep: 'Bench Rep 1', frontlineTeam: 'Team 1' });
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
    summary: 'Recovered with the loyalty discount.',
  };
}
