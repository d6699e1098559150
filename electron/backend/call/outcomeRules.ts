import type { OfferAnswer } from '../../../shared/domain/callMachine';
import { localToUtc } from '../../../shared/domain/localTime';
import type { Outcome } from '../../../shared/domain/outcomes';
import type { Db } from '../../../db/open';
import { newOfferCode } from './codes';
import { said, type Said } from '../../../shared/i18n/said';

/**
 * The rules an outcome follows, the same whether a call is completed or corrected afterwards
 * (complete.ts, amend.ts), so a correction can never record what a completion would refuse.
 */

/** Answers that give the customer something to come back with; they get a code where the offer has one. */
const CODE_ANSWERS: readonly OfferAnswer[] = ['accepted', 'considering'];

/** A new single-use code when the offer hands one out and the answer takes it; otherwise none. */
export function offerCodeFor(db: Db, generatesCode: boolean, answer: OfferAnswer): string | null {
  return generatesCode && CODE_ANSWERS.includes(answer) ? newOfferCode(db) : null;
}

/** The facts that belong to an outcome: a callback time only for Callback, a reactivation period only for Considering. */
export function factsOfOutcome(
  outcome: Outcome,
  facts: { callbackLocal: string | null; reactivationUntil: string | null },
): { callbackLocal: string | null; reactivationUntil: string | null } {
  return {
    callbackLocal: outcome === 'callback' ? facts.callbackLocal : null,
    reactivationUntil: outcome === 'considering' ? facts.reactivationUntil : null,
  };
}

/**
 * The instant of a callback agreed in the customer's local time. A call being completed must book a
 * time still ahead (`notAfter`: now); a correction of an earlier call passes no bound, because it
 * restates what was agreed then, which may well have passed by the time someone corrects it.
 */
export function callbackInstant(
  callbackLocal: string,
  timeZone: string,
  notAfter?: string,
): { ok: true; iso: string } | { ok: false; why: Said } {
  const at = localToUtc(callbackLocal, timeZone);
  if (!at.ok) return at;
  if (notAfter !== undefined && at.iso <= notAfter) {
    return { ok: false, why: said('errors.call.callbackPassed', { zone: timeZone }) };
  }
  return at;
}
