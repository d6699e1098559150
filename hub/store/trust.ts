import type { EventKind, EventPayload } from '../../shared/sync/events';
import type { Role } from '../../shared/domain/roles';
import type { DepartureRow } from './projections';

/**
 * Which token may change which record. Every record the hub keeps (a departed customer, a call, a
 * feedback item, a review, a re-loss, a pause) belongs to the first token (by its name: a token
 * renewed for the same person keeps their records) that sent an event about it; `trust_owners`
 * remembers it. An event from another token that would change such a record is refused, unless the
 * token is a manager's. Managers' events never claim a record: a manager's correction that arrives
 * before the call it corrects leaves the call to the desk that makes it.
 *
 * One exception keeps org-wide counts right when several desks import the same company file: a
 * description of a departed customer from another desk is accepted when it says exactly what the
 * hub holds (it changes nothing); one that says something else is refused like any other change.
 * The same holds for a cycle's control share, a customer's group and their return: a customer's
 * group follows from the hash of their id (shared/domain/effect.ts), so a second desk that imported
 * the same file sends the very grouping the first did; only a contradictory one is refused.
 */
export interface BatchSender {
  name: string;
  role: Role;
}

/** The record an event is about: its family (a table in spirit) and its subject (subjectOf). */
export const FAMILY_OF: Record<EventKind, string> = {
  'customer.departed': 'departure',
  'call.completed': 'call',
  'call.amended': 'call',
  'feedback.recorded': 'feedback',
  'review.completed': 'review',
  'customer.relost': 'relost',
  'pause.recorded': 'pause',
  // A cycle's control share, a customer's group and their return: the desk that first told the hub.
  'cycle.control': 'control share',
  'customer.grouped': 'group',
  'customer.returned': 'return',
  // The playbook's offers: changed by managers, whose events claim nothing.
  'offer.defined': 'offer',
};

/**
 * The record an event is about within its family. Its subject, except for reviews: each review is a
 * record of its own (a customer's care may pass to another desk, whose reviews are its own).
 */
export function recordOf(kind: EventKind, subject: string, payload: unknown): string {
  return kind === 'review.completed' ? (payload as EventPayload<'review.completed'>).reviewId : subject;
}

export function claims(sender: BatchSender): boolean {
  return sender.role !== 'manager';
}

/** What a stored departure and a new description of it must agree on for the description to change nothing. */
export function describesSame(held: DepartureRow | undefined, payload: unknown): boolean {
  if (!held) return false;
  const p = payload as EventPayload<'customer.departed'>;
  return (
    held.cycle === p.cycle &&
    held.departed_at === p.departedAt &&
    held.stated_reason_text === p.statedReasonText &&
    held.stated_reason_id === p.statedReasonId &&
    held.stated_category_id === p.statedCategoryId &&
    held.monthly_revenue === p.monthlyRevenue &&
    held.segment === p.segment &&
    held.product === p.product &&
    held.frontline_team === (p.frontlineTeam ?? null)
  );
}

/** The kinds whose facts a second desk may repeat (sameEffectFact): those of the called-vs-control report. */
export const REPEATABLE_FACTS: readonly EventKind[] = ['cycle.control', 'customer.grouped', 'customer.returned'];

/**
 * Whether an event says what the hub's latest event of its kind and subject says (its payload as
 * held, JSON): the same share of the same cycle (whenever it was set), the same group in the same
 * cycle, the same return date and revenue.
 */
export function sameEffectFact(kind: EventKind, heldPayload: string | undefined, payload: unknown): boolean {
  if (heldPayload === undefined) return false;
  const held = JSON.parse(heldPayload) as Record<string, unknown>;
  const p = payload as Record<string, unknown>;
  const keys =
    kind === 'cycle.control' ? ['cycle', 'sharePercent'] : kind === 'customer.grouped' ? ['externalId', 'cycle', 'group'] : kind === 'customer.returned' ? ['externalId', 'returnedOn', 'monthlyRevenue'] : null;
  return keys !== null && keys.every((k) => (held[k] ?? null) === (p[k] ?? null));
}

const WHAT: Record<string, string> = {
  departure: 'departed customer',
  call: 'call',
  feedback: 'feedback item',
  review: 'review',
  relost: 'lost-again record',
  pause: 'pause',
  'control share': 'control share',
  group: "customer's group",
  return: 'return',
};

/** The reason a refused event carries back to its console. */
export function notYours(family: string, owner: { owner: string; console_id: string }): string {
  return `This ${WHAT[family] ?? 'record'} was first sent by "${owner.owner}" (console ${owner.console_id}); only that token or a manager's may change it. The hub kept what it holds.`;
}

/** A row of trust_owners. */
export interface OwnerRow {
  family: string;
  subject: string;
  owner: string;
  console_id: string;
}
