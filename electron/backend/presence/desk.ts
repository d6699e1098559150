import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/open';
import type { Person } from '../../../shared/api/session';
import type { DeskPresence } from '../../../shared/api/presence';
import type { CallState } from '../../../shared/domain/callMachine';
import type { Stage } from '../../../shared/domain/stages';
import { dayCounts, getDeskPresence, setDeskPresence, type DeskPresenceRow } from '../../../db/repos/deskPresence';
import { endPause, insertPause, listPauseReasons, openPauseOf } from '../../../db/repos/pauses';
import { enqueueEvent } from '../../../db/repos/outbox';
import { getCustomerRow } from '../../../db/repos/customers';
import type { ServiceDeps } from '../types';
import { presenceChanged } from './changes';
import { appError } from '../i18n/errors';

/**
 * What this desk's person is doing: idle, in a call at a stage, in wrap-up (the outcome is chosen,
 * the call not yet completed), or paused with a reason. The call screen's own steps move it (the
 * call handlers call in here); a pause is the person's choice. Each change is written once and
 * signalled to the presence sender.
 */

/** The desk's calendar day at `now` by this machine's clock and zone, with its bounds in UTC. */
export function deskDay(now: Date): { day: string; from: string; until: string; utcOffsetMinutes: number } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    day: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`,
    from: start.toISOString(),
    until: end.toISOString(),
    utcOffsetMinutes: -now.getTimezoneOffset(),
  };
}

export function readDeskPresence(deps: ServiceDeps, user: Person): DeskPresence {
  const { db } = deps;
  const now = deps.now();
  const { from, until } = deskDay(now);
  const counts = dayCounts(db, user.id, from, until);
  const today = { calls: counts.calls, recovered: counts.recovered, revenueBack: Math.round(counts.revenue_back * 100) / 100 };
  const pauseReasons = listPauseReasons(db).map((r) => ({ id: r.id, label: r.label }));
  const pause = openPauseOf(db, user.id);
  if (pause) {
    return { state: 'paused', stage: null, customerId: null, pauseReasonId: pause.reason_id, pauseReason: pause.reason_label, since: pause.started_at, today, pauseReasons };
  }
  let row = getDeskPresence(db, user.id);
  if (!row) {
    // The person's first moment on the floor: idle from now, and counting from here on.
    row = { person_id: user.id, state: 'idle', customer_id: null, call_id: null, stage: null, since: now.toISOString() };
    setDeskPresence(db, row);
  }
  return {
    state: row.state,
    stage: row.state === 'in_call' ? (row.stage as Stage) : null,
    customerId: row.customer_id,
    pauseReasonId: null,
    pauseReason: null,
    since: row.since,
    today,
    pauseReasons,
  };
}

/** The company's id of the customer in the desk's call: what presence names, never the name. */
export function customerExternalId(db: Db, customerId: number | null): string | null {
  if (customerId === null) return null;
  return getCustomerRow(db, customerId)?.external_id ?? null;
}

function change(deps: ServiceDeps, next: Omit<DeskPresenceRow, 'since'>): void {
  const current = getDeskPresence(deps.db, next.person_id);
  const same =
    current?.state === next.state && current.call_id === next.call_id && current.stage === next.stage && current.customer_id === next.customer_id;
  if (same) return;
  setDeskPresence(deps.db, { ...next, since: deps.now().toISOString() });
  presenceChanged(deps.db);
}

/** Ends the person's pause, if any, and records it for the pause report and the hub, in one transaction. */
function closePause(deps: ServiceDeps, user: Person): boolean {
  const pause = openPauseOf(deps.db, user.id);
  if (!pause) return false;
  const endedAt = deps.now().toISOString();
  deps.db.transaction(() => {
    endPause(deps.db, pause.id, endedAt);
    enqueueEvent(deps.db, 'pause.recorded', { pauseId: pause.id, reasonId: pause.reason_id, reason: pause.reason_label, startedAt: pause.started_at, endedAt }, endedAt);
  })();
  return true;
}

function stateOfCall(state: CallState): { state: 'in_call' | 'wrap_up'; stage: Stage | null } {
  return state.outcome !== null ? { state: 'wrap_up', stage: null } : { state: 'in_call', stage: state.stage };
}

/** A call opened (new or restored): the desk is in it, at the stage it is at. Opening a call ends a pause. */
export function noteCallOpened(deps: ServiceDeps, user: Person, state: CallState): void {
  const paused = closePause(deps, user);
  change(deps, { person_id: user.id, customer_id: state.customerId, call_id: state.callId, ...stateOfCall(state) });
  if (paused) presenceChanged(deps.db);
}

/** A draft was saved: a new stage, or an outcome chosen (wrap-up), moves the desk. */
export function noteCallDraft(deps: ServiceDeps, user: Person, state: CallState): void {
  change(deps, { person_id: user.id, customer_id: state.customerId, call_id: state.callId, ...stateOfCall(state) });
}

/** The call was completed, or left for later: the desk is idle (unless it is already in another call). */
export function noteCallClosed(deps: ServiceDeps, user: Person, callId: string): void {
  const current = getDeskPresence(deps.db, user.id);
  if (current && current.call_id !== null && current.call_id !== callId) return;
  change(deps, { person_id: user.id, state: 'idle', customer_id: null, call_id: null, stage: null });
}

export function pause(deps: ServiceDeps, user: Person, reasonId: string): DeskPresence {
  const { db } = deps;
  const reason = listPauseReasons(db).find((r) => r.id === reasonId);
  if (!reason) throw appError('invalid_input', 'presence.unknownPauseReason');
  const current = getDeskPresence(db, user.id);
  if (current && current.state !== 'idle') {
    throw appError('conflict', 'presence.callOpen');
  }
  const open = openPauseOf(db, user.id);
  if (open?.reason_id === reasonId) return readDeskPresence(deps, user);
  // A new reason while paused ends the first pause and starts the next, so each reason gets its own time.
  if (open) closePause(deps, user);
  insertPause(db, { id: randomUUID(), personId: user.id, reasonId: reason.id, reasonLabel: reason.label, startedAt: deps.now().toISOString() });
  presenceChanged(db);
  return readDeskPresence(deps, user);
}

export function resume(deps: ServiceDeps, user: Person): DeskPresence {
  if (closePause(deps, user)) {
    // Idle from now: the time before the pause was idle time, the pause was not.
    setDeskPresence(deps.db, { person_id: user.id, state: 'idle', customer_id: null, call_id: null, stage: null, since: deps.now().toISOString() });
    presenceChanged(deps.db);
  }
  return readDeskPresence(deps, user);
}

/**
 * Runs a presence update after a call step has done its own work: the step's result stands even
 * if presence cannot be written (presence is what the board shows, not a record of the call).
 */
export function afterCallStep<T>(deps: ServiceDeps, result: T, update: (result: T) => void): T {
  try {
    update(result);
  } catch (error) {
    deps.log.warn('presence not updated', { error: error instanceof Error ? error.name : 'unknown' });
  }
  return result;
}
