import { randomUUID } from 'node:crypto';
import { recordDoNotContact } from '../permissions/ledger';
import type { CallDetail } from '../../../shared/api/call';
import type { Person } from '../../../shared/api/session';
import type { OfferAnswer } from '../../../shared/domain/callMachine';
import { isValidLocalDate, isValidLocalDateTime } from '../../../shared/domain/localTime';
import type { Outcome } from '../../../shared/domain/outcomes';
import { getCustomerRow } from '../../../db/repos/customers';
import {
  correctCustomerOutcome,
  deleteCallReasons,
  getCallRow,
  insertCallReason,
  latestCallIdOfCustomer,
  listCallOffers,
  listCallReasons,
  markDoNotContact,
  updateCallOutcome,
  upsertCallOffer,
} from '../../../db/repos/calls';
import { insertAmendment } from '../../../db/repos/amendments';
import { getReason } from '../../../db/repos/reasons';
import { getOffer } from '../../../db/repos/offers';
import { enqueueEvent } from '../../../db/repos/outbox';
import { audit } from '../../../db/repos/audit';
import type { ServiceDeps } from '../types';
import { customerTimeZone } from '../customers/timeZone';
import { callbackInstant, factsOfOutcome, offerCodeFor } from './outcomeRules';
import { getCallDetail, type AmendedValues } from './detail';
import { enrolOnRecovery, withdrawRecovery } from '../care/enrol';
import { offerAnswersForHub } from '../../../db/repos/offerDefinitions';
import { appError, appErrorSaying } from '../i18n/errors';

export interface AmendInput {
  callId: string;
  note: string;
  outcome?: Outcome | undefined;
  reactivationUntil?: string | null | undefined;
  callbackLocal?: string | null | undefined;
  reasons?: { reasonId: string; primary: boolean }[] | undefined;
  offers?: { offerId: string; answer: OfferAnswer }[] | undefined;
}

const reasonKey = (rs: { reasonId: string; primary: boolean }[]) =>
  rs
    .map((r) => `${r.reasonId}:${r.primary ? 1 : 0}`)
    .sort()
    .join('|');

/**
 * Corrects a completed call. Nothing is edited silently: the old and new values, who and when and
 * why are kept as an amendment, the corrected values are written to the call's own rows so every
 * report reads them, and a `call.amended` event tells the hub. One transaction.
 */
export function amendCall(deps: ServiceDeps, person: Person, input: AmendInput): CallDetail {
  const { db } = deps;
  const call = getCallRow(db, input.callId);
  if (!call) throw appError('not_found', 'call.notFound', { id: input.callId });
  if (person.role !== 'manager' && person.id !== call.caller_id) {
    throw appError('forbidden', 'call.amend.notYours');
  }
  const customer = getCustomerRow(db, call.customer_id);
  if (!customer) throw appError('not_found', 'customer.notFound', { id: String(call.customer_id) });
  const nowIso = deps.now().toISOString();

  const before: AmendedValues = {};
  const after: AmendedValues = {};

  const outcome = input.outcome ?? call.outcome;
  const { reactivationUntil, callbackLocal } = factsOfOutcome(outcome, {
    reactivationUntil: input.reactivationUntil !== undefined ? input.reactivationUntil : call.reactivation_until,
    callbackLocal: input.callbackLocal !== undefined ? input.callbackLocal : call.callback_local,
  });
  if (outcome === 'considering' && (!reactivationUntil || !isValidLocalDate(reactivationUntil))) {
    throw appError('invalid_input', 'call.amend.consideringDate');
  }
  let callbackAt: string | null = null;
  if (outcome === 'callback') {
    if (!callbackLocal || !isValidLocalDateTime(callbackLocal)) {
      throw appError('invalid_input', 'call.amend.callbackTime');
    }
    // No bound: a correction restates the time agreed on the call, which may have passed since.
    const at = callbackInstant(callbackLocal, customerTimeZone(customer.timezone));
    if (!at.ok) throw appErrorSaying('invalid_input', at.why);
    callbackAt = at.iso;
  }
  if (outcome !== call.outcome) {
    before.outcome = call.outcome;
    after.outcome = outcome;
  }
  if (reactivationUntil !== call.reactivation_until) {
    before.reactivationUntil = call.reactivation_until;
    after.reactivationUntil = reactivationUntil;
  }
  if (callbackLocal !== call.callback_local) {
    before.callbackLocal = call.callback_local;
    after.callbackLocal = callbackLocal;
  }

  const currentReasons = listCallReasons(db, call.id).map((r) => ({ reasonId: r.reason_id, primary: r.is_primary === 1 }));
  const newReasons = input.reasons;
  const reasonCategories = new Map(listCallReasons(db, call.id).map((r) => [r.reason_id, r.category_id]));
  if (newReasons !== undefined) {
    if (new Set(newReasons.map((r) => r.reasonId)).size !== newReasons.length) throw appError('invalid_input', 'call.amend.reasonTwice');
    if (newReasons.length > 0 && newReasons.filter((r) => r.primary).length !== 1) {
      throw appError('invalid_input', 'call.amend.onePrimary');
    }
    for (const r of newReasons) {
      const reason = getReason(db, r.reasonId);
      if (!reason) throw appError('invalid_input', 'taxonomy.unknownReason', { id: r.reasonId });
      reasonCategories.set(reason.id, reason.category_id);
    }
    if (reasonKey(newReasons) !== reasonKey(currentReasons)) {
      before.reasons = currentReasons;
      after.reasons = [...newReasons].sort((a, b) => Number(b.primary) - Number(a.primary));
    }
  }

  const currentOffers = listCallOffers(db, call.id);
  const changedOffers: { offerId: string; answer: OfferAnswer; generatesCode: boolean }[] = [];
  for (const o of input.offers ?? []) {
    const offer = getOffer(db, o.offerId);
    if (!offer) throw appError('invalid_input', 'playbook.unknownOffer', { id: o.offerId });
    const was = currentOffers.find((c) => c.offer_id === o.offerId)?.answer ?? null;
    if (was !== o.answer) changedOffers.push({ ...o, generatesCode: offer.generates_code === 1 });
  }
  if (changedOffers.length > 0) {
    before.offers = changedOffers.map((o) => ({ offerId: o.offerId, answer: currentOffers.find((c) => c.offer_id === o.offerId)?.answer ?? null }));
    after.offers = changedOffers.map((o) => ({ offerId: o.offerId, answer: o.answer }));
  }

  if (Object.keys(after).length === 0) {
    throw appError('invalid_input', 'call.amend.nothingChanged');
  }

  const amendmentId = randomUUID();
  db.transaction(() => {
    updateCallOutcome(db, call.id, { outcome, callbackAt, callbackLocal, reactivationUntil });
    if (after.reasons !== undefined) {
      deleteCallReasons(db, call.id);
      for (const r of after.reasons) insertCallReason(db, call.id, r.reasonId, r.primary);
    }
    for (const o of changedOffers) {
      upsertCallOffer(db, call.id, o.offerId, o.answer, offerCodeFor(db, o.generatesCode, o.answer));
    }
    insertAmendment(db, { id: amendmentId, callId: call.id, amendedAt: nowIso, amendedBy: person.id, note: input.note, oldValues: before, newValues: after });

    // Do not contact is never lifted by a correction: a manager lifts it on purpose, not as a side effect.
    const doNotContact = customer.do_not_contact === 1 || outcome === 'do_not_contact';
    if (latestCallIdOfCustomer(db, customer.id) === call.id) {
      correctCustomerOutcome(db, customer.id, { outcome, callbackAt, doNotContact, now: nowIso });
    } else if (outcome === 'do_not_contact') {
      markDoNotContact(db, customer.id, nowIso);
    }
    if (outcome === 'do_not_contact' && before.outcome !== 'do_not_contact') recordDoNotContact(db, person, customer, new Date(nowIso));

    // Intensive care follows the corrected outcome: a recovery taken back ends the follow-up, a recovery given enrols.
    if (after.outcome === 'recovered') {
      enrolOnRecovery(db, { customerId: customer.id, callId: call.id, ownerId: call.caller_id, recoveredAt: new Date(call.completed_at), now: nowIso });
    } else if (before.outcome === 'recovered') {
      withdrawRecovery(db, call.id, { now: nowIso, actorId: person.id });
    }

    enqueueEvent(
      db,
      'call.amended',
      {
        callId: call.id,
        amendedAt: nowIso,
        amendedBy: person.id,
        ...(after.outcome !== undefined ? { outcome: after.outcome } : {}),
        ...(after.reasons !== undefined
          ? { diagnosedReasons: after.reasons.map((r) => ({ reasonId: r.reasonId, categoryId: reasonCategories.get(r.reasonId) ?? '', primary: r.primary })) }
          : {}),
        ...(changedOffers.length > 0
          ? { offers: offerAnswersForHub(db, listCallOffers(db, call.id).map((o) => ({ offerId: o.offer_id, answer: o.answer }))) }
          : {}),
        note: input.note.slice(0, 10_000),
      },
      nowIso,
    );
    audit(db, { at: nowIso, actorId: person.id, action: 'call.amend', entity: 'call', entityId: call.id, detail: { fields: Object.keys(after) } });
  })();
  return getCallDetail(db, call.id);
}
