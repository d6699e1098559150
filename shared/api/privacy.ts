import { z } from 'zod';
import { channel } from './channel';
import type { CsvColumn } from '../csv/write';

export const PrivacyAuditRowSchema = z.object({
  at: z.string(),
  /** The person's name, or "the command line" for a command run without one. */
  who: z.string(),
  /** What was done: an entry added or expired, a list imported, a consent answer, an erasure. */
  what: z.string(),
  /** The kind, scope or channel, where there is one. */
  kind: z.string(),
  count: z.number().int(),
});
export type PrivacyAuditRow = z.infer<typeof PrivacyAuditRowSchema>;

/** The audit log as CSV: no personal data in it, only who, when, what kind and how many. */
export const PRIVACY_AUDIT_CSV: CsvColumn<PrivacyAuditRow>[] = [
  { header: 'When', value: (r) => r.at },
  { header: 'Who', value: (r) => r.who },
  { header: 'What', value: (r) => r.what },
  { header: 'Kind', value: (r) => r.kind },
  { header: 'How many', value: (r) => r.count },
];

/** The longest retention a manager may set (fifty years); the backend holds the same bound. */
export const MAX_RETENTION_MONTHS = 600;

export const RetentionSettingsSchema = z.object({
  /** Months after departure, with no call since, that personal data is kept; null is off. */
  months: z.number().int().nullable(),
  /** Whether the console applies it by itself every day. */
  daily: z.boolean(),
  /** The last run, daily or by hand (its audit rows): when, and how many customers it erased. */
  lastRun: z.object({ at: z.string(), erased: z.number().int() }).nullable(),
  /** When the daily run is next due; null while it is off. */
  nextRunAt: z.string().nullable(),
  /** How many customers a run now would erase with these months; null while off. */
  wouldErase: z.number().int().nullable(),
});
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;

export const RetentionSettingInput = z
  .object({
    months: z
      .number()
      .int('errors.input.monthsWhole2')
      .min(1, 'errors.input.retentionMonth')
      .max(MAX_RETENTION_MONTHS, 'errors.input.retentionMonthsMax')
      .nullable(),
    daily: z.boolean(),
  })
  .strict()
  .refine((v) => !(v.daily && v.months === null), { message: 'errors.input.dailyNeedsMonths', path: ['daily'] });
export type RetentionSettingInput = z.infer<typeof RetentionSettingInput>;

/** Personal data on request: a manager erases a customer, typing the customer's id to confirm. */
export const privacyChannels = {
  'privacy.erase': channel({
    input: z
      .object({
        customerId: z.number().int().positive(),
        /** The customer's id, typed by the manager: an erasure cannot be undone. */
        confirm: z.string().trim().min(1, 'errors.input.typeIdToConfirm').max(100),
      })
      .strict(),
    output: z.object({ erasedAs: z.string(), calls: z.number().int() }),
    roles: ['manager'],
  }),
  /** Erasures and permission changes, newest first: who, when, what kind, how many. */
  'privacy.audit': channel({
    input: z.object({ limit: z.number().int().min(1).max(100_000).default(1000) }).strict(),
    output: z.array(PrivacyAuditRowSchema),
    roles: ['manager'],
  }),
  /** Retention by age: the setting, the last run and when the next is due. */
  'privacy.retention': channel({
    input: z.object({}).strict(),
    output: RetentionSettingsSchema,
    roles: ['manager'],
  }),
  'privacy.retention.set': channel({
    input: RetentionSettingInput,
    output: RetentionSettingsSchema,
    roles: ['manager'],
  }),
};
