import { z } from 'zod';
import { channel } from './channel';
import { CONSENT_ANSWERS } from '../domain/consent';
import { TEMPLATE_KINDS } from '../domain/outreachTemplate';

/**
 * Keeping in touch with departed customers: who the company may still tell what changed (the
 * keep-in-touch list), and whether telling them worked (returns attributed to the last touch).
 * Managers only: the list spans every customer, and the report every desk's calls and messages.
 */
const managers = ['manager'] as const;
const refId = z.string().trim().min(1).max(100);
const text = z.string().trim().min(1).max(200);
const days = z.number().int().min(0, 'errors.input.ageMin').max(36_500, 'errors.input.ageMax');

export const KeepInTouchFilters = z
  .object({
    reasonId: refId.optional(),
    categoryId: refId.optional(),
    segment: text.optional(),
    product: text.optional(),
    cycleId: refId.optional(),
    /** Departed at least this many days ago. */
    minAgeDays: days.optional(),
    /** Departed at most this many days ago. */
    maxAgeDays: days.optional(),
  })
  .strict()
  .refine((f) => f.minAgeDays === undefined || f.maxAgeDays === undefined || f.minAgeDays <= f.maxAgeDays, {
    message: 'errors.input.ageRangeSwapped',
  });
export type KeepInTouchFilters = z.infer<typeof KeepInTouchFilters>;

export const ChannelPermission = z.object({
  /** The customer's latest answer to the consent question on a call, or null when never asked. */
  consent: z.enum(CONSENT_ANSWERS).nullable(),
  /** Whether the company may contact them this way now (consent, ledger, unsubscribes, contact details). */
  open: z.boolean(),
});
export type ChannelPermission = z.infer<typeof ChannelPermission>;

export const REASON_SOURCES = ['diagnosed', 'stated', 'none'] as const;

export const KeepInTouchCustomer = z.object({
  customerId: z.number().int(),
  externalId: z.string(),
  name: z.string().nullable(),
  segment: z.string().nullable(),
  product: z.string().nullable(),
  cycleId: z.string().nullable(),
  departedAt: z.string(),
  /** What they paid a month when they left: the revenue lost. */
  monthlyRevenue: z.number().nullable(),
  reasonId: z.string().nullable(),
  reason: z.string().nullable(),
  /** Diagnosed on a call, else as stated in the departure record. */
  reasonSource: z.enum(REASON_SOURCES),
  category: z.string().nullable(),
  /** The stated reason as written, where it maps to no reason of the taxonomy. */
  statedText: z.string().nullable(),
  lastOutcome: z.string().nullable(),
  /** Their last call or the last message sent or handed over to them, whichever is later. */
  lastContactAt: z.string().nullable(),
  phone: ChannelPermission,
  email: ChannelPermission,
  post: ChannelPermission,
});
export type KeepInTouchCustomer = z.infer<typeof KeepInTouchCustomer>;

export const KeepInTouchGroup = z.object({
  reasonId: z.string().nullable(),
  reason: z.string().nullable(),
  category: z.string().nullable(),
  customers: z.number().int(),
  revenue: z.number(),
});
export type KeepInTouchGroup = z.infer<typeof KeepInTouchGroup>;

export const KeepInTouchList = z.object({
  total: z.number().int(),
  revenue: z.number(),
  groups: z.array(KeepInTouchGroup),
  offset: z.number().int(),
  items: z.array(KeepInTouchCustomer),
});
export type KeepInTouchList = z.infer<typeof KeepInTouchList>;

export const KeepInTouchChoices = z.object({
  reasons: z.array(z.object({ id: z.string(), name: z.string(), categoryId: z.string() })),
  categories: z.array(z.object({ id: z.string(), name: z.string() })),
  segments: z.array(z.string()),
  products: z.array(z.string()),
  cycles: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type KeepInTouchChoices = z.infer<typeof KeepInTouchChoices>;

/** What a touch was: an outreach message of one kind, or a call. */
export const TOUCH_KINDS = [...TEMPLATE_KINDS, 'call'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

export const AttributionRow = z.object({
  /** The message kind, reason id or outreach id; '' for calls outside any outreach or customers without a reason. */
  key: z.string(),
  /** The reason's or outreach's name; for kinds the kind itself (the window translates it). */
  label: z.string(),
  /** Customers with at least one touch of this kind, reason or outreach. */
  touched: z.number().int(),
  /** Customers who came back within the window of their last touch, when that touch was this. */
  returns: z.number().int(),
  revenueBack: z.number(),
});
export type AttributionRow = z.infer<typeof AttributionRow>;

export const AttributionReport = z.object({
  windowDays: z.number().int(),
  totals: z.object({ touched: z.number().int(), returns: z.number().int(), revenueBack: z.number() }),
  byKind: z.array(AttributionRow),
  byReason: z.array(AttributionRow),
  byOutreach: z.array(AttributionRow),
});
export type AttributionReport = z.infer<typeof AttributionReport>;

export const MAX_ATTRIBUTION_DAYS = 730;
export const DEFAULT_ATTRIBUTION_DAYS = 90;

export const keepInTouchChannels = {
  'keepInTouch.choices': channel({ input: z.object({}).strict(), output: KeepInTouchChoices, roles: managers }),
  /** The groups and one page of the list, in the list's order (by reason, then lost revenue). */
  'keepInTouch.list': channel({
    input: z
      .object({
        filters: KeepInTouchFilters.default({}),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: KeepInTouchList,
    roles: managers,
  }),
  'keepInTouch.attribution': channel({ input: z.object({}).strict(), output: AttributionReport, roles: managers }),
  /** The same report as a CSV file (formula-safe), one line per kind, reason and outreach. */
  'keepInTouch.attribution.export': channel({
    input: z.object({}).strict(),
    output: z.object({ fileName: z.string(), text: z.string() }),
    roles: managers,
  }),
  'keepInTouch.settings.get': channel({ input: z.object({}).strict(), output: z.object({ attributionDays: z.number().int() }), roles: managers }),
  'keepInTouch.settings.set': channel({
    input: z
      .object({
        attributionDays: z
          .number()
          .int('errors.input.windowWholeDays')
          .min(1, 'errors.input.windowOneDay')
          .max(MAX_ATTRIBUTION_DAYS, 'errors.input.windowMax'),
      })
      .strict(),
    output: z.object({ attributionDays: z.number().int() }),
    roles: managers,
  }),
};
