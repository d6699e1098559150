import { z } from 'zod';
import { channel } from './channel';
import { checkPhoneNumber, DIAL_SCHEMES, PHONE_MAX_LENGTH } from '../domain/phone';

const PhoneNumberSchema = z
  .string()
  .max(PHONE_MAX_LENGTH, `A phone number is at most ${PHONE_MAX_LENGTH} characters.`)
  .superRefine((value, ctx) => {
    const check = checkPhoneNumber(value);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
  });

export const dialChannels = {
  /**
   * Hands a customer's number to the desk's phone app (desktop console only), unless the
   * contact-permission ledger blocks the number or the customer: then it opens nothing.
   */
  'dial.open': channel({
    input: z.object({ number: PhoneNumberSchema, customerId: z.number().int().positive().optional() }).strict(),
    output: z.object({ scheme: z.enum(DIAL_SCHEMES) }),
  }),
};
