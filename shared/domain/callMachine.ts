/**
 * The guided call as a pure state machine: what an open call holds, which stage may be entered,
 * which outcome may be recorded, and what must be true before the call can be completed.
 * The renderer drives it keystroke by keystroke; the backend runs the same rules again on
 * completion, because the renderer is not trusted.
 */
import { STAGES, STAGE_LABELS, type Stage } from './stages';
import { EARLY_OUTCOMES, OUTCOME_LABELS, type Outcome } from './outcomes';
import { isValidLocalDate, isValidLocalDateTime } from './localTime';
import { said, type Said } from '../i18n/said';

export const ASSIST_ACTIONS = [
  'fixed_billing',
  'opened_ticket',
  'escalated',
  'explained_feature',
  'booked_walkthrough',
  'other',
] as const;
export type AssistAction = (typeof ASSIST_ACTIONS)[number];

export const ASSIST_ACTION_LABELS: Record<AssistAction, string> = {
  fixed_billing: 'Fixed billing',
  opened_ticket: 'Opened a ticket',
  escalated: 'Escalated',
  explained_feature: 'Explained a feature',
  booked_walkthrough: 'Booked a walkthrough',
  other: 'Other',
};

export const OFFER_ANSWERS = ['accepted', 'considering', 'declined', 'not_offered'] as const;
export type OfferAnswer = (typeof OFFER_ANSWERS)[number];

export const OFFER_ANSWER_LABELS: Record<OfferAnswer, string> = {
  accepted: 'Accepted',
  considering: 'Considering',
  declined: 'Declined',
  not_offered: 'Not offered',
};

/** Everything an open call holds. It is the draft saved on every keystroke, so it stays plain JSON. */
export interface CallState {
  version: 1;
  /** Chosen when the call starts, so completing twice (a retried request) saves one call. */
  callId: string;
  customerId: number;
  startedAt: string;
  stage: Stage;
  /** The furthest stage reached; every stage up to it can be revisited. */
  reached: Stage;
  /** The stages the agent actually opened, in stage order; skipped ones are not among them. */
  visited: Stage[];
  apologize: { note: string };
  listen: { words: string };
  diagnose: {
    categoryId: string | null;
    primaryReasonId: string | null;
    otherReasonIds: string[];
    confirmed: boolean;
    note: string;
  };
  assist: { actions: AssistAction[]; note: string };
  offer: {
    /** Why the agent went to the Offer stage without a confirmed reason and a recorded assist. */
    skippedBecause: string;
    answers: { offerId: string; answer: OfferAnswer }[];
    note: string;
  };
  outcome: Outcome | null;
  /** Considering: the last day of the reactivation period (YYYY-MM-DD). */
  reactivationUntil: string | null;
  /** Callback: the customer's local date and time (YYYY-MM-DDTHH:mm). */
  callbackLocal: string | null;
  feedback: { text: string; rep: string; team: string };
  /** One line for the record; executives write it after their call. */
  summary: string;
  /** The call's clock, for handle time; absent in drafts saved before it was kept. */
  clock?: CallClock;
}

/**
 * Time spent on each stage until the outcome was chosen (talk), and when that was (wrap runs from
 * then to completion). Kept in the draft, so a call parked or restored after a crash keeps it.
 */
export interface CallClock {
  /** When the current stage's time began to count. */
  stageSince: string;
  stageMs: Record<Stage, number>;
  /** When an outcome was first chosen; null while the call is still talking. */
  outcomeAt: string | null;
}

const elapsed = (from: string, to: string) => Math.max(0, Date.parse(to) - Date.parse(from));

/** The clock after a change of the call: a stage left or an outcome chosen closes the time on the stage. */
export function tickClock(prev: CallState, next: CallState, now: string): CallState {
  const clock = prev.clock;
  if (!clock) return next;
  const stageChanged = next.stage !== prev.stage;
  const outcomeSet = prev.outcome === null && next.outcome !== null;
  const outcomeCleared = prev.outcome !== null && next.outcome === null;
  if (!stageChanged && !outcomeSet && !outcomeCleared) return next;
  const stageMs = { ...clock.stageMs };
  let { stageSince, outcomeAt } = clock;
  if (outcomeAt === null && (stageChanged || outcomeSet)) {
    stageMs[prev.stage] += elapsed(stageSince, now);
    stageSince = now;
  }
  if (outcomeSet && outcomeAt === null) outcomeAt = now;
  if (outcomeCleared) {
    outcomeAt = null;
    stageSince = now;
  }
  return { ...next, clock: { stageSince, stageMs, outcomeAt } };
}

/** Talk, wrap and per-stage time of a call completed at `completedAt`; null for a call without a clock. */
export function callTimings(s: CallState, completedAt: string): { talkMs: number; wrapMs: number; stageMs: Record<Stage, number> } | null {
  const clock = s.clock;
  if (!clock) return null;
  const stageMs = { ...clock.stageMs };
  if (clock.outcomeAt === null) stageMs[s.stage] += elapsed(clock.stageSince, completedAt);
  const outcomeAt = clock.outcomeAt ?? completedAt;
  // Talk is the time on the stages, so time parked (or with the app closed) is not talk.
  const talkMs = stageMs.apologize + stageMs.listen + stageMs.diagnose + stageMs.assist + stageMs.offer;
  return { talkMs, wrapMs: elapsed(outcomeAt, completedAt), stageMs };
}

export function initialCallState(input: {
  callId: string;
  customerId: number;
  startedAt: string;
  frontlineRep?: string | null;
  frontlineTeam?: string | null;
}): CallState {
  return {
    version: 1,
    callId: input.callId,
    customerId: input.customerId,
    startedAt: input.startedAt,
    stage: 'apologize',
    reached: 'apologize',
    visited: ['apologize'],
    apologize: { note: '' },
    listen: { words: '' },
    diagnose: { categoryId: null, primaryReasonId: null, otherReasonIds: [], confirmed: false, note: '' },
    assist: { actions: [], note: '' },
    offer: { skippedBecause: '', answers: [], note: '' },
    outcome: null,
    reactivationUntil: null,
    callbackLocal: null,
    feedback: { text: '', rep: input.frontlineRep ?? '', team: input.frontlineTeam ?? '' },
    summary: '',
    clock: { stageSince: input.startedAt, stageMs: { apologize: 0, listen: 0, diagnose: 0, assist: 0, offer: 0 }, outcomeAt: null },
  };
}

const stageIndex = (s: Stage) => STAGES.indexOf(s);

export function isReasonConfirmed(s: CallState): boolean {
  return s.diagnose.confirmed && s.diagnose.primaryReasonId !== null;
}

export function isAssistRecorded(s: CallState): boolean {
  return s.assist.actions.length > 0 || s.assist.note.trim() !== '';
}

/** The Offer stage opens after a confirmed reason and a recorded assist, or with a reason to skip them. */
export function isOfferOpen(s: CallState): boolean {
  return (isReasonConfirmed(s) && isAssistRecorded(s)) || s.offer.skippedBecause.trim() !== '';
}

/**
 * Why a move or the completion is refused, as data: the window says it in the person's language
 * (`call.problems.*`), the core and the tests in English (`problemInEnglish`).
 */
export type CallProblem =
  | { code: 'offer_closed'; reason: boolean; assist: boolean }
  | { code: 'go_through_first'; stage: Stage }
  | { code: 'last_stage' }
  | { code: 'first_stage' }
  | { code: 'outcome_needs_offer'; outcome: Outcome; closed: CallProblem | null }
  | { code: 'choose_outcome' }
  | { code: 'reactivation_missing' }
  | { code: 'reactivation_invalid' }
  | { code: 'reactivation_past' }
  | { code: 'callback_missing' }
  | { code: 'callback_invalid' }
  | { code: 'confirmed_without_reason' }
  | { code: 'others_without_primary' };

export function problemInEnglish(p: CallProblem): string {
  switch (p.code) {
    case 'offer_closed': {
      const missing = [p.reason ? 'the customer has confirmed the reason' : null, p.assist ? 'Assist is recorded' : null].filter(Boolean);
      return `The Offer stage opens once ${missing.join(' and ')}, or when you record why you skip them.`;
    }
    case 'go_through_first':
      return `Go through ${STAGE_LABELS[p.stage]} first.`;
    case 'last_stage':
      return 'Offer is the last stage: record the outcome and complete the call.';
    case 'first_stage':
      return 'Apologize is the first stage.';
    case 'outcome_needs_offer':
      return `${OUTCOME_LABELS[p.outcome]} needs the Offer stage. ${p.closed ? problemInEnglish(p.closed) : ''}`.trim();
    case 'choose_outcome':
      return 'Choose an outcome.';
    case 'reactivation_missing':
      return 'Considering needs the end of the reactivation period.';
    case 'reactivation_invalid':
      return 'The end of the reactivation period is not a real date.';
    case 'reactivation_past':
      return 'The end of the reactivation period is in the past.';
    case 'callback_missing':
      return "Callback needs a date and time in the customer's local time.";
    case 'callback_invalid':
      return 'The callback time is not a real date and time.';
    case 'confirmed_without_reason':
      return 'Choose the specific reason the customer confirmed.';
    case 'others_without_primary':
      return 'Choose the primary reason before other reasons.';
  }
}

/** The same as `problemInEnglish`, by key (`call.problems.*`): the core sends it for the person's language. */
export function problemSaid(p: CallProblem): Said {
  switch (p.code) {
    case 'offer_closed':
      if (p.reason && p.assist) return said('call.problems.offerClosedReasonAssist');
      return said(p.reason ? 'call.problems.offerClosedReason' : 'call.problems.offerClosedAssist');
    case 'go_through_first':
      return said('call.problems.goThroughFirst', { stage: said(`call.stages.${p.stage}`) });
    case 'outcome_needs_offer':
      return said('call.problems.needsOffer', { outcome: said(`call.outcomes.${p.outcome}`), why: p.closed ? problemSaid(p.closed) : '' });
    default:
      return said(PROBLEM_KEYS[p.code]);
  }
}

const PROBLEM_KEYS: Record<Exclude<CallProblem['code'], 'offer_closed' | 'go_through_first' | 'outcome_needs_offer'>, string> = {
  last_stage: 'call.problems.lastStage',
  first_stage: 'call.problems.firstStage',
  choose_outcome: 'call.problems.chooseOutcome',
  reactivation_missing: 'call.problems.reactivationMissing',
  reactivation_invalid: 'call.problems.reactivationInvalid',
  reactivation_past: 'call.problems.reactivationPast',
  callback_missing: 'call.problems.callbackMissing',
  callback_invalid: 'call.problems.callbackInvalid',
  confirmed_without_reason: 'call.problems.confirmedWithoutReason',
  others_without_primary: 'call.problems.othersWithoutPrimary',
};

/** Why the Offer stage is closed; null when it is open. */
export function offerClosedProblem(s: CallState): CallProblem | null {
  if (isOfferOpen(s)) return null;
  return { code: 'offer_closed', reason: !isReasonConfirmed(s), assist: !isAssistRecorded(s) };
}

/** Why the Offer stage is closed, in words for the agent; null when it is open. */
export function offerClosedBecause(s: CallState): string | null {
  const problem = offerClosedProblem(s);
  return problem ? problemInEnglish(problem) : null;
}

const refused = (problem: CallProblem) => ({ ok: false as const, why: problemInEnglish(problem), problem });

export type Move = { ok: true; state: CallState } | { ok: false; why: string; problem: CallProblem };

/** Whether a stage can be entered now: earlier and already reached stages always; Offer only when open. */
export function canEnter(s: CallState, target: Stage): { ok: true } | { ok: false; why: string; problem: CallProblem } {
  const t = stageIndex(target);
  // With a recorded reason to skip, the agent goes straight to the offer: the customer asked for it.
  if (target === 'offer' && s.offer.skippedBecause.trim() !== '') return { ok: true };
  const furthest = Math.max(stageIndex(s.reached), stageIndex(s.stage));
  if (t > furthest + 1) {
    return refused({ code: 'go_through_first', stage: STAGES[furthest + 1] ?? target });
  }
  if (target === 'offer') {
    const closed = offerClosedProblem(s);
    if (closed) return refused(closed);
  }
  return { ok: true };
}

export function goToStage(s: CallState, target: Stage): Move {
  const check = canEnter(s, target);
  if (!check.ok) return check;
  const reached = stageIndex(target) > stageIndex(s.reached) ? target : s.reached;
  const visited = STAGES.filter((x) => x === target || s.visited.includes(x));
  return { ok: true, state: { ...s, stage: target, reached, visited } };
}

export function nextStage(s: CallState): Move {
  const next = STAGES[stageIndex(s.stage) + 1];
  if (!next) return refused({ code: 'last_stage' });
  return goToStage(s, next);
}

export function previousStage(s: CallState): Move {
  const prev = STAGES[stageIndex(s.stage) - 1];
  if (!prev) return refused({ code: 'first_stage' });
  return goToStage(s, prev);
}

/**
 * Choosing a different primary reason takes the confirmation back: the customer confirmed the
 * reason that was read back to them, not this one. The primary is never also an "other" reason.
 */
export function choosePrimaryReason(s: CallState, categoryId: string | null, reasonId: string | null): CallState {
  const changed = reasonId !== s.diagnose.primaryReasonId;
  return {
    ...s,
    diagnose: {
      ...s.diagnose,
      categoryId,
      primaryReasonId: reasonId,
      otherReasonIds: s.diagnose.otherReasonIds.filter((r) => r !== reasonId),
      confirmed: changed ? false : s.diagnose.confirmed,
    },
  };
}

export function setConfirmed(s: CallState, confirmed: boolean): CallState {
  if (confirmed && s.diagnose.primaryReasonId === null) return s;
  return { ...s, diagnose: { ...s.diagnose, confirmed } };
}

export function toggleOtherReason(s: CallState, reasonId: string): CallState {
  if (reasonId === s.diagnose.primaryReasonId) return s;
  const has = s.diagnose.otherReasonIds.includes(reasonId);
  return {
    ...s,
    diagnose: {
      ...s.diagnose,
      otherReasonIds: has ? s.diagnose.otherReasonIds.filter((r) => r !== reasonId) : [...s.diagnose.otherReasonIds, reasonId],
    },
  };
}

export function toggleAssistAction(s: CallState, action: AssistAction): CallState {
  const has = s.assist.actions.includes(action);
  const actions = has ? s.assist.actions.filter((a) => a !== action) : ASSIST_ACTIONS.filter((a) => a === action || s.assist.actions.includes(a));
  return { ...s, assist: { ...s.assist, actions } };
}

export function setOfferAnswer(s: CallState, offerId: string, answer: OfferAnswer): CallState {
  const rest = s.offer.answers.filter((a) => a.offerId !== offerId);
  return { ...s, offer: { ...s.offer, answers: [...rest, { offerId, answer }] } };
}

export function answerFor(s: CallState, offerId: string): OfferAnswer {
  return s.offer.answers.find((a) => a.offerId === offerId)?.answer ?? 'not_offered';
}

/**
 * No answer and Wrong number end a call at any stage. Callback and Do not contact are the
 * customer's own request and are honoured at any stage too. Recovered, Considering and Declined
 * are answers to the way back, so they need the Offer stage open.
 */
export function outcomeAllowed(s: CallState, outcome: Outcome): { ok: true } | { ok: false; why: string; problem: CallProblem } {
  if (EARLY_OUTCOMES.includes(outcome) || outcome === 'callback' || outcome === 'do_not_contact') return { ok: true };
  if (isOfferOpen(s)) return { ok: true };
  return refused({ code: 'outcome_needs_offer', outcome, closed: offerClosedProblem(s) });
}

export function setOutcome(s: CallState, outcome: Outcome | null): Move {
  if (outcome !== null) {
    const allowed = outcomeAllowed(s, outcome);
    if (!allowed.ok) return allowed;
  }
  return { ok: true, state: { ...s, outcome } };
}

/** Everything that stops the call from being completed, as data; [] when it can be. */
export function completionProblemList(s: CallState, today: string): CallProblem[] {
  const problems: CallProblem[] = [];
  if (s.outcome === null) {
    problems.push({ code: 'choose_outcome' });
    return problems;
  }
  const allowed = outcomeAllowed(s, s.outcome);
  if (!allowed.ok) problems.push(allowed.problem);
  if (s.outcome === 'considering') {
    if (!s.reactivationUntil) problems.push({ code: 'reactivation_missing' });
    else if (!isValidLocalDate(s.reactivationUntil)) problems.push({ code: 'reactivation_invalid' });
    else if (s.reactivationUntil < today) problems.push({ code: 'reactivation_past' });
  }
  if (s.outcome === 'callback') {
    if (!s.callbackLocal) problems.push({ code: 'callback_missing' });
    else if (!isValidLocalDateTime(s.callbackLocal)) problems.push({ code: 'callback_invalid' });
  }
  if (s.diagnose.confirmed && s.diagnose.primaryReasonId === null) problems.push({ code: 'confirmed_without_reason' });
  if (s.diagnose.primaryReasonId === null && s.diagnose.otherReasonIds.length > 0) problems.push({ code: 'others_without_primary' });
  return problems;
}

/** Everything that stops the call from being completed, each in words for the agent; [] when it can be. */
export function completionProblems(s: CallState, today: string): string[] {
  return completionProblemList(s, today).map(problemInEnglish);
}

/** What is saved for each stage: the stages the agent opened, or that hold something the agent wrote. */
export function stagesToRecord(s: CallState): Stage[] {
  return STAGES.filter((stage) => {
    if (s.visited.includes(stage)) return true;
    switch (stage) {
      case 'apologize':
        return s.apologize.note.trim() !== '';
      case 'listen':
        return s.listen.words.trim() !== '';
      case 'diagnose':
        return s.diagnose.primaryReasonId !== null || s.diagnose.note.trim() !== '';
      case 'assist':
        return isAssistRecorded(s);
      case 'offer':
        return s.offer.answers.length > 0 || s.offer.note.trim() !== '';
    }
  });
}
