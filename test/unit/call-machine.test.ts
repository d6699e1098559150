import { describe, expect, it } from 'vitest';
import {
  canEnter,
  choosePrimaryReason,
  completionProblems,
  goToStage,
  initialCallState,
  isOfferOpen,
  nextStage,
  offerClosedBecause,
  outcomeAllowed,
  previousStage,
  setConfirmed,
  setOfferAnswer,
  setOutcome,
  stagesToRecord,
  toggleAssistAction,
  toggleOtherReason,
  answerFor,
  type CallState,
  type Move,
} from '../../shared/domain/callMachine';
import { OUTCOMES } from '../../shared/domain/outcomes';

const fresh = () => initialCallState({ callId: '6f1c2a8e-1b7d-4c8e-9a0b-3d2e1f0a9b8c', customerId: 7, startedAt: '2026-11-16T15:00:00Z', frontlineRep: 'Rep Avery', frontlineTeam: 'Billing' });

function ok(move: Move): CallState {
  if (!move.ok) throw new Error(`expected the move to succeed: ${move.why}`);
  return move.state;
}

/** A call walked to Assist with a confirmed reason and a recorded assist. */
function readyForOffer(): CallState {
  let s = ok(nextStage(ok(nextStage(fresh()))));
  s = setConfirmed(choosePrimaryReason(s, 'price', 'price.too-expensive'), true);
  s = ok(nextStage(s));
  return toggleAssistAction(s, 'fixed_billing');
}

describe('the call stage machine', () => {
  it('starts at Apologize with the frontline rep and team named for feedback', () => {
    const s = fresh();
    expect(s.stage).toBe('apologize');
    expect(s.feedback).toEqual({ text: '', rep: 'Rep Avery', team: 'Billing' });
  });

  it('moves to the next stage and back, one at a time', () => {
    let s = ok(nextStage(fresh()));
    expect(s.stage).toBe('listen');
    s = ok(nextStage(s));
    expect(s.stage).toBe('diagnose');
    s = ok(previousStage(s));
    expect(s.stage).toBe('listen');
    expect(s.reached).toBe('diagnose');
    const first = previousStage(ok(previousStage(s)));
    expect(first).toEqual({ ok: false, why: 'Apologize is the first stage.', problem: { code: 'first_stage' } });
  });

  it('revisits any earlier stage and returns to the furthest one reached', () => {
    const s = readyForOffer();
    const back = ok(goToStage(s, 'apologize'));
    expect(back.stage).toBe('apologize');
    expect(ok(goToStage(back, 'assist')).stage).toBe('assist');
  });

  it('does not jump over stages not yet reached', () => {
    const r = goToStage(fresh(), 'assist');
    expect(r).toEqual({ ok: false, why: 'Go through Listen first.', problem: { code: 'go_through_first', stage: 'listen' } });
  });

  it('keeps Offer closed until the reason is confirmed and Assist is recorded', () => {
    let s = ok(nextStage(ok(nextStage(ok(nextStage(fresh()))))));
    expect(s.stage).toBe('assist');
    const closed = nextStage(s);
    expect(closed.ok).toBe(false);
    expect(!closed.ok && closed.why).toBe(
      'The Offer stage opens once the customer has confirmed the reason and Assist is recorded, or when you record why you skip them.',
    );
    s = toggleAssistAction(s, 'opened_ticket');
    expect(offerClosedBecause(s)).toMatch(/customer has confirmed the reason, /);
    s = setConfirmed(choosePrimaryReason(s, 'price', 'price.extra-charges'), true);
    expect(isOfferOpen(s)).toBe(true);
    expect(ok(nextStage(s)).stage).toBe('offer');
    expect(nextStage(ok(nextStage(s)))).toMatchObject({ ok: false });
  });

  it('opens Offer straight away when the agent records why the earlier stages were skipped', () => {
    const s = fresh();
    expect(canEnter(s, 'offer').ok).toBe(false);
    const skipped: CallState = { ...s, offer: { ...s.offer, skippedBecause: 'Customer only wanted to hear the offer' } };
    const atOffer = ok(goToStage(skipped, 'offer'));
    expect(atOffer).toMatchObject({ stage: 'offer', reached: 'offer', visited: ['apologize', 'offer'] });
    expect(stagesToRecord(atOffer)).toEqual(['apologize', 'offer']);
    const blank: CallState = { ...skipped, offer: { ...skipped.offer, skippedBecause: '   ' } };
    expect(goToStage(blank, 'offer').ok).toBe(false);
  });

  it('counts an assist note alone as a recorded assist', () => {
    let s = readyForOffer();
    s = toggleAssistAction(s, 'fixed_billing');
    expect(isOfferOpen(s)).toBe(false);
    s = { ...s, assist: { ...s.assist, note: 'Refunded the double charge' } };
    expect(isOfferOpen(s)).toBe(true);
  });

  it('takes the confirmation back when the primary reason changes, and never confirms no reason', () => {
    let s = setConfirmed(fresh(), true);
    expect(s.diagnose.confirmed).toBe(false);
    s = setConfirmed(choosePrimaryReason(s, 'price', 'price.too-expensive'), true);
    expect(s.diagnose.confirmed).toBe(true);
    expect(choosePrimaryReason(s, 'price', 'price.too-expensive').diagnose.confirmed).toBe(true);
    expect(choosePrimaryReason(s, 'competitor', 'competitor.better-offer').diagnose.confirmed).toBe(false);
  });

  it('keeps other reasons apart from the primary one', () => {
    let s = choosePrimaryReason(fresh(), 'price', 'price.too-expensive');
    s = toggleOtherReason(s, 'service.reliability');
    s = toggleOtherReason(s, 'price.too-expensive');
    expect(s.diagnose.otherReasonIds).toEqual(['service.reliability']);
    s = choosePrimaryReason(s, 'service', 'service.reliability');
    expect(s.diagnose.otherReasonIds).toEqual([]);
    expect(toggleOtherReason(toggleOtherReason(s, 'moved'), 'moved').diagnose.otherReasonIds).toEqual([]);
  });

  it('keeps assist actions in their listed order', () => {
    const s = toggleAssistAction(toggleAssistAction(fresh(), 'other'), 'fixed_billing');
    expect(s.assist.actions).toEqual(['fixed_billing', 'other']);
  });

  it('records one answer per offer', () => {
    let s = setOfferAnswer(fresh(), 'offer.pause', 'declined');
    s = setOfferAnswer(s, 'offer.pause', 'accepted');
    expect(s.offer.answers).toEqual([{ offerId: 'offer.pause', answer: 'accepted' }]);
    expect(answerFor(s, 'offer.pause')).toBe('accepted');
    expect(answerFor(s, 'offer.walkthrough')).toBe('not_offered');
  });
});

describe('outcomes', () => {
  it('records No answer and Wrong number from any stage, and the customer’s own requests too', () => {
    for (const outcome of ['no_answer', 'wrong_number', 'callback', 'do_not_contact'] as const) {
      expect(outcomeAllowed(fresh(), outcome)).toEqual({ ok: true });
      expect(ok(setOutcome(fresh(), outcome)).outcome).toBe(outcome);
    }
  });

  it('needs the Offer stage open for Recovered, Considering and Declined', () => {
    for (const outcome of ['recovered', 'considering', 'declined'] as const) {
      const r = setOutcome(fresh(), outcome);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.why).toMatch(/needs the Offer stage/);
      expect(outcomeAllowed(readyForOffer(), outcome)).toEqual({ ok: true });
    }
    expect(OUTCOMES).toHaveLength(7);
  });

  it('completes only with an outcome and its details', () => {
    const today = '2026-11-16';
    expect(completionProblems(fresh(), today)).toEqual(['Choose an outcome.']);
    expect(completionProblems({ ...fresh(), outcome: 'no_answer' }, today)).toEqual([]);

    const considering: CallState = { ...readyForOffer(), outcome: 'considering' };
    expect(completionProblems(considering, today)).toEqual(['Considering needs the end of the reactivation period.']);
    expect(completionProblems({ ...considering, reactivationUntil: '2026-02-30' }, today)).toEqual(['The end of the reactivation period is not a real date.']);
    expect(completionProblems({ ...considering, reactivationUntil: '2026-11-15' }, today)).toEqual(['The end of the reactivation period is in the past.']);
    expect(completionProblems({ ...considering, reactivationUntil: '2026-12-16' }, today)).toEqual([]);

    const callback: CallState = { ...fresh(), outcome: 'callback' };
    expect(completionProblems(callback, today)).toEqual(["Callback needs a date and time in the customer's local time."]);
    expect(completionProblems({ ...callback, callbackLocal: '2026-11-17T25:00' }, today)).toEqual(['The callback time is not a real date and time.']);
    expect(completionProblems({ ...callback, callbackLocal: '2026-11-17T10:30' }, today)).toEqual([]);
  });

  it('refuses a Recovered outcome smuggled past the Offer gate', () => {
    expect(completionProblems({ ...fresh(), outcome: 'recovered' }, '2026-11-16')[0]).toMatch(/^Recovered needs the Offer stage/);
  });

  it('refuses other reasons without a primary one', () => {
    const s: CallState = { ...fresh(), outcome: 'no_answer', diagnose: { ...fresh().diagnose, otherReasonIds: ['moved'] } };
    expect(completionProblems(s, '2026-11-16')).toEqual(['Choose the primary reason before other reasons.']);
  });
});

describe('what is recorded per stage', () => {
  it('records the stages reached, plus any later one holding something', () => {
    expect(stagesToRecord(fresh())).toEqual(['apologize']);
    const s: CallState = { ...fresh(), offer: { ...fresh().offer, note: 'Asked about pause' } };
    expect(stagesToRecord(s)).toEqual(['apologize', 'offer']);
    expect(stagesToRecord(ok(nextStage(readyForOffer())))).toEqual(['apologize', 'listen', 'diagnose', 'assist', 'offer']);
  });
});
