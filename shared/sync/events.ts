import { z } from 'zod';
import { OUTCOMES } from '../domain/outcomes';
import { ROLES } from '../domain/roles';
import { IMPORT_TEXT_LIMITS, MAX_MONTHLY_REVENUE } from '../domain/importLimits';

/**
 * The events a console sends to the hub. Written to the outbox in the same transaction as the
 * change they describe. Customer names, phones and emails are never part of an event: org-wide
 * trends need none of them. Events are ordered by the console's own sequence number, never by
 * wall-clock time (clocks on call-center desks drift).
 */
const id = z.string().min(1).max(100);
const text = z.string().max(10_000);
const money = z.number().finite().min(0).max(MAX_MONTHLY_REVENUE).nullable();
const limited = (max: number) => z.string().max(max);

export const DepartedPayload = z.object({
  externalId: id,
  cycle: z.string().max(100).nullable(),
  departedAt: z.string().max(40).nullable(),
  statedReasonText: limited(IMPORT_TEXT_LIMITS.statedReason).nullable(),
  statedReasonId: id.nullable(),
  statedCategoryId: id.nullable(),
  monthlyRevenue: money,
  segment: limited(IMPORT_TEXT_LIMITS.segment).nullable(),
  product: limited(IMPORT_TEXT_LIMITS.product).nullable(),
  /** The frontline team that served the customer, for the org-wide team filter. Optional: older consoles omit it. */
  frontlineTeam: limited(IMPORT_TEXT_LIMITS.frontlineTeam).nullable().optional(),
});

export const DiagnosedReason = z.object({ reasonId: id, categoryId: id, primary: z.boolean() });

/** What an offer costs per customer who takes it, resolved on the desk (db/repos/effectReports.ts costModelOf). */
export const OfferCost = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('discount'), percent: z.number().finite().min(0).max(100), months: z.number().int().min(0).max(1200) }),
  z.object({ kind: z.literal('free_months'), months: z.number().int().min(0).max(1200) }),
  z.object({ kind: z.literal('fixed'), amount: z.number().finite().min(0).max(MAX_MONTHLY_REVENUE) }),
]);

export const OfferAnswer = z.object({
  offerId: id,
  answer: z.enum(['accepted', 'considering', 'declined', 'not_offered']),
  /** The offer's name and cost model when the call was sent, for org-wide offer economics. Optional: older consoles omit them. */
  offer: z.string().max(200).optional(),
  cost: OfferCost.optional(),
});

const ms = z.number().int().min(0).max(7 * 24 * 3_600_000);
export const CallTimings = z.object({
  talkMs: ms,
  wrapMs: ms,
  stageMs: z.object({ apologize: ms, listen: ms, diagnose: ms, assist: ms, offer: ms }),
});

export const CallCompletedPayload = z.object({
  callId: id,
  externalId: id,
  cycle: z.string().max(100).nullable(),
  /** The cycle's id (the call's, else the customer's), as the console's reports key it. Optional: older consoles omit it. */
  cycleId: id.nullable().optional(),
  completedAt: z.string().max(40),
  callerId: id,
  callerName: z.string().max(200),
  callerRole: z.enum(ROLES),
  outcome: z.enum(OUTCOMES),
  reasonConfirmed: z.boolean(),
  diagnosedReasons: z.array(DiagnosedReason).max(50),
  offers: z.array(OfferAnswer).max(50),
  monthlyRevenue: money,
  segment: z.string().max(200).nullable(),
  product: z.string().max(200).nullable(),
  statedReasonId: id.nullable(),
  /** The frontline team that served the customer, for the org-wide team filter. Optional: older consoles omit it. */
  frontlineTeam: z.string().max(200).nullable().optional(),
  /** Talk, wrap and per-stage time in milliseconds, from the guided call's clock. Optional: older consoles omit it. */
  timings: CallTimings.nullable().optional(),
});

/** A correction of a completed call: the fields given replace the earlier ones. */
export const CallAmendedPayload = z.object({
  callId: id,
  amendedAt: z.string().max(40),
  amendedBy: id,
  outcome: z.enum(OUTCOMES).optional(),
  diagnosedReasons: z.array(DiagnosedReason).max(50).optional(),
  offers: z.array(OfferAnswer).max(50).optional(),
  note: text.optional(),
});

export const FeedbackPayload = z.object({
  feedbackId: id,
  callId: id,
  frontlineRep: z.string().max(200).nullable(),
  frontlineTeam: z.string().max(200).nullable(),
  reasonId: id.nullable(),
  text,
  status: z.enum(['new', 'shared', 'coached', 'closed']),
});

export const ReviewPayload = z.object({
  reviewId: id,
  externalId: id,
  reviewedAt: z.string().max(40),
  verdict: z.enum(['healthy', 'watch', 'at_risk']),
  satisfaction: z.number().int().min(1).max(5).nullable(),
});

export const RelostPayload = z.object({
  externalId: id,
  relostAt: z.string().max(40),
  recoveryCallId: id.nullable(),
  reasonId: id.nullable(),
  offerId: id.nullable(),
});

/** A pause that ended: for pause time by person and reason across the floor (the hub attributes it to the token's person). */
export const PauseRecordedPayload = z.object({
  pauseId: id,
  reasonId: id,
  reason: z.string().max(40),
  startedAt: z.string().max(40),
  endedAt: z.string().max(40),
});

/** A cycle's control share: who is held out follows from it and the hash of each customer's id (shared/domain/effect.ts). */
export const CycleControlPayload = z.object({
  cycle: id,
  /** The cycle's name: departures and calls name their cycle by it. */
  cycleName: z.string().max(100),
  sharePercent: z.number().finite().min(0).max(50),
  setAt: z.string().max(40),
});

/**
 * Where the selection pass put a customer of a cycle with a control group: to be called, held out,
 * or neither (not eligible). Sent when it changes, so the hub counts the same groups as the console.
 */
export const CustomerGroupedPayload = z.object({
  externalId: id,
  cycle: id,
  group: z.enum(['to_call', 'control', 'none']),
});

/** The returns import: the customer came back (returnedOn set) or, on a later file, did not (null). */
export const ReturnedPayload = z.object({
  externalId: id,
  returnedOn: z.string().max(40).nullable(),
  monthlyRevenue: money,
});

/**
 * An offer's name and cost model as the playbook now has them, sent when a manager changes either:
 * offer economics counts every customer an offer won back at its current cost, on the hub as on the desk.
 */
export const OfferDefinedPayload = z.object({
  offerId: id,
  name: z.string().max(200),
  cost: OfferCost,
  definedAt: z.string().max(40),
});

export const EVENT_PAYLOADS = {
  'customer.departed': DepartedPayload,
  'call.completed': CallCompletedPayload,
  'call.amended': CallAmendedPayload,
  'feedback.recorded': FeedbackPayload,
  'review.completed': ReviewPayload,
  'customer.relost': RelostPayload,
  'pause.recorded': PauseRecordedPayload,
  'cycle.control': CycleControlPayload,
  'customer.grouped': CustomerGroupedPayload,
  'customer.returned': ReturnedPayload,
  'offer.defined': OfferDefinedPayload,
} as const;
export type EventKind = keyof typeof EVENT_PAYLOADS;
export const EVENT_KINDS = Object.keys(EVENT_PAYLOADS) as EventKind[];
export type EventPayload<K extends EventKind> = z.infer<(typeof EVENT_PAYLOADS)[K]>;

/** The envelope every event travels in. `id` is unique forever: the hub ingests idempotently on it. */
export const EventEnvelope = z.object({
  id: z.string().uuid(),
  kind: z.enum(EVENT_KINDS as [EventKind, ...EventKind[]]),
  consoleId: id,
  seq: z.number().int().positive(),
  occurredAt: z.string().max(40),
  payload: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** Validates an envelope and its payload for its kind; returns the reason when it is not valid. */
export function parseEvent(raw: unknown): { ok: true; event: EventEnvelope } | { ok: false; reason: string } {
  const env = EventEnvelope.safeParse(raw);
  if (!env.success) return { ok: false, reason: env.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const payload = EVENT_PAYLOADS[env.data.kind].safeParse(env.data.payload);
  if (!payload.success) {
    return { ok: false, reason: payload.error.issues.map((i) => `payload.${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  return { ok: true, event: { ...env.data, payload: payload.data } };
}
