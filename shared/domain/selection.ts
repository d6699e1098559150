import { z } from 'zod';

/**
 * Whom to call this cycle. A manager writes selection rules; a customer is queued when any enabled
 * rule matches all of its conditions. With no enabled rule, every departed customer with contact
 * details is queued. Whatever the rules say, an unrecoverable reason (deceased, business closed),
 * do-not-contact or missing contact details keeps a customer out of every queue.
 */
export const NUMBER_FIELDS = ['monthlyRevenue', 'tenureMonths', 'departedWithinDays'] as const;
export const TEXT_FIELDS = ['segment', 'product', 'valueBand', 'reasonCategory'] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type TextField = (typeof TEXT_FIELDS)[number];
export type RuleField = NumberField | TextField;

export const NUMBER_OPS = ['>=', '>', '<=', '<', '='] as const;
export const TEXT_OPS = ['is', 'is not'] as const;

export const RULE_FIELD_LABELS: Record<RuleField, string> = {
  monthlyRevenue: 'monthly revenue',
  tenureMonths: 'tenure in months',
  departedWithinDays: 'days since departure',
  segment: 'segment',
  product: 'product',
  valueBand: 'value band',
  reasonCategory: 'stated reason category',
};

const NumberCondition = z.object({ field: z.enum(NUMBER_FIELDS), op: z.enum(NUMBER_OPS), value: z.number().finite() }).strict();
const TextCondition = z
  .object({ field: z.enum(TEXT_FIELDS), op: z.enum(TEXT_OPS), value: z.string().trim().min(1, 'errors.input.chooseValue').max(200) })
  .strict();
export const RuleConditionSchema = z.union([NumberCondition, TextCondition]);
export type RuleCondition = z.infer<typeof RuleConditionSchema>;

export const SelectionRuleSchema = z
  .object({
    name: z.string().trim().min(1, 'errors.input.nameRule').max(120),
    enabled: z.boolean(),
    conditions: z.array(RuleConditionSchema).min(1, 'errors.input.ruleCondition').max(20),
  })
  .strict();
export type SelectionRule = z.infer<typeof SelectionRuleSchema>;

/** A manager-defined band of monthly revenue; the highest band whose minimum a customer reaches is theirs. */
export const ValueBandSchema = z
  .object({
    name: z.string().trim().min(1, 'errors.input.nameBand').max(60),
    minRevenue: z.number().finite().min(0),
    /** Added to the priority of every customer in the band. */
    points: z.number().finite().min(-100).max(100),
  })
  .strict();
export type ValueBand = z.infer<typeof ValueBandSchema>;

export const SegmentPointsSchema = z
  .object({ segment: z.string().trim().min(1).max(200), points: z.number().finite().min(-100).max(100) })
  .strict();
export type SegmentPoints = z.infer<typeof SegmentPointsSchema>;

export const SelectionSettingsSchema = z
  .object({
    rules: z.array(SelectionRuleSchema).max(50),
    valueBands: z
      .array(ValueBandSchema)
      .max(20)
      .refine(
        (bands) => new Set(bands.map((b) => b.name.toLowerCase())).size === bands.length,
        'errors.input.bandNameOnce',
      ),
    segmentPoints: z
      .array(SegmentPointsSchema)
      .max(100)
      .refine((s) => new Set(s.map((x) => x.segment)).size === s.length, 'errors.input.segmentOnce'),
  })
  .strict();
export type SelectionSettings = z.infer<typeof SelectionSettingsSchema>;

export function describeCondition(c: RuleCondition): string {
  const label = RULE_FIELD_LABELS[c.field];
  return typeof c.value === 'number' ? `${label} ${c.op} ${c.value}` : `${label} ${c.op} ${c.value}`;
}

export function describeRule(rule: SelectionRule): string {
  return rule.conditions.map(describeCondition).join(' and ');
}

/**
 * Priority points, all explainable to the agent: revenue in proportion to the highest of any
 * departed customer (up to 40: the top customer 40, one worth a tenth of them 4), how recently they left (up to 20, fading over 180 days), the value band and
 * segment points the manager set, minus 10 for every attempt so far.
 */
export const PRIORITY = {
  revenueMax: 40,
  recencyMax: 20,
  recencyFadeDays: 180,
  /** Also written into migration 003's generated `priority` column: change both together. */
  attemptPenalty: 10,
} as const;

export interface PriorityParts {
  revenue: number;
  /** The highest monthly revenue of any departed customer, which the revenue points are in proportion to. */
  revenueTop: number | null;
  recency: number;
  band: number;
  segment: number;
}
