import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/result';
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
import { buildBriefing } from './briefing';
import { admitCallOpening, callableNow } from './contactRules';
import { customerBlock } from '../permissions/ledger';
import { blockedLabel } from '../../../shared/domain/permissions';

/** How far down the queue "Next customer" looks for someone who may be dialled now. */
const NEXT_CUSTOMER_LOOKAHEAD = 200;

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
  if (rows.length === 0) throw new AppError('not_found', 'Nobody is left to call in your queue.');
  const first = rows.find((r) => (r.callback_at === null || r.callback_at <= nowIso) && callableNow(deps.db, r, instant));
  if (!first) {
    throw new AppError(
      'not_found',
      'Nobody at the top of your queue can be called right now: it is outside their calling hours, their callback is booked for later, or the retry cadence has them wait after an unanswered call. The queue shows when each can be called.',
    );
  }
  return first;
}

/** Customers who must never be called are refused here too, not only left out of the queue. */
export function assertCallable(deps: ServiceDeps, row: CustomerRow): void {
  const who = row.name ?? row.external_id;
  if (row.do_not_contact === 1) throw new AppError('conflict', `${who} is marked do not contact and must not be called.`);
  const block = customerBlock(deps.db, row, 'call', deps.now());
  if (block) throw new AppError('conflict', `${who} must not be called: ${blockedLabel(block, 'call', (iso) => iso.slice(0, 10))}.`);
  if (row.stated_reason_id) {
    const reason = getReason(deps.db, row.stated_reason_id);
    const c = reason ? getCategory(deps.db, reason.category_id) : undefined;
    if (c && c.recoverable === 0) throw new AppError('conflict', `${who} left for a reason that is never called (${row.stated_reason_name ?? c.name}).`);
  }
  if (row.phone === null && row.email === null) throw new AppError('conflict', `${who} has no contact details: no phone and no email.`);
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

export function startCall(
  deps: ServiceDeps,
  caller: Person,
  input: { customerId: number } | { next: true },
  outsideHoursReason: string | null = null,
): CallSession {
  const { db } = deps;
  const row = 'customerId' in input ? getCustomerRow(db, input.customerId) : nextInQueue(deps, caller);
  if (!row) throw new AppError('not_found', `No customer with id ${'customerId' in input ? input.customerId : '?'}.`);
  const draft = readDraft(deps, row.id);
  if (!draft) assertCallable(deps, row);
  const state =
    draft?.state ??
    initialCallState({
      callId: randomUUID(),
      customerId: row.id,
      startedAt: deps.now().toISOString(),
      frontlineRep: row.frontline_rep,
      frontlineTeam: row.frontline_team,
    });
  admitCallOpening(deps, caller, row, state.callId, draft !== null, outsideHoursReason);
  const referenced = new Set(state.offer.answers.map((a) => a.offerId));
  return {
    customer: buildBriefing(db, row),
    caller,
    taxonomy: listTaxonomy(db),
    offers: listOffers(db)
      .map(toOffer)
      .filter((o) => !o.retired || referenced.has(o.id)),
    rules: activeRules(db),
    state,
    restoredFrom: draft?.updatedAt ?? null,
  };
}

export function resumeCall(deps: ServiceDeps, caller: Person): { customerId: number | null } {
  return { customerId: latestDraftOf(deps.db, caller.id)?.customer_id ?? null };
}
