import { z } from 'zod';
import { channel } from './channel';
import {
  ENROLMENT_STATUSES,
  MAX_REVIEW_INTERVAL_MONTHS,
  MIN_REVIEW_INTERVAL_MONTHS,
  OUTREACH_KINDS,
  REVIEW_STATES,
  VERDICTS,
  isCalendarDate,
} from '../domain/care';

const enrolmentId = z.string().min(1).max(100);
const date = z.string().refine(isCalendarDate, 'errors.input.realDay');
/** A count of an indicator; its sentences name the field by its label (errors.field.<name>). */
const count = () => z.number().int('errors.input.countWhole').min(0, 'errors.input.countNegative').max(1_000_000, 'errors.input.countMax').nullable();

/** The health indicators of a restarted relationship since the last review; null means not known. */
export const IndicatorsSchema = z.object({
  serviceContacts: count(),
  purchases: count(),
  spend: z.number().finite().min(0, 'errors.input.spendNegative').max(1e9, 'errors.input.spendHuge').nullable(),
  supportTickets: count(),
  satisfaction: z.number().int('errors.input.satisfactionWhole').min(1, 'errors.input.satisfaction').max(5, 'errors.input.satisfaction').nullable(),
});
export type Indicators = z.infer<typeof IndicatorsSchema>;

/** What the customer was won back with: the recovery call, its diagnosed reason and the offer they took. */
export const RecoverySchema = z.object({
  callId: z.string(),
  recoveredOn: z.string(),
  recoveredBy: z.string(),
  reasonId: z.string().nullable(),
  reasonName: z.string().nullable(),
  categoryName: z.string().nullable(),
  offerId: z.string().nullable(),
  offerName: z.string().nullable(),
});
export type Recovery = z.infer<typeof RecoverySchema>;

export const CareItemSchema = z.object({
  enrolmentId,
  customerId: z.number().int(),
  externalId: z.string(),
  name: z.string().nullable(),
  monthlyRevenue: z.number().nullable(),
  ownerId: z.string(),
  ownerName: z.string(),
  recoveredOn: z.string(),
  nextReviewOn: z.string(),
  reviewState: z.enum(REVIEW_STATES),
  /** "Overdue by 3 days", "Due in 2 days", "In 180 days". */
  reviewStateText: z.string(),
  reviews: z.number().int(),
  lastVerdict: z.enum(VERDICTS).nullable(),
  lastReviewedOn: z.string().nullable(),
});
export type CareItem = z.infer<typeof CareItemSchema>;

export const RelostItemSchema = z.object({
  enrolmentId,
  customerId: z.number().int(),
  externalId: z.string(),
  name: z.string().nullable(),
  monthlyRevenue: z.number().nullable(),
  relostOn: z.string(),
  source: z.enum(['import', 'manager']),
  note: z.string(),
  recovery: RecoverySchema,
});
export type RelostItem = z.infer<typeof RelostItemSchema>;

export const CareListSchema = z.object({
  today: z.string(),
  intervalMonths: z.number().int(),
  /** Customers followed now: overdue first, then due, then by next review date. */
  items: z.array(CareItemSchema),
  relost: z.array(RelostItemSchema),
});
export type CareList = z.infer<typeof CareListSchema>;

export const ReviewRecordSchema = IndicatorsSchema.extend({
  id: z.string(),
  dueOn: z.string(),
  reviewedOn: z.string(),
  reviewer: z.string(),
  note: z.string(),
  verdict: z.enum(VERDICTS),
  outreach: z.enum(OUTREACH_KINDS),
  outreachNote: z.string(),
  nextReviewOn: z.string(),
});
export type ReviewRecord = z.infer<typeof ReviewRecordSchema>;

export const CareDetailSchema = z.object({
  enrolmentId,
  customerId: z.number().int(),
  externalId: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  monthlyRevenue: z.number().nullable(),
  status: z.enum(ENROLMENT_STATUSES),
  ownerId: z.string(),
  ownerName: z.string(),
  nextReviewOn: z.string().nullable(),
  today: z.string(),
  intervalMonths: z.number().int(),
  /** Since when the indicators are counted: the last review, else the recovery. */
  since: z.string(),
  recovery: RecoverySchema,
  /** Indicators imported from a file since the last review, to start the form from. */
  imported: IndicatorsSchema.extend({ importedAt: z.string(), fileName: z.string() }).nullable(),
  reviews: z.array(ReviewRecordSchema),
});
export type CareDetail = z.infer<typeof CareDetailSchema>;

export const ReviewInputSchema = IndicatorsSchema.extend({
  /** Made by the form when it opens, so a retried submission saves the review once. */
  reviewId: z.string().uuid(),
  enrolmentId,
  note: z.string().max(10_000, 'errors.input.noteLong'),
  verdict: z.enum(VERDICTS, 'care.review.errorVerdict'),
  outreach: z.enum(OUTREACH_KINDS, 'errors.input.outreachKind'),
  outreachNote: z.string().max(2_000, 'errors.input.outreachNoteLong'),
}).strict();
export type ReviewInput = z.input<typeof ReviewInputSchema>;
export type ParsedReviewInput = z.output<typeof ReviewInputSchema>;

export const DueReviewSchema = z.object({
  enrolmentId,
  customerId: z.number().int(),
  externalId: z.string(),
  name: z.string().nullable(),
  nextReviewOn: z.string(),
  reviewState: z.enum(['overdue', 'due']),
  reviewStateText: z.string(),
});
export type DueReview = z.infer<typeof DueReviewSchema>;

export const IndicatorRowErrorSchema = z.object({
  /** The line of the file the row ends on (1 is the header). */
  line: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});
export type IndicatorRowError = z.infer<typeof IndicatorRowErrorSchema>;

export const IndicatorImportSchema = z.object({
  fileName: z.string(),
  /** Valid rows: what would be (or was) written. */
  rows: z.number().int(),
  /** True only when every row was valid, it was not a dry run, and the rows were written. */
  applied: z.boolean(),
  errors: z.array(IndicatorRowErrorSchema),
  /** All errors, when more than the list carries. */
  errorCount: z.number().int(),
  ignoredColumns: z.array(z.string()),
  preview: z.array(
    IndicatorsSchema.extend({ line: z.number().int(), externalId: z.string(), name: z.string().nullable() }),
  ),
});
export type IndicatorImport = z.infer<typeof IndicatorImportSchema>;

export const RetentionSchema = z.object({
  today: z.string(),
  recovered: z.number().int(),
  relost: z.number().int(),
  byReason: z.array(
    z.object({
      reasonId: z.string().nullable(),
      reasonName: z.string(),
      categoryName: z.string().nullable(),
      recovered: z.number().int(),
      relost: z.number().int(),
      relostRevenue: z.number(),
    }),
  ),
  byOffer: z.array(
    z.object({
      offerId: z.string().nullable(),
      offerName: z.string(),
      recovered: z.number().int(),
      relost: z.number().int(),
      relostRevenue: z.number(),
    }),
  ),
  retained: z.array(
    z.object({ months: z.number().int(), eligible: z.number().int(), retained: z.number().int(), share: z.number().nullable() }),
  ),
});
export type Retention = z.infer<typeof RetentionSchema>;

export const CareSettingsSchema = z.object({
  reviewIntervalMonths: z
    .number()
    .int('errors.input.reviewWholeMonths')
    .min(MIN_REVIEW_INTERVAL_MONTHS, 'errors.input.reviewMin')
    .max(MAX_REVIEW_INTERVAL_MONTHS, 'errors.input.reviewMax'),
});
export type CareSettings = z.infer<typeof CareSettingsSchema>;

/** Indicator files travel as text; 10 MB holds far more rows than a review cycle has customers. */
export const MAX_INDICATOR_FILE_CHARS = 10_000_000;

export const careChannels = {
  /** Customers in intensive care: one's own, or everyone's. */
  'care.list': channel({
    input: z.object({ scope: z.enum(['mine', 'all']) }).strict(),
    output: CareListSchema,
  }),
  'care.get': channel({
    input: z.object({ enrolmentId }).strict(),
    output: CareDetailSchema,
  }),
  /** Records a review and schedules the next one; the owner or a manager. */
  'care.completeReview': channel({
    input: ReviewInputSchema,
    output: z.object({ reviewId: z.string(), nextReviewOn: z.string() }),
  }),
  /** The signed-in person's due and overdue reviews, for their queue. */
  'care.dueReviews': channel({
    input: z.object({}).strict(),
    output: z.object({ today: z.string(), items: z.array(DueReviewSchema) }),
  }),
  'care.reassign': channel({
    input: z.object({ enrolmentId, ownerId: z.string().min(1).max(100) }).strict(),
    output: CareItemSchema,
    roles: ['manager'],
  }),
  /** "Mark as departed again": flags the customer re-lost, linked to the recovery. */
  'care.markDeparted': channel({
    input: z
      .object({
        enrolmentId,
        departedOn: date.optional(),
        note: z.string().max(2_000, 'errors.input.noteLong2000').optional(),
      })
      .strict(),
    output: RelostItemSchema,
    roles: ['manager'],
  }),
  /** Health indicators from a CSV keyed by customer id: validated whole, previewed, written all or nothing. */
  'care.importIndicators': channel({
    input: z
      .object({
        fileName: z.string().min(1).max(300),
        content: z.string().max(MAX_INDICATOR_FILE_CHARS, 'errors.input.file10'),
        dryRun: z.boolean(),
      })
      .strict(),
    output: IndicatorImportSchema,
    roles: ['manager'],
  }),
  /** Re-losses by reason and offer, and the share still retained after 6 and 12 months. */
  'care.retention': channel({
    input: z.object({}).strict(),
    output: RetentionSchema,
  }),
  'care.getSettings': channel({
    input: z.object({}).strict(),
    output: CareSettingsSchema,
  }),
  'care.setSettings': channel({
    input: CareSettingsSchema.strict(),
    output: CareSettingsSchema,
    roles: ['manager'],
  }),
};
