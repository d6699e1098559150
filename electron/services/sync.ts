import { countPendingEvents } from '../../db/repos/outbox';
import { getSetting } from '../../db/repos/settings';
import type { HandlerGroup } from '../backend/handlers';

export const SYNC_SETTING_KEYS = {
  hubUrl: 'sync.hubUrl',
  lastSyncAt: 'sync.lastSyncAt',
  lastError: 'sync.lastError',
  online: 'sync.online',
} as const;

export const syncHandlers: HandlerGroup<'sync.status'> = {
  'sync.status': (deps) => {
    const hubConfigured = Boolean(getSetting<string>(deps.db, SYNC_SETTING_KEYS.hubUrl));
    return {
      hubConfigured,
      online: hubConfigured ? (getSetting<boolean>(deps.db, SYNC_SETTING_KEYS.online) ?? false) : null,
      pending: countPendingEvents(deps.db),
      lastSyncAt: getSetting<string>(deps.db, SYNC_SETTING_KEYS.lastSyncAt) ?? null,
      lastError: getSetting<string>(deps.db, SYNC_SETTING_KEYS.lastError) ?? null,
    };
  },
};
