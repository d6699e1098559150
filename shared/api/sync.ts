import { z } from 'zod';
import { channel } from './channel';

export const SyncStatusSchema = z.object({
  hubConfigured: z.boolean(),
  /** null while no hub is configured: the console is simply standalone. */
  online: z.boolean().nullable(),
  pending: z.number().int(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const syncChannels = {
  'sync.status': channel({ input: z.object({}).strict(), output: SyncStatusSchema }),
};
