import { z } from 'zod';
import { ConsentLatestSchema } from './consent';
import { ContactBlockSchema } from './permissions';
import { channel } from './channel';
import { STAGES } from '../domain/stages';
import { OUTCOMES } from '../domain/outcomes';
import { ROLES } from '../domain/roles';
import { ASSIST_ACTIONS, OFFER_ANSWERS, type CallState } from '../domain/callMachine';
import { OFFER_TYPES, type OfferRuleDef } from '../domain/offers';

const customerId = z.number().int().positive();
const refId = z.string().min(1).max(100);
const note = z.string().max(10_000, 'errors.input.noteLong');

const stageMs = z.number().int().min(0).max(7 * 24 * 3_600_000);

/** The open call as the renderer saves it; mirrors CallState in shared/domain/callMachine.ts. */
export const CallStateSchema = z
  .object({
    version: z.literal(1),
    callId: z.string().uuid(),
    customerId,
    startedAt: z.string().max(40),
    stage: z.enum(STAGES),
    reached: z.enum(STAGES),
    visited: z.array(z.enum(STAGES)).max(STAGES.length),
    apologize: z.object({ note }).strict(),
    listen: z.object({ words: z.string().max(50_000, 'errors.input.wordsTooLong') }).strict(),
    diagnose: z
      .object({
        categoryId: refId.nullable(),
        primaryReasonId: refId.nullable(),
        otherReasonIds: z.array(refId).max(20),
        confirmed: z.boolean(),
        note,
      })
      .strict(),
    assist: z.object({ actions: z.array(z.enum(ASSIST_ACTIONS)).max(ASSIST_ACTIONS.length), note }).strict(),
    offer: z
      .object({
        skippedBecause: z.string().max(2_000),
        answers: z.array(z.object({ offerId: refId, answer: z.enum(OFFER_ANSWERS) }).strict()).max(50),
        note,
      })
      .strict(),
    outcome: z.enum(OUTCOMES).nullable(),
    reactivationUntil: z.string().max(10).nullable(),
    callbackLocal: z.string().max(16).nullable(),
    feedback: z.object({ text: note, rep: z.string().max(200), team: z.string().max(200) }).strict(),
    summary: z.string().max(500, 'errors.input.summaryLong'),
    clock: z
      .object({
        stageSince: z.string().max(40),
        stageMs: z.object({ apologize: stageMs, listen: stageMs, diagnose: stageMs, assist: stageMs, offer: stageMs }).strict(),
        outcomeAt: z.string().max(40).nullable(),
      })
      .strict()
      .optional(),
  })
  .strict();
// A compile error here means the schema and the domain type have drifted apart.
export const callStateSchemaMatches: z.ZodType<CallState> = CallStateSchema;

export const BriefingCallSchema = z.object({
  callId: z.string(),
  at: z.string(),
  caller: z.string(),
  callerRole: z.enum(ROLES),
  outcome: z.enum(OUTCOMES),
  reason: z.string().nullable(),
  assistActions: z.array(z.enum(ASSIST_ACTIONS)),
  assistNote: z.string(),
  offers: z.array(z.object({ name: z.string(), answer: z.enum(OFFER_ANSWERS) })),
});

/** Who is being called and what happened so far: the briefing on the call screen. */
export const CallCustomerSchema = z.object({
  id: customerId,
  externalId: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** The customer's time zone, else the console's: callbacks are agreed in it. */
  timezone: z.string(),
  segment: z.string().nullable(),
  product: z.string().nullable(),
  monthlyRevenue: z.number().nullable(),
  tenureMonths: z.number().nullable(),
  departedAt: z.string().nullable(),
  statedReason: z.string().nullable(),
  statedReasonId: z.string().nullable(),
  statedReasonName: z.string().nullable(),
  statedCategoryId: z.string().nullable(),
  statedCategoryName: z.string().nullable(),
  frontlineRep: z.string().nullable(),
  frontlineTeam: z.string().nullable(),
  notes: z.string().nullable(),
  cycle: z.string().nullable(),
  attempts: z.number().int(),
  history: z.array(BriefingCallSchema),
  /** The latest answer per channel to the consent question, asked again on this call. */
  consent: ConsentLatestSchema,
  /** What the contact-permission ledger says against calling them; null when nothing. */
  callBlock: ContactBlockSchema.nullable(),
});
export type CallCustomer = z.infer<typeof CallCustomerSchema>;

export const TaxonomyReasonSchema = z.object({ id: z.string(), name: z.string(), retired: z.boolean() });
export const TaxonomyCategorySchema = z.object({
  id: z.string(),
  name: z.string(),
  approach: z.string(),
  recoverable: z.boolean(),
  retired: z.boolean(),
  reasons: z.array(TaxonomyReasonSchema),
});
export type TaxonomyCategory = z.infer<typeof TaxonomyCategorySchema>;

export const OfferSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(OFFER_TYPES),
  talkingPoints: z.string(),
  percent: z.number().nullable(),
  durationMonths: z.number().int().nullable(),
  generatesCode: z.boolean(),
  product: z.string().nullable(),
  retired: z.boolean(),
});
export type Offer = z.infer<typeof OfferSchema>;

export const OfferRuleSchema = z.object({
  id: z.string(),
  priority: z.number().int(),
  categoryId: z.string().nullable(),
  reasonId: z.string().nullable(),
  product: z.string().nullable(),
  segment: z.string().nullable(),
  minRevenue: z.number().nullable(),
  maxRevenue: z.number().nullable(),
  offerId: z.string(),
});
export type OfferRule = z.infer<typeof OfferRuleSchema>;

/** A rule as the contract carries it (null for "any") as the matcher's optional conditions. */
export function ruleDefOf(r: OfferRule): OfferRuleDef {
  const def: OfferRuleDef = { id: r.id, priority: r.priority, offerId: r.offerId };
  if (r.categoryId !== null) def.categoryId = r.categoryId;
  if (r.reasonId !== null) def.reasonId = r.reasonId;
  if (r.product !== null) def.product = r.product;
  if (r.segment !== null) def.segment = r.segment;
  if (r.minRevenue !== null) def.minRevenue = r.minRevenue;
  if (r.maxRevenue !== null) def.maxRevenue = r.maxRevenue;
  return def;
}

/** Everything the call screen needs, in one answer: the screen then runs without a round trip per step. */
export const CallSessionSchema = z.object({
  customer: CallCustomerSchema,
  caller: z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES) }),
  taxonomy: z.array(TaxonomyCategorySchema),
  /** Active offers, plus retired ones the draft already refers to. */
  offers: z.array(OfferSchema),
  /** Rules whose offer is active. */
  rules: z.array(OfferRuleSchema),
  state: CallStateSchema,
  /** When the draft this call was restored from was last saved; null for a fresh call. */
  restoredFrom: z.string().nullable(),
  /** The playbook's or this customer's experiment wording of a stage, where it replaces the standard guidance. */
  guidance: z.array(z.object({ stage: z.enum(STAGES), text: z.string() })).optional(),
});
export type CallSession = z.infer<typeof CallSessionSchema>;

export const CompletedCallSchema = z.object({
  callId: z.string(),
  customerId,
  outcome: z.enum(OUTCOMES),
  callbackAt: z.string().nullable(),
  codes: z.array(z.object({ offerId: z.string(), offerName: z.string(), code: z.string() })),
});
export type CompletedCall = z.infer<typeof CompletedCallSchema>;

export const CallReasonSchema = z.object({
  reasonId: z.string(),
  name: z.string(),
  categoryId: z.string(),
  category: z.string(),
  primary: z.boolean(),
});

export const CallDetailSchema = z.object({
  id: z.string(),
  customerId,
  customerName: z.string().nullable(),
  caller: z.string(),
  callerRole: z.enum(ROLES),
  startedAt: z.string(),
  completedAt: z.string(),
  outcome: z.enum(OUTCOMES),
  callbackAt: z.string().nullable(),
  callbackLocal: z.string().nullable(),
  reactivationUntil: z.string().nullable(),
  customerWords: z.string(),
  reasonConfirmed: z.boolean(),
  offerSkippedBecause: z.string().nullable(),
  summary: z.string(),
  stages: z.array(z.object({ stage: z.enum(STAGES), note: z.string(), assistActions: z.array(z.enum(ASSIST_ACTIONS)) })),
  reasons: z.array(CallReasonSchema),
  offers: z.array(z.object({ offerId: z.string(), name: z.string(), answer: z.enum(OFFER_ANSWERS), code: z.string().nullable() })),
  feedback: z.array(z.object({ id: z.string(), text: z.string(), rep: z.string().nullable(), team: z.string().nullable() })),
  amendments: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      by: z.string(),
      note: z.string(),
      /** The fields the amendment changed, in words: "Outcome: Declined → Considering". */
      changes: z.array(z.string()),
    }),
  ),
});
export type CallDetail = z.infer<typeof CallDetailSchema>;

export const CallAmendmentInputSchema = z
  .object({
    callId: z.string().min(1).max(100),
    /** Why the call is corrected; kept with who and when. */
    note: z.string().trim().min(1, 'errors.input.amendWhy').max(2_000),
    outcome: z.enum(OUTCOMES).optional(),
    reactivationUntil: z.string().max(10).nullable().optional(),
    callbackLocal: z.string().max(16).nullable().optional(),
    reasons: z
      .array(z.object({ reasonId: refId, primary: z.boolean() }).strict())
      .max(20)
      .optional(),
    offers: z
      .array(z.object({ offerId: refId, answer: z.enum(OFFER_ANSWERS) }).strict())
      .max(50)
      .optional(),
  })
  .strict();
export type CallAmendmentInput = z.input<typeof CallAmendmentInputSchema>;

export const callChannels = {
  /** Opens a call: for a customer, or the first callable customer in the caller's queue. Restores a draft. */
  'call.start': channel({
    input: z.union([z.object({ customerId }).strict(), z.object({ next: z.literal(true) }).strict()]),
    output: CallSessionSchema,
  }),
  /** The caller's most recently saved unfinished call, so a reopened console can go straight back to it. */
  'call.resume': channel({
    input: z.object({}).strict(),
    output: z.object({ customerId: customerId.nullable() }),
  }),
  /** The call is left for later (or its window closes): its customer is free for others; the draft stays. */
  'call.release': channel({
    input: z.object({ customerId, callId: z.string().min(1).max(100) }).strict(),
    output: z.object({ released: z.boolean() }),
  }),
  'call.saveDraft': channel({
    input: z.object({ state: CallStateSchema }).strict(),
    output: z.object({ savedAt: z.string() }),
  }),
  'call.complete': channel({
    input: z.object({ state: CallStateSchema }).strict(),
    output: CompletedCallSchema,
  }),
  'call.get': channel({
    input: z.object({ callId: z.string().min(1).max(100) }).strict(),
    output: CallDetailSchema,
  }),
  /** Corrects a completed call; the caller who made it or a manager. */
  'call.amend': channel({
    input: CallAmendmentInputSchema,
    output: CallDetailSchema,
  }),
};
