import { z } from 'zod';
import { channel } from './channel';
import { ReasonsReport, ReasonsReportFilters } from '../reports/reasons';
import { ROLES } from '../domain/roles';

/**
 * Reports over the console's own calls and departed customers. Every role may ask; managers see
 * everything, agents and executives only their own calls (and the customers behind them): the
 * handlers apply that scope, and `reports.options` says which one applies.
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.input.dayShort');

export const ReportFilters = z
  .object({
    cycle: z.string().max(100).optional(),
    from: day.optional(),
    to: day.optional(),
    segment: z.string().max(200).optional(),
    product: z.string().max(200).optional(),
    team: z.string().max(200).optional(),
  })
  .strict();
export type ReportFilters = z.input<typeof ReportFilters>;

export const ReportScope = z.enum(['all', 'own']);
export type ReportScope = z.infer<typeof ReportScope>;

export const ReportOptions = z.object({
  scope: ReportScope,
  cycles: z.array(z.object({ id: z.string(), name: z.string(), startsOn: z.string() })),
  segments: z.array(z.string()),
  products: z.array(z.string()),
  teams: z.array(z.string()),
  /** Every category and reason, retired ones included (marked), for linking issues. */
  categories: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      retired: z.boolean(),
      reasons: z.array(z.object({ id: z.string(), name: z.string(), retired: z.boolean() })),
    }),
  ),
});
export type ReportOptions = z.infer<typeof ReportOptions>;

const counts = {
  calls: z.number().int(),
  recovered: z.number().int(),
  /** recovered / calls; 0 when there were no calls. */
  recoveryRate: z.number(),
  /** Monthly revenue of the customers won back, each customer once per row. */
  recoveredRevenue: z.number(),
};

export const RecoveryRow = z.object({
  /** The reason, offer, segment or person id; null for "not diagnosed" or "no segment". */
  key: z.string().nullable(),
  label: z.string(),
  /** The reason's category, for rows by reason. */
  category: z.string().optional(),
  ...counts,
});
export type RecoveryRow = z.infer<typeof RecoveryRow>;

export const RecoveryReport = z.object({
  totals: z.object(counts),
  byReason: z.array(RecoveryRow),
  byOffer: z.array(RecoveryRow),
  bySegment: z.array(RecoveryRow),
  byAgent: z.array(RecoveryRow.extend({ role: z.enum(ROLES) })),
  /** Executives against the recovery team (agents and managers). */
  byCallerGroup: z.array(RecoveryRow),
});
export type RecoveryReport = z.infer<typeof RecoveryReport>;

export const OfferMatrixCell = z.object({
  reasonId: z.string().nullable(),
  reason: z.string(),
  category: z.string(),
  offerId: z.string(),
  offer: z.string(),
  /** Calls on which the offer was made (any answer but "not offered"). */
  offered: z.number().int(),
  accepted: z.number().int(),
  /** Calls on which it was made and the customer came back. */
  recovered: z.number().int(),
});
export type OfferMatrixCell = z.infer<typeof OfferMatrixCell>;
export const OfferMatrix = z.object({ cells: z.array(OfferMatrixCell) });
export type OfferMatrix = z.infer<typeof OfferMatrix>;

export const AgreementReport = z.object({
  /** Calls with a diagnosed primary reason whose customer has a mapped stated reason. */
  compared: z.number().int(),
  agreed: z.number().int(),
  /** agreed / compared; 0 when nothing could be compared. */
  rate: z.number(),
  categoryAgreed: z.number().int(),
  categoryRate: z.number(),
  /** Diagnosed calls whose customer left no mapped stated reason. */
  notComparable: z.number().int(),
  /** The most frequent stated -> diagnosed differences. */
  mismatches: z.array(
    z.object({
      statedReasonId: z.string(),
      stated: z.string(),
      diagnosedReasonId: z.string(),
      diagnosed: z.string(),
      calls: z.number().int(),
    }),
  ),
});
export type AgreementReport = z.infer<typeof AgreementReport>;

export const TrendsPdfInput = z
  .object({
    by: z.enum(['stated', 'diagnosed']).default('stated'),
    filters: ReportFilters.default({}),
  })
  .strict();
export type TrendsPdfInput = z.input<typeof TrendsPdfInput>;

export const reportChannels = {
  'reports.options': channel({ input: z.object({}).strict(), output: ReportOptions }),
  'reports.reasons': channel({ input: ReasonsReportFilters, output: ReasonsReport }),
  'reports.recovery': channel({ input: ReportFilters, output: RecoveryReport }),
  'reports.offerMatrix': channel({ input: ReportFilters, output: OfferMatrix }),
  'reports.agreement': channel({ input: ReportFilters, output: AgreementReport }),
  /** The printable trends report as a PDF file, base64-encoded. */
  'reports.trendsPdf': channel({
    input: TrendsPdfInput,
    output: z.object({ fileName: z.string(), base64: z.string() }),
  }),
};
