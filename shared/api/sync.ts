import { z } from 'zod';
import { KeptSchema } from '../i18n/kept';
import { channel } from './channel';
import { ReasonsReport, ReasonsReportFilters } from '../reports/reasons';
import { HubIdentity, PublishAssignmentsResponse } from '../sync/hubApi';

export const SyncStatusSchema = z.object({
  hubConfigured: z.boolean(),
  /** null while no hub is configured: the console is simply standalone. */
  online: z.boolean().nullable(),
  pending: z.number().int(),
  lastSyncAt: z.string().nullable(),
  /** The last problem, by key (an older console's plain English words show as written). */
  lastError: KeptSchema.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;


/** What the window may know of the hub settings: the address, and only whether a token is set. */
export const HubSettingsSchema = z.object({
  url: z.string().nullable(),
  tokenConfigured: z.boolean(),
  /** Events the hub refused for good (kept in the audit log). */
  refusedEvents: z.number().int(),
  lastPullAt: z.string().nullable(),
});
export type HubSettings = z.infer<typeof HubSettingsSchema>;

const hubToken = z
  .string()
  .trim()
  .regex(/^wbh_[A-Za-z0-9_-]{20,200}$/, 'errors.input.hubToken');

/** The console's own sync state, and its exchanges with the hub. */
export const syncChannels = {
  'sync.status': channel({ input: z.object({}).strict(), output: SyncStatusSchema }),
  'hub.settings.get': channel({ input: z.object({}).strict(), output: HubSettingsSchema }),
  'hub.settings.set': channel({
    input: z
      .object({
        url: z.string().trim().min(1, 'errors.input.hubAddress').max(2000),
        /** Omitted keeps the token already stored. */
        token: hubToken.optional(),
      })
      .strict(),
    output: HubSettingsSchema,
  }),
  'hub.settings.clear': channel({ input: z.object({}).strict(), output: HubSettingsSchema }),
  /** Asks the hub who this console's token belongs to. */
  'hub.test': channel({ input: z.object({}).strict(), output: HubIdentity }),
  'sync.now': channel({
    input: z.object({}).strict(),
    output: z.object({ sent: z.number().int(), refused: z.number().int(), pending: z.number().int() }),
  }),
  'hub.assignments.pull': channel({
    input: z.object({}).strict(),
    output: z.object({ received: z.number().int(), added: z.number().int(), updated: z.number().int() }),
  }),
  'hub.assignments.publish': channel({
    input: z.object({ cycleId: z.string().max(100).optional() }).strict(),
    output: PublishAssignmentsResponse,
    roles: ['manager'],
  }),
  /** The org-wide reasons report from the hub (every console's events). */
  'hub.trends': channel({ input: ReasonsReportFilters, output: ReasonsReport, roles: ['manager'] }),
};
