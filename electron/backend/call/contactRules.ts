import { customerBlock } from '../permissions/ledger';
import { relationshipCutoff } from '../../../db/repos/permissions';
import { blockedSaid } from '../../../shared/domain/permissions';
import { said, type Said } from '../../../shared/i18n/said';
import { appError } from '../i18n/errors';
import type { Person } from '../../../shared/api/session';
import type { CallState } from '../../../shared/domain/callMachine';
import { retryWaitMinutes, type ContactPolicy } from '../../../shared/domain/contactPolicy';
import type { Outcome } from '../../../shared/domain/outcomes';
import { callabilityAcross, parseZoneCandidates, type ZoneCallability } from '../../../shared/domain/zoneCallability';
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

/** Why the retry cadence holds this customer back at an instant (the next try in their time), or null. */
export function retryWaitWhy(row: { next_attempt_at?: string | null; timezone: string | null }, instant: Date, zone: string): Said | null {
  const next = row.next_attempt_at ?? null;
  if (next === null || next <= instant.toISOString()) return null;
  return said('why.retry.wait', { at: { at: next, timeZone: zone } });
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
  if (retry) throw appError('conflict', 'call.rules.notYet', { who: who(row), why: retry });
  let reason: string | null = null;
  if (!hours.callable) {
    const policy = readContactPolicy(db);
    if (outsideHoursReason === null || !policy.outsideHoursOverride) {
      const params = { who: who(row), why: hours.why ?? said('why.hours.closed') };
      throw policy.outsideHoursOverride ? appError('conflict', 'call.rules.notNowOverride', params) : appError('conflict', 'call.rules.notNow', params);
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
    throw appError('conflict', 'call.rules.attemptOutsideHours', { who: who(customer), why: hours.why ?? said('why.hours.closed') });
  }
  const retry = retryWaitWhy(customer, now, hours.zones[0] ?? 'UTC');
  if (retry) throw appError('conflict', 'call.rules.attemptTooSoon', { who: who(customer), why: retry });
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

const ZONE_SOURCES = ['phone', 'country', 'state', 'postal'] as const;
const isZoneSource = (source: string): source is (typeof ZONE_SOURCES)[number] => (ZONE_SOURCES as readonly string[]).includes(source);

/** Where an inferred zone came from, for the card; null when the file named the zone. */
export function zoneNote(row: { timezone: string | null; timezone_source?: string | null; timezone_candidates?: string | null }): Said | null {
  if (row.timezone !== null) return null;
  const candidates = parseZoneCandidates(row.timezone_candidates ?? null);
  const source = row.timezone_source ?? null;
  if (!candidates || source === null || !isZoneSource(source)) return null;
  const origin = said(`why.zone.source.${source}`);
  if (candidates.length === 1) return said('why.zone.inferred', { zone: candidates[0] ?? '', origin });
  const area = source === 'state' || source === 'postal' ? 'why.zone.unknownArea' : 'why.zone.unknownCountry';
  return said(area, { origin, zones: candidates.join(', ') });
}

/** What the card says of a customer held out of the cycle's calls. */
export const CONTROL_GROUP_WHY: Said = said('why.outOfQueue.controlGroup');

const CLOSED_OUTCOMES = ['recovered', 'declined', 'wrong_number', 'do_not_contact'] as const;
const isClosedOutcome = (outcome: string): outcome is (typeof CLOSED_OUTCOMES)[number] => (CLOSED_OUTCOMES as readonly string[]).includes(outcome);

/** Why a customer is not in any queue, by key; null when they are (calling hours aside). */
export function outOfQueueWhy(db: Db, row: CustomerRow, now: Date): Said | null {
  if (row.do_not_contact === 1) return said('why.outOfQueue.doNotContact');
  const block = customerBlock(db, row, 'call', now);
  if (block) {
    const blocked = blockedSaid(block, 'call');
    return said(block.registry && relationshipCutoff(db, now) !== null ? 'why.outOfQueue.relationshipPassed' : 'why.outOfQueue.onLedger', { blocked });
  }
  if (row.last_outcome && isClosedOutcome(row.last_outcome)) return said(`why.outOfQueue.closed.${row.last_outcome}`);
  if (row.phone === null && row.email === null) return said('why.outOfQueue.noContact');
  if (row.control_group === 1) return CONTROL_GROUP_WHY;
  if (row.selected === 0) return said('why.outOfQueue.notSelected');
  const max = readQueueSettings(db).maxAttempts;
  if (row.attempts >= max && row.callback_at === null) return said('why.outOfQueue.attemptLimit', { count: max });
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
