import { randomUUID } from 'node:crypto';
import { CallStateSchema, type CallSession } from '../../../shared/api/call';
import type { Person } from '../../../shared/api/session';
import { initialCallState, type CallState } from '../../../shared/domain/callMachine';
import { getCustomerRow, queryQueue, type CustomerRow } from '../../../db/repos/customers';
import { getDraft, latestDraftOf } from '../../../db/repos/drafts';
import { getCategory, getReason } from '../../../db/repos/reasons';
import { listOffers } from '../../../db/repos/offers';
import type { ServiceDeps } from '../types';
import { listTaxonomy } from '../playbook/taxonomy';
import { activeRules, toOffer } from '../playbook/offers';
import { rulesForCustomer } from '../effect/experiments';
import { guidanceForCustomer } from '../effect/guidance';
import { buildBriefing } from './briefing';
import { admitCallOpening, callableNow } from './contactRules';
import { activeLease, leasedCustomerIds, releaseLease, takeLease } from '../../../db/repos/callLeases';
import { customerBlock } from '../permissions/ledger';
import { blockedSaid } from '../../../shared/domain/permissions';
import { appError } from '../i18n/errors';

/** How far down the queue "Next customer" looks for someone who may be dialled now. */
const NEXT_CUSTOMER_LOOKAHEAD = 200;

/**
 * How long a call keeps its customer without a sign of life. Every draft save (within a second of
 * each change) pushes it on, so only a window that died or was abandoned lets it run out, and the
 * customer then goes back to the queue for everyone.
 */
export const CALL_LEASE_MS = 30 * 60 * 1000;

export function leaseExpiry(now: Date): string {
  return new Date(now.getTime() + CALL_LEASE_MS).toISOString();
}

/**
 * The first customer in the caller's own queue, by the queue's own order, who may be dialled now:
 * inside their calling hours (their own time zone), and not waiting for a callback booked later.
 */
function nextInQueue(deps: ServiceDeps, user: Person): CustomerRow {
  const instant = deps.now();
  const nowIso = instant.toISOString();
  const { rows } = queryQueue(deps.db, {
    now: nowIso,
    limit: NEXT_CUSTOMER_LOOKAHEAD,
    offset: 0,
    assignedTo: user.role === 'executive' ? user.id : undefined,
    assignedToOrUnassigned: user.role === 'agent' ? user.id : undefined,
  });
  if (rows.length === 0) throw appError('not_found', 'call.next.nobodyLeft');
  // A customer open in a call (another window, another person on this database) is never "next".
  const leased = leasedCustomerIds(deps.db, nowIso);
  const free = rows.filter((r) => !leased.has(r.id));
  if (free.length === 0) throw appError('not_found', 'call.next.allBusy');
  const first = free.find((r) => (r.callback_at === null || r.callback_at <= nowIso) && callableNow(deps.db, r, instant));
  if (!first) {
    throw appError('not_found', 'call.next.noneCallable');
  }
  return first;
}

/** Customers who must never be called are refused here too, not only left out of the queue. */
export function assertCallable(deps: ServiceDeps, row: CustomerRow): void {
  const who = row.name ?? row.external_id;
  if (row.do_not_contact === 1) throw appError('conflict', 'call.start.doNotContact', { who });
  const block = customerBlock(deps.db, row, 'call', deps.now());
  if (block) throw appError('conflict', 'call.start.blocked', { who, blocked: blockedSaid(block, 'call') });
  if (row.stated_reason_id) {
    const reason = getReason(deps.db, row.stated_reason_id);
    const c = reason ? getCategory(deps.db, reason.category_id) : undefined;
    if (c && c.recoverable === 0) throw appError('conflict', 'call.start.neverCalledReason', { who, reason: row.stated_reason_name ?? c.name });
  }
  if (row.phone === null && row.email === null) throw appError('conflict', 'call.start.noContact', { who });
  // The control group measures what happens without a call: one call spoils the comparison.
  if (row.control_group === 1) throw appError('conflict', 'call.start.controlGroup', { who });
}

/** A saved draft, if it is still a valid call of this customer; a damaged one is left in place, not used. */
function readDraft(deps: ServiceDeps, customerId: number): { state: CallState; updatedAt: string } | null {
  const draft = getDraft(deps.db, customerId);
  if (!draft) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(draft.state);
  } catch {
    raw = null;
  }
  const parsed = CallStateSchema.safeParse(raw);
  if (!parsed.success || parsed.data.customerId !== customerId) {
    deps.log.warn('unusable call draft ignored', { customerId });
    return null;
  }
  return { state: parsed.data, updatedAt: draft.updated_at };
}

/**
 * A restored call's clock: the stage it was on keeps its time up to the last save, and the time
 * since (parked, or the app closed) counts for no stage and no wrap.
 */
function resumedClock(state: CallState, savedAt: string, now: string): CallState {
  const c = state.clock;
  if (!c) return state;
  const away = Math.max(0, Date.parse(now) - Date.parse(savedAt));
  if (c.outcomeAt === null) {
    const stageMs = { ...c.stageMs, [state.stage]: c.stageMs[state.stage] + Math.max(0, Date.parse(savedAt) - Date.parse(c.stageSince)) };
    return { ...state, clock: { ...c, stageMs, stageSince: now } };
  }
  return { ...state, clock: { ...c, outcomeAt: new Date(Date.parse(c.outcomeAt) + away).toISOString() } };
}


/** Refuses a customer someone else has open, saying who and since when. */
function assertNotOpenElsewhere(deps: ServiceDeps, caller: Person, row: CustomerRow, nowIso: string): void {
  const lease = activeLease(deps.db, row.id, nowIso);
  if (!lease || lease.person_id === caller.id) return;
  const who = row.name ?? row.external_id;
  const since = { at: lease.leased_at, timeZone: 'UTC' };
  throw lease.person_name
    ? appError('conflict', 'call.start.openElsewhereBy', { who, by: lease.person_name, since })
    : appError('conflict', 'call.start.openElsewhere', { who, since });
}

/**
 * Opens a call. Choosing the customer and leasing them happen in one transaction that takes the
 * write lock first (immediate), so two windows, or two processes on this database, asking for
 * "next" at the same moment get different customers.
 */
export function startCall(
  deps: ServiceDeps,
  caller: Person,
  input: { customerId: number } | { next: true },
  outsideHoursReason: string | null = null,
): CallSession {
  const { db } = deps;
  const { row, state, draft } = db
    .transaction(() => {
      const now = deps.now();
      const nowIso = now.toISOString();
      const chosen = 'customerId' in input ? getCustomerRow(db, input.customerId) : nextInQueue(deps, caller);
      if (!chosen) throw appError('not_found', 'customer.notFound', { id: 'customerId' in input ? String(input.customerId) : '?' });
      assertNotOpenElsewhere(deps, caller, chosen, nowIso);
      const saved = readDraft(deps, chosen.id);
      if (!saved) assertCallable(deps, chosen);
      const opened =
        (saved && resumedClock(saved.state, saved.updatedAt, nowIso)) ??
        initialCallState({
          callId: randomUUID(),
          customerId: chosen.id,
          startedAt: nowIso,
          frontlineRep: chosen.frontline_rep,
          frontlineTeam: chosen.frontline_team,
        });
      admitCallOpening(deps, caller, chosen, opened.callId, saved !== null, outsideHoursReason);
      takeLease(db, { customerId: chosen.id, callId: opened.callId, personId: caller.id, now: nowIso, expiresAt: leaseExpiry(now) });
      return { row: chosen, state: opened, draft: saved };
    })
    .immediate();
  const referenced = new Set(state.offer.answers.map((a) => a.offerId));
  return {
    customer: buildBriefing(db, row),
    caller,
    taxonomy: listTaxonomy(db),
    offers: listOffers(db)
      .map(toOffer)
      .filter((o) => !o.retired || referenced.has(o.id)),
    rules: rulesForCustomer(db, activeRules(db), row.external_id),
    state,
    restoredFrom: draft?.updatedAt ?? null,
    guidance: guidanceForCustomer(db, row.external_id),
  };
}

export function resumeCall(deps: ServiceDeps, caller: Person): { customerId: number | null } {
  return { customerId: latestDraftOf(deps.db, caller.id)?.customer_id ?? null };
}

/** The person leaves the call for later (or closes it): the customer is free for others again; the draft stays. */
export function releaseCall(deps: ServiceDeps, caller: Person, input: { customerId: number; callId: string }): { released: boolean } {
  return { released: releaseLease(deps.db, input.customerId, { personId: caller.id, callId: input.callId }) };
}
