import { z } from 'zod';
import { channel } from './channel';
import { CallSessionSchema } from './call';
import { SaidSchema } from '../i18n/saidSchema';

export const ContactPolicySchema = z
  .object({
    retryCadenceMinutes: z
      .array(z.number().int().min(5, 'errors.input.waitMin').max(60 * 1440, 'errors.input.waitMax'))
      .min(1, 'errors.input.oneWait')
      .max(20),
    outsideHoursOverride: z.boolean(),
  })
  .strict();

/** Whether a customer may be called at this moment, and why not: the card and the call screen show it. */
export const CallingStatusSchema = z.object({
  callableNow: z.boolean(),
  /** Why not, by key (calling hours, the retry wait, the ledger, the control group); null when they may be called. */
  why: SaidSchema.nullable(),
  /** The customer's time now ("14:05", or a range across candidate zones). */
  localTime: z.string(),
  /** The zone judged, or "one of N zones". */
  timeZone: z.string(),
  /** Where the zone came from, when the file named none, and whether it is certain. */
  zoneNote: SaidSchema.nullable(),
  /** The earliest next try after an unanswered call, when it is still ahead. */
  nextTryAt: z.string().nullable(),
  /** Whether the manager's policy lets this caller start a call outside hours with a reason. */
  overrideAllowed: z.boolean(),
  /** For an open call: the reason recorded when it was started outside calling hours. */
  openedOutsideHoursBecause: z.string().nullable(),
});
export type CallingStatus = z.infer<typeof CallingStatusSchema>;

const reason = z
  .string()
  .trim()
  .min(3, 'errors.input.outsideHoursWhy')
  .max(500, 'errors.input.reasonLong');

/** The manager's policy around calling hours and retries; every caller reads it, a manager sets it. */
export const contactPolicyChannels = {
  'contactPolicy.get': channel({ input: z.object({}).strict(), output: ContactPolicySchema }),
  'contactPolicy.save': channel({ input: ContactPolicySchema, output: ContactPolicySchema, roles: ['manager'] }),
  'contactPolicy.status': channel({
    input: z.object({ customerId: z.number().int().positive(), callId: z.string().min(1).max(100).optional() }).strict(),
    output: CallingStatusSchema,
  }),
  /**
   * Starts a call outside the customer's calling hours, where the manager's policy allows it: the
   * reason is recorded with the call's opening (who, when, why).
   */
  'call.startOutsideHours': channel({
    input: z.object({ customerId: z.number().int().positive(), reason }).strict(),
    output: CallSessionSchema,
  }),
};
