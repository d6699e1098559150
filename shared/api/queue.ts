import { z } from 'zod';
import { channel } from './channel';
import { HH_MM, isValidTimeZone } from '../domain/callingHours';
import { SelectionSettingsSchema } from '../domain/selection';
import { SaidSchema } from '../i18n/saidSchema';

const nameId = z.object({ id: z.string(), name: z.string() });

export const QueueItemSchema = z.object({
  id: z.number().int().positive(),
  externalId: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  phone: z.string().nullable(),
  segment: z.string().nullable(),
  product: z.string().nullable(),
  monthlyRevenue: z.number().nullable(),
  statedReason: z.string().nullable(),
  reasonCategory: z.string().nullable(),
  cycle: z.string().nullable(),
  attempts: z.number().int(),
  callbackAt: z.string().nullable(),
  priority: z.number(),
  /**
   * Why this customer is in the queue, by key and parameters (the rule, the callback, the revenue lost
   * in the organisation's currency, the priority's parts): the window says it in the person's language.
   */
  why: SaidSchema,
  assignedTo: z.string().nullable(),
  assignedToId: z.string().nullable(),
  valueBand: z.string().nullable(),
  /** The customer's zone (from the import, else the console's default) and their time now. */
  timezone: z.string(),
  localTime: z.string(),
  /** False outside the customer's calling hours or before a booked callback: visible, not diallable. */
  callableNow: z.boolean(),
  notCallableBecause: SaidSchema.nullable(),
  /** Who agreed the pending callback with the customer; it comes back to them. */
  callbackWith: z.string().nullable(),
});
export type QueueItem = z.infer<typeof QueueItemSchema>;

export const QueueQuerySchema = z
  .object({
    search: z.string().trim().max(100).optional(),
    segment: z.string().max(100).optional(),
    reasonCategory: z.string().max(100).optional(),
    cycleId: z.string().max(100).optional(),
    /** Managers only: a person's id, or 'unassigned'. Agents and executives always see their own queue. */
    assignee: z.string().max(100).optional(),
    /** Only customers who may be called now (calling hours, retry wait, callbacks booked later). */
    callableNow: z.boolean().optional(),
    sort: z.enum(['priority', 'callable', 'revenue']).optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type QueueQuery = z.input<typeof QueueQuerySchema>;


export const QueueFiltersSchema = z.object({
  segments: z.array(z.string()),
  categories: z.array(nameId),
  cycles: z.array(nameId),
});

export const QueueSettingsSchema = z
  .object({
    cycleKind: z.enum(['monthly', 'quarterly']),
    callingWindow: z
      .object({
        start: z.string().regex(HH_MM, 'errors.input.hoursStart'),
        end: z.string().regex(HH_MM, 'errors.input.hoursEnd'),
      })
      .strict()
      .refine((w) => w.start !== w.end, 'errors.input.hoursDiffer'),
    defaultTimezone: z.string().refine(isValidTimeZone, 'errors.input.timeZone'),
    callingHoursEnforced: z.boolean(),
    maxAttempts: z.number().int().min(1, 'errors.input.oneAttempt').max(20),
    executiveCap: z.number().int().min(1, 'errors.input.executiveRoom').max(100),
  })
  .strict();
export type QueueSettingsInput = z.infer<typeof QueueSettingsSchema>;

export const SelectionViewSchema = SelectionSettingsSchema.extend({
  /** What the rule builder offers as values. */
  choices: z.object({
    segments: z.array(z.string()),
    products: z.array(z.string()),
    categories: z.array(nameId),
  }),
  selected: z.number().int(),
});
export type SelectionView = z.infer<typeof SelectionViewSchema>;

const CycleGroup = z.object({ label: z.string(), customers: z.number().int(), revenue: z.number() });

export const CycleListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['monthly', 'quarterly']),
  startsOn: z.string(),
  endsOn: z.string(),
  departed: z.number().int(),
  revenue: z.number(),
});

export const CycleSummarySchema = z.object({
  cycle: CycleListItemSchema,
  departed: z.number().int(),
  revenue: z.number(),
  noContact: z.number().int(),
  unmapped: z.number().int(),
  queued: z.number().int(),
  called: z.number().int(),
  recovered: z.number().int(),
  bySegment: z.array(CycleGroup),
  byValueBand: z.array(CycleGroup),
  byReason: z.array(CycleGroup.extend({ category: z.string().nullable(), mapped: z.boolean() })),
});
export type CycleSummary = z.infer<typeof CycleSummarySchema>;

export const AssigneeLoadSchema = z.object({
  personId: z.string(),
  name: z.string(),
  role: z.enum(['agent', 'executive']),
  assigned: z.number().int(),
  /** Executives only: their handful per cycle. */
  cap: z.number().int().nullable(),
});

const manager = ['manager'] as const;

export const queueChannels = {
  'queue.list': channel({
    input: QueueQuerySchema,
    output: z.object({ items: z.array(QueueItemSchema), total: z.number().int() }),
  }),
  'queue.filters': channel({ input: z.object({}).strict(), output: QueueFiltersSchema }),
  'queue.settings.get': channel({ input: z.object({}).strict(), output: QueueSettingsSchema, roles: manager }),
  'queue.settings.save': channel({ input: QueueSettingsSchema, output: QueueSettingsSchema, roles: manager }),
  'selection.get': channel({ input: z.object({}).strict(), output: SelectionViewSchema, roles: manager }),
  'selection.save': channel({ input: SelectionSettingsSchema, output: SelectionViewSchema, roles: manager }),
  'cycles.list': channel({ input: z.object({}).strict(), output: z.array(CycleListItemSchema), roles: manager }),
  'cycles.summary': channel({
    input: z.object({ cycleId: z.string().min(1).max(100) }).strict(),
    output: CycleSummarySchema,
    roles: manager,
  }),
  'assignment.overview': channel({
    input: z.object({ cycleId: z.string().min(1).max(100) }).strict(),
    output: z.array(AssigneeLoadSchema),
    roles: manager,
  }),
  'assignment.assign': channel({
    input: z
      .object({
        customerIds: z.array(z.number().int().positive()).min(1, 'errors.input.chooseCustomer').max(500),
        personId: z.string().min(1).max(100).nullable(),
      })
      .strict(),
    output: z.object({ assigned: z.number().int() }),
    roles: manager,
  }),
  'assignment.byRule': channel({
    input: z
      .object({
        cycleId: z.string().min(1).max(100),
        role: z.enum(['agent', 'executive']),
        count: z.number().int().min(1).max(5000),
      })
      .strict(),
    output: z.object({
      assigned: z.number().int(),
      perPerson: z.array(z.object({ personId: z.string(), name: z.string(), count: z.number().int() })),
      /** Why fewer than asked were assigned, or null. */
      shortBecause: z.string().nullable(),
    }),
    roles: manager,
  }),
};
