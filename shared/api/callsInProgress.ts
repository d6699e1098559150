import { z } from 'zod';
import { channel } from './channel';
import { STAGES } from '../domain/stages';

export const UnfinishedCallSchema = z.object({
  customerId: z.number().int().positive(),
  callId: z.string(),
  /** The customer's name, or their id when the record has none. */
  customer: z.string(),
  stage: z.enum(STAGES),
  savedAt: z.string(),
});
export type UnfinishedCall = z.infer<typeof UnfinishedCallSchema>;

/** Calls the person started and has not completed: each is kept as a draft until it is. */
export const callsInProgressChannels = {
  'call.unfinished': channel({ input: z.object({}).strict(), output: z.array(UnfinishedCallSchema) }),
};
