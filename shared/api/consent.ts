import { z } from 'zod';
import { channel } from './channel';
import { CONSENT_ANSWERS, CONSENT_CHANNELS } from '../domain/consent';

export const ConsentAnswerSchema = z.object({
  channel: z.enum(CONSENT_CHANNELS),
  answer: z.enum(CONSENT_ANSWERS),
  /** The question exactly as it was read. */
  wording: z.string(),
  at: z.string(),
  by: z.string(),
  callId: z.string(),
});
export type ConsentAnswerRecord = z.infer<typeof ConsentAnswerSchema>;

/** The latest answer per channel; null where the customer was never asked. */
export const ConsentLatestSchema = z.object({
  phone: ConsentAnswerSchema.nullable(),
  email: ConsentAnswerSchema.nullable(),
  post: ConsentAnswerSchema.nullable(),
});
export type ConsentLatest = z.infer<typeof ConsentLatestSchema>;

export const consentChannels = {
  /**
   * Records the customer's answer on this call, with the question as read. A "no" puts the
   * number (or email address) on the contact-permission ledger at once.
   */
  'consent.record': channel({
    input: z
      .object({
        customerId: z.number().int().positive(),
        callId: z.string().uuid(),
        channel: z.enum(CONSENT_CHANNELS),
        answer: z.enum(CONSENT_ANSWERS),
        wording: z.string().min(1).max(500),
      })
      .strict(),
    output: ConsentLatestSchema,
  }),
  /** The latest answers and every earlier one, newest first. */
  'consent.get': channel({
    input: z.object({ customerId: z.number().int().positive() }).strict(),
    output: z.object({ latest: ConsentLatestSchema, history: z.array(ConsentAnswerSchema) }),
  }),
};
