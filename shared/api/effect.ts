import { z } from 'zod';
import { channel } from './channel';
import { EffectFilters, EffectReport } from '../reports/effect';
import { OfferEconomicsReport } from '../reports/offerEconomics';
import { HandleTimeReport } from '../reports/handleTime';
import { COST_MODELS, MAX_CONTROL_PERCENT } from '../domain/effect';
import { STAGES } from '../domain/stages';

/**
 * Proving what the recovery programme wins: control groups per cycle, the returns import, offer
 * experiments and costs, and the reports that read them. Managers only: they decide who is not
 * called, and the figures cover every desk's calls.
 */
const managers = ['manager'] as const;
const refId = z.string().min(1).max(100);

export const ControlSetting = z.object({
  cycleId: z.string(),
  cycle: z.string(),
  sharePercent: z.number(),
  /** Eligible customers of the cycle to be called, and held out, after the selection pass. */
  toCall: z.number().int(),
  control: z.number().int(),
});
export type ControlSetting = z.infer<typeof ControlSetting>;

export const ReturnsImportResult = z.object({
  rows: z.number().int(),
  returned: z.number().int(),
  notReturned: z.number().int(),
  /** Customer ids in the file that the console does not know (shown, not imported). */
  unknown: z.number().int(),
  unknownExamples: z.array(z.string()),
  invalid: z.array(z.object({ line: z.number().int(), problem: z.string() })),
});
export type ReturnsImportResult = z.infer<typeof ReturnsImportResult>;

export const OfferCostInput = z
  .object({
    offerId: refId,
    model: z.enum(COST_MODELS),
    percent: z.number().finite().min(0).max(100).nullable().default(null),
    months: z.number().int().min(0).max(120).nullable().default(null),
    amount: z.number().finite().min(0).max(1e9).nullable().default(null),
  })
  .strict();

export const effectChannels = {
  'effect.controls': channel({
    input: z.object({}).strict(),
    output: z.array(ControlSetting),
    roles: managers,
  }),
  'effect.setControl': channel({
    input: z
      .object({
        cycleId: refId,
        sharePercent: z
          .number()
          .finite()
          .min(0, 'errors.input.controlShare')
          .max(MAX_CONTROL_PERCENT, 'errors.input.controlShareMax'),
      })
      .strict(),
    output: ControlSetting,
    roles: managers,
  }),
  'effect.importReturns': channel({
    input: z
      .object({
        fileName: z.string().min(1).max(260),
        text: z.string().max(64 * 1024 * 1024, 'errors.input.file64'),
      })
      .strict(),
    output: ReturnsImportResult,
    roles: managers,
  }),
  'effect.report': channel({
    input: EffectFilters,
    output: EffectReport,
    roles: managers,
  }),
  'effect.startExperiment': channel({
    input: z
      .object({
        name: z.string().trim().min(1, 'errors.input.nameExperiment').max(200),
        baseOfferId: refId,
        variants: z
          .array(z.object({ offerId: refId, weight: z.number().finite().positive().max(1000) }).strict())
          .min(2, 'errors.input.twoVariants')
          .max(10),
      })
      .strict(),
    output: z.object({ id: z.string() }),
    roles: managers,
  }),
  'effect.endExperiment': channel({
    input: z.object({ id: refId, winnerOfferId: refId, note: z.string().max(2000).default('') }).strict(),
    output: z.object({ rulesChanged: z.number().int() }),
    roles: managers,
  }),
  'effect.startGuidanceExperiment': channel({
    input: z
      .object({
        name: z.string().trim().min(1, 'errors.input.nameExperiment').max(200, 'errors.input.experimentNameLong'),
        stage: z.enum(STAGES),
        variants: z
          .array(
            z
              .object({
                label: z.string().trim().min(1, 'errors.input.nameVariant').max(60, 'errors.input.variantNameLong'),
                /** Empty: keep the stage's current wording as one variant. */
                text: z.string().trim().max(2_000, 'errors.input.wordingLong'),
                weight: z.number().finite().positive('errors.input.weightPositive').max(1000, 'errors.input.weightMax'),
              })
              .strict(),
          )
          .min(2, 'errors.input.twoVariants')
          .max(10, 'errors.input.tenVariants'),
      })
      .strict(),
    output: z.object({ id: z.string() }),
    roles: managers,
  }),
  'effect.endGuidanceExperiment': channel({
    input: z.object({ id: refId, winnerVariantId: refId, note: z.string().max(2000).default('') }).strict(),
    output: z.object({ stage: z.enum(STAGES), playbookChanged: z.boolean() }),
    roles: managers,
  }),
  'effect.setOfferCost': channel({
    input: OfferCostInput,
    output: z.object({ offerId: z.string() }),
    roles: managers,
  }),
  'effect.offers': channel({
    input: EffectFilters,
    output: OfferEconomicsReport,
    roles: managers,
  }),
  'effect.handleTime': channel({
    input: EffectFilters,
    output: HandleTimeReport,
    roles: managers,
  }),
};
