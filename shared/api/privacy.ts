import { z } from 'zod';
import { channel } from './channel';

/** Personal data on request: a manager erases a customer, typing the customer's id to confirm. */
export const privacyChannels = {
  'privacy.erase': channel({
    input: z
      .object({
        customerId: z.number().int().positive(),
        /** The customer's id, typed by the manager: an erasure cannot be undone. */
        confirm: z.string().trim().min(1, "Type the customer's id to confirm.").max(100),
      })
      .strict(),
    output: z.object({ erasedAs: z.string(), calls: z.number().int() }),
    roles: ['manager'],
  }),
};
