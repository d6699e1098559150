import type { CallDetail } from '../../../shared/api/call';
import { ASSIST_ACTIONS, OFFER_ANSWER_LABELS, type OfferAnswer } from '../../../shared/domain/callMachine';
import { OUTCOME_LABELS, type Outcome } from '../../../shared/domain/outcomes';
import type { Db } from '../../../db/open';
import { callerNameOf, getCallRow, listCallOffers, listCallReasons, listCallStages, listFeedbackOfCall } from '../../../db/repos/calls';
import { getCustomerRow } from '../../../db/repos/customers';
import { listAmendments } from '../../../db/repos/amendments';
import { listReasons } from '../../../db/repos/reasons';
import { listOffers } from '../../../db/repos/offers';
import { appError } from '../i18n/errors';

/** The fields an amendment can change, as stored in its old and new JSON. */
export interface AmendedValues {
  outcome?: Outcome;
  reactivationUntil?: string | null;
  callbackLocal?: string | null;
  reasons?: { reasonId: string; primary: boolean }[];
  offers?: { offerId: string; answer: OfferAnswer | null }[];
}

const dash = (v: string | null | undefined) => (v ? v : '—');

/** An amendment in words, one line per changed field, for the person reading the call later. */
export function describeChanges(
  before: AmendedValues,
  after: AmendedValues,
  names: { reasons: Map<string, string>; offers: Map<string, string> },
): string[] {
  const lines: string[] = [];
  if (after.outcome !== undefined && before.outcome !== undefined) {
    lines.push(`Outcome: ${OUTCOME_LABELS[before.outcome]} → ${OUTCOME_LABELS[after.outcome]}`);
  }
  if (after.reactivationUntil !== undefined) lines.push(`End of reactivation period: ${dash(before.reactivationUntil)} → ${dash(after.reactivationUntil)}`);
  if (after.callbackLocal !== undefined) {
    lines.push(`Callback (customer's time): ${dash(before.callbackLocal?.replace('T', ' '))} → ${dash(after.callbackLocal?.replace('T', ' '))}`);
  }
  if (after.reasons !== undefined) {
    const list = (rs: AmendedValues['reasons']) =>
      (rs ?? []).length === 0 ? 'none' : (rs ?? []).map((r) => `${names.reasons.get(r.reasonId) ?? r.reasonId}${r.primary ? ' (primary)' : ''}`).join(', ');
    lines.push(`Reasons: ${list(before.reasons)} → ${list(after.reasons)}`);
  }
  for (const o of after.offers ?? []) {
    const was = before.offers?.find((b) => b.offerId === o.offerId)?.answer ?? null;
    const label = (a: OfferAnswer | null) => (a === null ? 'not recorded' : OFFER_ANSWER_LABELS[a]);
    lines.push(`Offer "${names.offers.get(o.offerId) ?? o.offerId}": ${label(was)} → ${label(o.answer)}`);
  }
  return lines;
}

export function getCallDetail(db: Db, callId: string): CallDetail {
  const call = getCallRow(db, callId);
  if (!call) throw appError('not_found', 'call.notFound', { id: callId });
  const reasonNames = new Map(listReasons(db).map((r) => [r.id, r.name]));
  const offerNames = new Map(listOffers(db).map((o) => [o.id, o.name]));
  return {
    id: call.id,
    customerId: call.customer_id,
    customerName: getCustomerRow(db, call.customer_id)?.name ?? null,
    caller: callerNameOf(db, call.caller_id) ?? 'unknown',
    callerRole: call.caller_role,
    startedAt: call.started_at,
    completedAt: call.completed_at,
    outcome: call.outcome,
    callbackAt: call.callback_at,
    callbackLocal: call.callback_local,
    reactivationUntil: call.reactivation_until,
    customerWords: call.customer_words,
    reasonConfirmed: call.reason_confirmed === 1,
    offerSkippedBecause: call.offer_skipped_because,
    summary: call.summary,
    stages: listCallStages(db, callId).map((s) => {
      let actions: unknown = [];
      try {
        actions = (JSON.parse(s.detail) as { actions?: unknown }).actions ?? [];
      } catch {
        actions = [];
      }
      return {
        stage: s.stage,
        note: s.note,
        assistActions: Array.isArray(actions) ? ASSIST_ACTIONS.filter((a) => (actions as unknown[]).includes(a)) : [],
      };
    }),
    reasons: listCallReasons(db, callId).map((r) => ({
      reasonId: r.reason_id,
      name: r.name,
      categoryId: r.category_id,
      category: r.category_name,
      primary: r.is_primary === 1,
    })),
    offers: listCallOffers(db, callId).map((o) => ({ offerId: o.offer_id, name: o.name, answer: o.answer, code: o.code })),
    feedback: listFeedbackOfCall(db, callId).map((f) => ({ id: f.id, text: f.text, rep: f.frontline_rep, team: f.frontline_team })),
    amendments: listAmendments(db, callId).map((a) => ({
      id: a.id,
      at: a.amended_at,
      by: a.amended_by_name,
      note: a.note,
      changes: describeChanges(JSON.parse(a.old_values) as AmendedValues, JSON.parse(a.new_values) as AmendedValues, {
        reasons: reasonNames,
        offers: offerNames,
      }),
    })),
  };
}
