import { z } from 'zod';
import { channel } from './channel';
import { OFFER_TYPES } from '../domain/offers';
import { OfferRuleSchema, OfferSchema, TaxonomyCategorySchema } from './call';
import type { Language } from '../i18n/languages';
import type { TaxonomyNames } from '../i18n/taxonomyNames';

const refId = z.string().min(1).max(100);
/** A name's two sentences by key, one pair per thing named: "category", "reason" or "offer". */
const name = (what: 'Category' | 'Reason' | 'Offer') =>
  z.string().trim().min(1, `errors.input.name${what}`).max(120, `errors.input.${what.toLowerCase()}NameLong`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === '' ? null : v));
const money = z.number().finite().min(0, 'errors.input.revenueNegative').max(1e9).nullable();

export const SaveCategorySchema = z
  .object({
    /** Absent: a new category, whose stable id is made from its first name. */
    id: refId.optional(),
    name: name('Category'),
    approach: z.string().trim().max(1_000).default(''),
    recoverable: z.boolean().default(true),
  })
  .strict();

export const SaveReasonSchema = z
  .object({
    id: refId.optional(),
    categoryId: refId,
    name: name('Reason'),
  })
  .strict();

export const SaveOfferSchema = z
  .object({
    id: refId.optional(),
    name: name('Offer'),
    type: z.enum(OFFER_TYPES),
    talkingPoints: z.string().trim().max(2_000).default(''),
    percent: z.number().finite().gt(0, 'errors.input.discountPositive').max(100, 'errors.input.discountMax').nullable().default(null),
    durationMonths: z.number().int('errors.input.monthsWhole').min(1, 'errors.input.oneMonth').max(120).nullable().default(null),
    generatesCode: z.boolean().default(false),
    product: optionalText(200).default(null),
  })
  .strict();
export type SaveOfferInput = z.input<typeof SaveOfferSchema>;

export const SaveRuleSchema = z
  .object({
    id: refId.optional(),
    priority: z.number().int('errors.input.priorityWhole').min(0).max(10_000),
    categoryId: refId.nullable().default(null),
    reasonId: refId.nullable().default(null),
    product: optionalText(200).default(null),
    segment: optionalText(200).default(null),
    minRevenue: money.default(null),
    maxRevenue: money.default(null),
    offerId: refId,
  })
  .strict();
export type SaveRuleInput = z.input<typeof SaveRuleSchema>;

const retire = z.object({ id: refId, retired: z.boolean() }).strict();

/**
 * One language's own name as typed. Its length is checked by the handler, which says so in the
 * manager's language naming the language; the bound here only keeps a hostile payload small.
 */
const ownName = z.string().max(10_000);
const byLanguage = <T extends z.ZodType>(value: T) => z.object({ en: value, es: value, de: value, fr: value } satisfies Record<Language, T>);
const ownNames = byLanguage(ownName.optional()).strict();

/** A reason's or category's own names in each language, all at once: a language left blank or out has none. */
export const SaveOwnNamesSchema = z
  .object({
    kind: z.enum(['reason', 'category']),
    id: refId,
    names: ownNames,
  })
  .strict();
export type SaveOwnNamesInput = z.input<typeof SaveOwnNamesSchema>;

const OwnNamesEntrySchema = z.object({ id: z.string(), stored: z.string(), names: byLanguage(z.string().optional()) });
export const TaxonomyNamesSchema = z.object({ reasons: z.array(OwnNamesEntrySchema), categories: z.array(OwnNamesEntrySchema) }) satisfies z.ZodType<TaxonomyNames>;

export const PlaybookSchema = z.object({
  offers: z.array(OfferSchema),
  rules: z.array(OfferRuleSchema),
});
export type Playbook = z.infer<typeof PlaybookSchema>;

/**
 * The reason taxonomy, the stated-reason texts mapped onto it, and the offer playbook. Reading is for
 * everyone; changing is for managers.
 */
export const playbookChannels = {
  'taxonomy.list': channel({ input: z.object({}).strict(), output: z.array(TaxonomyCategorySchema) }),
  'taxonomy.saveCategory': channel({ input: SaveCategorySchema, output: z.array(TaxonomyCategorySchema), roles: ['manager'] }),
  'taxonomy.retireCategory': channel({ input: retire, output: z.array(TaxonomyCategorySchema), roles: ['manager'] }),
  'taxonomy.saveReason': channel({ input: SaveReasonSchema, output: z.array(TaxonomyCategorySchema), roles: ['manager'] }),
  'taxonomy.retireReason': channel({ input: retire, output: z.array(TaxonomyCategorySchema), roles: ['manager'] }),
  // Everyone reads them: every desk shows the names in its person's language.
  'taxonomy.names': channel({ input: z.object({}).strict(), output: TaxonomyNamesSchema }),
  'taxonomy.saveNames': channel({ input: SaveOwnNamesSchema, output: TaxonomyNamesSchema, roles: ['manager'] }),
  'playbook.list': channel({ input: z.object({}).strict(), output: PlaybookSchema }),
  'playbook.saveOffer': channel({ input: SaveOfferSchema, output: PlaybookSchema, roles: ['manager'] }),
  'playbook.retireOffer': channel({ input: retire, output: PlaybookSchema, roles: ['manager'] }),
  'playbook.saveRule': channel({ input: SaveRuleSchema, output: PlaybookSchema, roles: ['manager'] }),
  'playbook.deleteRule': channel({ input: z.object({ id: refId }).strict(), output: PlaybookSchema, roles: ['manager'] }),
  'reasons.unmapped': channel({
    input: z.object({}).strict(),
    output: z.object({
      texts: z.array(z.object({ text: z.string(), customers: z.number().int(), revenue: z.number() })),
      reasons: z.array(z.object({ id: z.string(), name: z.string(), categoryId: z.string(), categoryName: z.string() })),
    }),
    roles: ['manager'],
  }),
  'reasons.mapText': channel({
    input: z.object({ text: z.string().trim().min(1).max(2000), reasonId: z.string().min(1).max(100) }).strict(),
    output: z.object({ customers: z.number().int() }),
    roles: ['manager'],
  }),
};
