import { z } from 'zod';
import { channel } from './channel';
import { checkPhoneNumber, DIAL_SCHEMES, PHONE_MAX_LENGTH } from '../domain/phone';
import { e164ProblemSaid } from '../domain/phoneE164';

const PhoneNumberSchema = z
  .string()
  .max(PHONE_MAX_LENGTH, 'errors.input.phoneTooLong')
  .superRefine((value, ctx) => {
    const check = checkPhoneNumber(value);
    // The reason by key travels as the issue's params, so the window says it in the person's language.
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason, params: { said: e164ProblemSaid(check.problem) } });
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
