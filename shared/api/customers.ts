import { z } from 'zod';
import { channel } from './channel';
import { OUTCOMES } from '../domain/outcomes';
import { ContactBlockSchema } from './permissions';
import { ConsentLatestSchema } from './consent';

const id = z.number().int().positive();

export const CallSummarySchema = z.object({
  id: z.string(),
  at: z.string(),
  caller: z.string(),
  outcome: z.enum(OUTCOMES).nullable(),
  diagnosedReason: z.string().nullable(),
});

export const CustomerCardSchema = z.object({
  id,
  externalId: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  timezone: z.string().nullable(),
  segment: z.string().nullable(),
  product: z.string().nullable(),
  monthlyRevenue: z.number().nullable(),
  tenureMonths: z.number().nullable(),
  departedAt: z.string().nullable(),
  statedReason: z.string().nullable(),
  statedReasonMapped: z.string().nullable(),
  reasonCategory: z.string().nullable(),
  frontlineRep: z.string().nullable(),
  frontlineTeam: z.string().nullable(),
  notes: z.string().nullable(),
  cycle: z.string().nullable(),
  doNotContact: z.boolean(),
  /** Held out of this cycle's calls, to measure what the calls win. */
  controlGroup: z.boolean(),
  /** What the contact-permission ledger says against calling them; null when nothing. */
  callBlock: ContactBlockSchema.nullable(),
  /** The latest answer per channel to the consent question. */
  consent: ConsentLatestSchema,
  calls: z.array(CallSummarySchema),
});
export type CustomerCard = z.infer<typeof CustomerCardSchema>;

export const customerChannels = {
  'customers.get': channel({
    input: z.object({ id }).strict(),
    output: CustomerCardSchema,
  }),
};
