import { countPendingEvents } from '../../../db/repos/outbox';
import { getSetting } from '../../../db/repos/settings';
import type { HandlerGroup } from '../handlers';
import { hasHubToken, readHubUrl, SYNC_KEYS } from './settings';

/** Kept for callers of the first version; the full list lives in sync/settings.ts. */
export const SYNC_SETTING_KEYS = {
  hubUrl: SYNC_KEYS.hubUrl,
  lastSyncAt: SYNC_KEYS.lastSyncAt,
  lastError: SYNC_KEYS.lastError,
  online: SYNC_KEYS.online,
} as const;

export const syncHandlers: HandlerGroup<'sync.status'> = {
  'sync.status': (deps) => {
    const hubConfigured = readHubUrl(deps.db) !== null;
    const tokenMissing = hubConfigured && !hasHubToken(deps.db);
    return {
      hubConfigured,
      // Online means the hub answered the last time this console asked.
      online: hubConfigured ? !tokenMissing && (getSetting<boolean>(deps.db, SYNC_KEYS.online) ?? false) : null,
      pending: countPendingEvents(deps.db),
      lastSyncAt: getSetting<string>(deps.db, SYNC_KEYS.lastSyncAt) ?? null,
      lastError: tokenMissing
        ? "No hub token entered yet: enter this console's token in Admin, Hub to start syncing."
        : (getSetting<string>(deps.db, SYNC_KEYS.lastError) ?? null),
    };
  },
};
