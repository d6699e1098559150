import { z } from 'zod';

/**
 * The reasons report: departed customers and lost monthly revenue per reason, with what the calls
 * achieved. The console computes it from its own database, the hub from every console's events;
 * both answer in this shape so the CLI, the Trends view and exports treat them alike.
 */
export const ReasonsReportFilters = z
  .object({
    by: z.enum(['stated', 'diagnosed']).default('stated'),
    cycle: z.string().max(100).optional(),
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.input.dayShort').optional(),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.input.dayShort').optional(),
    group: z.enum(['cycle', 'month']).optional(),
    segment: z.string().max(200).optional(),
    product: z.string().max(200).optional(),
    team: z.string().max(200).optional(),
  })
  .strict();
export type ReasonsReportFilters = z.input<typeof ReasonsReportFilters>;

export const ReasonsReportRow = z.object({
  /** The cycle id or YYYY-MM month when grouped; absent otherwise. */
  period: z.string().optional(),
  categoryId: z.string().nullable(),
  category: z.string(),
  reasonId: z.string().nullable(),
  /** The reason's name; an unmapped stated text appears as written. */
  reason: z.string(),
  departed: z.number().int(),
  revenue: z.number(),
  calls: z.number().int(),
  recovered: z.number().int(),
  /** recovered / calls, 0 when there were no calls. */
  recoveryRate: z.number(),
  recoveredRevenue: z.number(),
});
export type ReasonsReportRow = z.infer<typeof ReasonsReportRow>;

export const ReasonsReport = z.object({
  rows: z.array(ReasonsReportRow),
  totals: z.object({
    departed: z.number().int(),
    revenue: z.number(),
    calls: z.number().int(),
    recovered: z.number().int(),
    recoveryRate: z.number(),
    recoveredRevenue: z.number(),
  }),
});
export type ReasonsReport = z.infer<typeof ReasonsReport>;
