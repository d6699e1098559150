import { AppError } from '../../../shared/api/result';
import { customerBlock } from '../permissions/ledger';
import { relationshipCutoff } from '../../../db/repos/permissions';
import { blockedLabel } from '../../../shared/domain/permissions';
import type { Person } from '../../../shared/api/session';
import type { CallState } from '../../../shared/domain/callMachine';
import { retryWaitMinutes, type ContactPolicy } from '../../../shared/domain/contactPolicy';
import type { Outcome } from '../../../shared/domain/outcomes';
import { callabilityAcross, parseZoneCandidates, type ZoneCallability } from '../../../shared/domain/zoneCallability';
import { utcToLocal } from '../../../shared/domain/localTime';
import type { Db } from '../../../db/open';
import type { CustomerRow } from '../../../db/repos/customers';
import { getCallOpening, recordCallOpening, setNextAttempt } from '../../../db/repos/callOpenings';
import { readContactPolicy } from '../../../db/repos/contactPolicy';
import { readQueueSettings } from '../../../db/repos/queueSettings';
import { audit } from '../../../db/repos/audit';
import type { ServiceDeps } from '../types';

/** The customer's calling hours at an instant, by the manager's contact rules. */
export function customerCallability(db: Db, row: Pick<CustomerRow, 'timezone'> & { timezone_candidates?: string | null }, instant: Date): ZoneCallability {
  const settings = readQueueSettings(db);
  return callabilityAcross(
    instant,
    row.timezone,
    parseZoneCandidates(row.timezone_candidates ?? null),
    settings.defaultTimezone,
    settings.callingWindow,
    settings.callingHoursEnforced,
  );
}

/** Why the retry cadence holds this customer back at an instant, or null. */
export function retryWaitWhy(row: { next_attempt_at?: string | null; timezone: string | null }, instant: Date, zone: string): string | null {
  const next = row.next_attempt_at ?? null;
  if (next === null || next <= instant.toISOString()) return null;
  return `No answer last time: the retry cadence allows the next try from ${utcToLocal(next, zone).replace('T', ' ')} their time.`;
}

const who = (row: CustomerRow) => row.name ?? row.external_id;

/**
 * Lets a call start only within the rules: inside the customer's calling hours (or outside them
 * with a reason, where the manager's policy allows it) and not before the retry cadence's next try.
 * A call reopened from its draft was let start before and is not judged again. The opening is
 * recorded, so completing the call can tell it was started within the rules.
 */
export function admitCallOpening(
  deps: ServiceDeps,
  caller: Person,
  row: CustomerRow,
  callId: string,
  resumed: boolean,
  outsideHoursReason: string | null = null,
): void {
  if (resumed) return;
  const { db } = deps;
  const now = deps.now();
  const hours = customerCallability(db, row, now);
  const retry = retryWaitWhy(row, now, hours.zones[0] ?? 'UTC');
  if (retry) throw new AppError('conflict', `${who(row)} cannot be called yet. ${retry}`);
  let reason: string | null = null;
  if (!hours.callable) {
    const policy = readContactPolicy(db);
    if (outsideHoursReason === null || !policy.outsideHoursOverride) {
      const how = policy.outsideHoursOverride
        ? ' Your manager allows calls outside calling hours with a reason: choose "Call outside hours" and say why.'
        : ' Calls outside calling hours are not allowed on this console.';
      throw new AppError('conflict', `${who(row)} cannot be called now. ${hours.why ?? ''}${how}`);
    }
    reason = outsideHoursReason;
  }
  const openedAt = now.toISOString();
  db.transaction(() => {
    recordCallOpening(db, { callId, customerId: row.id, callerId: caller.id, openedAt, outsideHoursReason: reason });
    if (reason !== null) {
      // Who, when and why: the reason is the caller's words about the call, not the customer's.
      audit(db, { at: openedAt, actorId: caller.id, action: 'call.outsideHours', entity: 'calls', detail: { callId, customerId: row.id, reason } });
    }
  })();
}

/**
 * An attempt (a completed call of any outcome) is recorded only for a call the backend let start
 * within the rules. A call with no recorded opening (a draft from before openings were recorded, or
 * a window that never asked) is judged as if it started now.
 */
export function admitAttempt(deps: ServiceDeps, customer: CustomerRow, state: CallState): void {
  const opening = getCallOpening(deps.db, state.callId);
  if (opening && opening.customer_id === customer.id) return;
  const now = deps.now();
  const hours = customerCallability(deps.db, customer, now);
  if (!hours.callable) {
    throw new AppError('conflict', `No attempt can be recorded for ${who(customer)} now. ${hours.why ?? ''} The call was not started within them.`);
  }
  const retry = retryWaitWhy(customer, now, hours.zones[0] ?? 'UTC');
  if (retry) throw new AppError('conflict', `No attempt can be recorded for ${who(customer)} yet. ${retry}`);
}

/** After an unanswered call, the earliest next try by the cadence; any other outcome clears it. */
export function scheduleRetry(db: Db, customerId: number, outcome: Outcome, attemptsAfter: number, nowIso: string, policy?: ContactPolicy): void {
  if (outcome !== 'no_answer') {
    setNextAttempt(db, customerId, null);
    return;
  }
  const wait = retryWaitMinutes(policy ?? readContactPolicy(db), attemptsAfter);
  setNextAttempt(db, customerId, new Date(Date.parse(nowIso) + wait * 60_000).toISOString());
}

/** Inside calling hours (every candidate zone) and past the retry cadence's wait: "Next customer" may take them. */
export function callableNow(db: Db, row: CustomerRow, instant: Date): boolean {
  const hours = customerCallability(db, row, instant);
  return hours.callable && retryWaitWhy(row, instant, hours.zones[0] ?? 'UTC') === null;
}

/** Where an inferred zone came from, in words for the card; null when the file named the zone. */
export function zoneNote(row: { timezone: string | null; timezone_source?: string | null; timezone_candidates?: string | null }): string | null {
  if (row.timezone !== null) return null;
  const candidates = parseZoneCandidates(row.timezone_candidates ?? null);
  const source = row.timezone_source ?? null;
  const from: Record<string, string> = {
    phone: "the phone number's country code",
    country: 'the country column',
    state: 'the state or province column',
    postal: 'the postal code',
  };
  const origin = source ? (from[source] ?? source) : null;
  if (!candidates || !origin) return null;
  if (candidates.length === 1) return `Time zone ${candidates[0] ?? ''}, inferred from ${origin}.`;
  const area = source === 'state' || source === 'postal' ? 'an area of several zones' : 'a country of several zones';
  return `Time zone not known: ${origin} points to ${area} (${candidates.join(', ')}). Calls wait until it is within calling hours in all of them.`;
}

/** What the card says of a customer held out of the cycle's calls. */
export const CONTROL_GROUP_WHY = 'In the control group: not to be called this cycle.';

/** Why a customer is not in any queue, in words; null when they are (calling hours aside). */
export function outOfQueueWhy(db: Db, row: CustomerRow, now: Date): string | null {
  if (row.do_not_contact === 1) return 'Do not contact: this customer must not be called.';
  const block = customerBlock(db, row, 'call', now);
  if (block) {
    const label = blockedLabel(block, 'call', (iso) => iso.slice(0, 10));
    return block.registry && relationshipCutoff(db, now) !== null ? `${label}: relationship window passed.` : `${label}: on the contact-permission ledger.`;
  }
  const closed: Record<string, string> = {
    recovered: 'Recovered on their last call: nothing left to call about.',
    declined: 'Declined on their last call: not called again this cycle.',
    wrong_number: 'Wrong number on their last call: the number needs correcting first.',
    do_not_contact: 'Do not contact: this customer must not be called.',
  };
  if (row.last_outcome && closed[row.last_outcome]) return closed[row.last_outcome] ?? null;
  if (row.phone === null && row.email === null) return 'No contact details to call.';
  if (row.control_group === 1) return CONTROL_GROUP_WHY;
  if (row.selected === 0) return 'Not selected for calling: the selection rules or the stated reason keep them out of the queue.';
  const max = readQueueSettings(db).maxAttempts;
  if (row.attempts >= max && row.callback_at === null) return `Reached the limit of ${max} attempts this cycle.`;
  return null;
}

export function callingStatus(deps: ServiceDeps, row: CustomerRow, callId?: string) {
  const now = deps.now();
  const hours = customerCallability(deps.db, row, now);
  const retry = outOfQueueWhy(deps.db, row, now) ?? retryWaitWhy(row, now, hours.zones[0] ?? 'UTC');
  const opening = callId ? getCallOpening(deps.db, callId) : undefined;
  const policy = readContactPolicy(deps.db);
  const next = row.next_attempt_at !== null && row.next_attempt_at > now.toISOString() ? row.next_attempt_at : null;
  return {
    callableNow: hours.callable && retry === null,
    why: retry ?? hours.why,
    localTime: hours.localTime,
    timeZone: hours.timeZone,
    zoneNote: zoneNote(row),
    nextTryAt: next,
    overrideAllowed: policy.outsideHoursOverride && !hours.callable && retry === null,
    openedOutsideHoursBecause: opening && opening.customer_id === row.id ? opening.outside_hours_reason : null,
  };
}
