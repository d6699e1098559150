import { randomUUID } from 'node:crypto';
import { recordDoNotContact } from '../permissions/ledger';
import { said, type Said } from '../../../shared/i18n/said';
import type { CompletedCall } from '../../../shared/api/call';
import type { Person } from '../../../shared/api/session';
import {
  callTimings,
  completionProblemList,
  problemSaid,
  isOfferOpen,
  isReasonConfirmed,
  stagesToRecord,
  type CallState,
  type OfferAnswer,
} from '../../../shared/domain/callMachine';
import { isValidLocalDateTime, todayIn } from '../../../shared/domain/localTime';
import { proposeOffers } from '../../../shared/domain/offers';
import type { Stage } from '../../../shared/domain/stages';
import type { Db } from '../../../db/open';
import { getCustomerRow } from '../../../db/repos/customers';
import {
  applyCallToCustomer,
  customerCycleId,
  getCallRow,
  insertCall,
  insertCallFeedback,
  insertCallReason,
  insertCallStages,
  listCallOffers,
  upsertCallOffer,
  type CallRow,
} from '../../../db/repos/calls';
import { deleteDraftOfCall } from '../../../db/repos/drafts';
import { releaseLease } from '../../../db/repos/callLeases';
import { getReason, type ReasonRow } from '../../../db/repos/reasons';
import { listOffers, type OfferRow } from '../../../db/repos/offers';
import { enqueueEvent } from '../../../db/repos/outbox';
import { insertCallTimings } from '../../../db/repos/callTimings';
import type { ServiceDeps } from '../types';
import { activeRules, toRuleDef } from '../playbook/offers';
import { rulesForCustomer } from '../effect/experiments';
import { customerTimeZone, recordZone } from '../customers/timeZone';
import { callbackInstant, factsOfOutcome, offerCodeFor } from './outcomeRules';
import { enrolOnRecovery } from '../care/enrol';
import { admitAttempt, scheduleRetry } from './contactRules';
import { offerAnswersForHub } from '../../../db/repos/offerDefinitions';
import { appError, appErrorSaying } from '../i18n/errors';

const clip = (s: string | null, max: number) => (s === null ? null : s.slice(0, max));
const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

const codesOf = (db: Db, callId: string): CompletedCall['codes'] =>
  listCallOffers(db, callId)
    .filter((o) => o.code !== null)
    .map((o) => ({ offerId: o.offer_id, offerName: o.name, code: o.code ?? '' }));

function resultOf(db: Db, call: CallRow): CompletedCall {
  return { callId: call.id, customerId: call.customer_id, outcome: call.outcome, callbackAt: call.callback_at, codes: codesOf(db, call.id) };
}

function stageRecord(s: CallState, stage: Stage): { note: string; detail: unknown } {
  switch (stage) {
    case 'apologize':
      return { note: s.apologize.note, detail: {} };
    case 'listen':
      // The words themselves are the call's customer_words; the stage row records that it was reached.
      return { note: '', detail: {} };
    case 'diagnose':
      return { note: s.diagnose.note, detail: { categoryId: s.diagnose.categoryId, confirmed: s.diagnose.confirmed } };
    case 'assist':
      return { note: s.assist.note, detail: { actions: s.assist.actions } };
    case 'offer':
      return { note: s.offer.note, detail: { skippedBecause: blankToNull(s.offer.skippedBecause) } };
  }
}

/**
 * Completes a call in one transaction: the call, its stages, reasons, offers (with single-use codes),
 * feedback, the customer's attempts and outcome, the draft's removal, and the outbox events.
 * Either all of it is saved or none of it. Completing the same call again returns the saved result.
 *
 * The transaction takes the write lock before its first read (immediate), so the check that the
 * call is not saved yet and the writes that save it cannot be split by a second window or process
 * completing the same call.
 */
export function completeCall(deps: ServiceDeps, caller: Person, state: CallState): CompletedCall {
  const { call, saved } = deps.db.transaction(() => saveCompletion(deps, caller, state)).immediate();
  if (saved) deps.log.info('call completed', { callId: call.callId, customerId: call.customerId, outcome: call.outcome });
  return call;
}

function saveCompletion(deps: ServiceDeps, caller: Person, state: CallState): { call: CompletedCall; saved: boolean } {
  const { db } = deps;
  const existing = getCallRow(db, state.callId);
  if (existing) {
    if (existing.customer_id !== state.customerId) throw appError('conflict', 'call.idTaken');
    return { call: resultOf(db, existing), saved: false };
  }
  const customer = getCustomerRow(db, state.customerId);
  if (!customer) throw appError('not_found', 'customer.notFound', { id: String(state.customerId) });
  admitAttempt(deps, customer, state);

  const now = deps.now();
  const nowIso = now.toISOString();
  const timeZone = customerTimeZone(recordZone(customer));
  const problems: Said[] = completionProblemList(state, todayIn(now, timeZone)).map(problemSaid);

  const reasonIds = [state.diagnose.primaryReasonId, ...state.diagnose.otherReasonIds].filter((r): r is string => r !== null);
  const reasons: ReasonRow[] = [];
  for (const id of new Set(reasonIds)) {
    const reason = getReason(db, id);
    if (!reason) throw appError('invalid_input', 'taxonomy.unknownReason', { id });
    reasons.push(reason);
  }
  const offerRows = listOffers(db);
  const offers = new Map<string, OfferRow>(offerRows.map((o) => [o.id, o]));
  for (const a of state.offer.answers) {
    if (!offers.has(a.offerId)) throw appError('invalid_input', 'playbook.unknownOffer', { id: a.offerId });
  }

  let callbackAt: string | null = null;
  if (state.outcome === 'callback' && state.callbackLocal && isValidLocalDateTime(state.callbackLocal)) {
    const at = callbackInstant(state.callbackLocal, timeZone, nowIso);
    if (at.ok) callbackAt = at.iso;
    else problems.push(at.why);
  }
  const outcome = state.outcome;
  if (problems.length > 0 || outcome === null) {
    const [only] = problems;
    throw appErrorSaying('invalid_input', problems.length > 1 ? said('errors.call.problems', { problems: { list: problems, join: 'sentences' } }) : (only ?? said('call.problems.chooseOutcome')));
  }

  // Offers the playbook proposed but the agent did not make are kept as "not offered": reports
  // compare what was proposed with what was made.
  const answers = new Map<string, OfferAnswer>(state.offer.answers.map((a) => [a.offerId, a.answer]));
  const primary = reasons[0];
  if (isOfferOpen(state)) {
    const proposed = proposeOffers(rulesForCustomer(db, activeRules(db, offerRows), customer.external_id).map(toRuleDef), {
      categoryId: primary?.category_id ?? null,
      reasonId: primary?.id ?? null,
      otherReasons: reasons.slice(1).map((r) => ({ categoryId: r.category_id, reasonId: r.id })),
      product: customer.product,
      segment: customer.segment,
      monthlyRevenue: customer.monthly_revenue,
    });
    for (const p of proposed) if (!answers.has(p.offerId)) answers.set(p.offerId, 'not_offered');
  }

  const feedbackText = state.feedback.text.trim();
  const feedbackId = randomUUID();
  const callerRole = caller.role;

  db.transaction(() => {
    insertCall(db, {
      id: state.callId,
      customerId: customer.id,
      callerId: caller.id,
      callerRole,
      cycleId: customerCycleId(db, customer.id),
      startedAt: state.startedAt,
      completedAt: nowIso,
      outcome,
      callbackAt,
      ...factsOfOutcome(outcome, { callbackLocal: state.callbackLocal, reactivationUntil: state.reactivationUntil }),
      customerWords: state.listen.words,
      reasonConfirmed: isReasonConfirmed(state),
      offerSkippedBecause: blankToNull(state.offer.skippedBecause),
      summary: state.summary.trim(),
    });
    insertCallStages(db, state.callId, stagesToRecord(state).map((stage) => ({ stage, ...stageRecord(state, stage) })));
    reasons.forEach((r, i) => insertCallReason(db, state.callId, r.id, i === 0 && r.id === state.diagnose.primaryReasonId));
    for (const [offerId, answer] of answers) {
      const offer = offers.get(offerId);
      upsertCallOffer(db, state.callId, offerId, answer, offerCodeFor(db, offer?.generates_code === 1, answer));
    }
    if (feedbackText !== '') {
      insertCallFeedback(db, {
        id: feedbackId,
        callId: state.callId,
        customerId: customer.id,
        rep: blankToNull(state.feedback.rep),
        team: blankToNull(state.feedback.team),
        text: feedbackText,
        createdAt: nowIso,
      });
    }
    applyCallToCustomer(db, customer.id, { outcome, callbackAt, now: nowIso });
    // The customer's own word goes on the ledger with the call, and reaches every desk through the hub.
    if (outcome === 'do_not_contact') recordDoNotContact(db, caller, customer, now);
    scheduleRetry(db, customer.id, outcome, customer.attempts + 1, nowIso);
    // A recovered customer is followed from this moment: in intensive care, owned by whoever won them back.
    if (outcome === 'recovered') enrolOnRecovery(db, { customerId: customer.id, callId: state.callId, ownerId: caller.id, recoveredAt: now, now: nowIso });
    deleteDraftOfCall(db, customer.id, state.callId);
    releaseLease(db, customer.id, { personId: caller.id, callId: state.callId });
    const timings = callTimings(state, nowIso);
    if (timings) insertCallTimings(db, state.callId, timings);

    enqueueEvent(
      db,
      'call.completed',
      {
        callId: state.callId,
        externalId: customer.external_id,
        cycle: clip(customer.cycle_name, 100),
        cycleId: customerCycleId(db, customer.id),
        completedAt: nowIso,
        callerId: caller.id,
        // The caller's name, for the hub's per-agent figures; customer names never leave the desk.
        callerName: clip(caller.name, 200) ?? '',
        callerRole,
        outcome,
        reasonConfirmed: isReasonConfirmed(state),
        diagnosedReasons: reasons.map((r, i) => ({ reasonId: r.id, categoryId: r.category_id, primary: i === 0 && r.id === state.diagnose.primaryReasonId })),
        offers: offerAnswersForHub(db, [...answers].map(([offerId, answer]) => ({ offerId, answer }))),
        monthlyRevenue: customer.monthly_revenue,
        segment: clip(customer.segment, 200),
        product: clip(customer.product, 200),
        statedReasonId: customer.stated_reason_id,
        frontlineTeam: clip(customer.frontline_team, 200),
        timings,
      },
      nowIso,
    );
    if (feedbackText !== '') {
      enqueueEvent(
        db,
        'feedback.recorded',
        {
          feedbackId,
          callId: state.callId,
          frontlineRep: clip(blankToNull(state.feedback.rep), 200),
          frontlineTeam: clip(blankToNull(state.feedback.team), 200),
          reasonId: primary && primary.id === state.diagnose.primaryReasonId ? primary.id : null,
          text: feedbackText.slice(0, 10_000),
          status: 'new',
        },
        nowIso,
      );
    }
  })();

  // What was just written, without reading the call back; the codes as resultOf lists them.
  return { call: { callId: state.callId, customerId: customer.id, outcome, callbackAt, codes: codesOf(db, state.callId) }, saved: true };
}
