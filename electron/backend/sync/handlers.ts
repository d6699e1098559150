import { getSetting, setSetting } from '../../../db/repos/settings';
import { countPendingEvents } from '../../../db/repos/outbox';
import type { HubSettings } from '../../../shared/api/sync';
import type { HandlerGroup } from '../types';
import type { ServiceDeps } from '../types';
import { audit } from '../../../db/repos/audit';
import { HubRequestError, type HubClient } from './hubClient';
import { connectHub } from './failover';
import { forgetHub, hasHubToken, normaliseHubUrls, readHubConfig, readHubUrl, recordHubSavedBy, saveHubSettings, SYNC_KEYS } from './settings';
import { pullAssignments, publishAssignments } from './assignments';
import { pushOutbox, withSyncLock } from './sender';
import { syncLedger } from '../permissions/hubSync';
import { nudgeSyncLoop, recordSyncFailure, recordSyncSuccess, refusedMessage } from './loop';
import { appError, appErrorSaying } from '../i18n/errors';
import { said } from '../../../shared/i18n/said';
import { keptSetting } from '../../../shared/i18n/kept';

function hubSettings(deps: ServiceDeps): HubSettings {
  return {
    url: readHubUrl(deps.db),
    tokenConfigured: hasHubToken(deps.db),
    refusedEvents: getSetting<number>(deps.db, SYNC_KEYS.refused) ?? 0,
    lastPullAt: getSetting<string>(deps.db, SYNC_KEYS.lastPullAt) ?? null,
  };
}

function hubClient(deps: ServiceDeps): HubClient {
  const config = readHubConfig(deps.db);
  if (!config) {
    throw (readHubUrl(deps.db) ? appError('not_set_up', 'hub.tokenFirst') : appError('not_set_up', 'hub.none'));
  }
  return connectHub(config);
}

/**
 * Runs an on-demand exchange with the hub. Its outcome shows in the status area like a background
 * round's (`synced`: it moved data, so it counts as the last sync); a failure becomes a message
 * for the person.
 */
async function talkToHub<T>(deps: ServiceDeps, work: (client: HubClient) => Promise<T>, synced = true): Promise<T> {
  const client = hubClient(deps);
  try {
    const result = await work(client);
    recordSyncSuccess(deps, synced);
    return result;
  } catch (error) {
    if (error instanceof HubRequestError) {
      recordSyncFailure(deps, error);
      throw appErrorSaying(error.failure === 'forbidden' ? 'forbidden' : 'network', error.said);
    }
    throw error;
  }
}

/** The console's own sync state, and its exchanges with the hub. */
export const syncHandlers: HandlerGroup<
  | 'sync.status'
  | 'hub.settings.get' | 'hub.settings.set' | 'hub.settings.clear' | 'hub.test' | 'sync.now' | 'hub.assignments.pull' | 'hub.assignments.publish' | 'hub.trends'
> = {
  'sync.status': (deps) => {
    const hubConfigured = readHubUrl(deps.db) !== null;
    const tokenMissing = hubConfigured && !hasHubToken(deps.db);
    return {
      hubConfigured,
      // Online means the hub answered the last time this console asked.
      online: hubConfigured ? !tokenMissing && (getSetting<boolean>(deps.db, SYNC_KEYS.online) ?? false) : null,
      pending: countPendingEvents(deps.db),
      lastSyncAt: getSetting<string>(deps.db, SYNC_KEYS.lastSyncAt) ?? null,
      // Kept by key since sentences were; a plain string is an older console's English, shown as written.
      lastError: tokenMissing ? said('errors.sync.noToken') : keptSetting(getSetting<unknown>(deps.db, SYNC_KEYS.lastError)),
    };
  },
  'hub.settings.get': (deps) => hubSettings(deps),
  'hub.settings.set': (deps, input, ctx) => {
    // A wrong address throws the error the person reads, by key.
    const url = normaliseHubUrls(input.url).join(', ');
    deps.db.transaction(() => {
      saveHubSettings(deps.db, { url, token: input.token });
      recordHubSavedBy(deps.db, ctx.user.role);
    })();
    // The address is not secret; the token is never written anywhere but the settings row.
    audit(deps.db, { at: deps.now().toISOString(), actorId: ctx.user.id, action: 'hub.settings.set', entity: 'settings', detail: { url, tokenChanged: input.token !== undefined } });
    nudgeSyncLoop(deps.db);
    return hubSettings(deps);
  },
  'hub.settings.clear': (deps, _input, ctx) => {
    forgetHub(deps.db);
    recordHubSavedBy(deps.db, null);
    audit(deps.db, { at: deps.now().toISOString(), actorId: ctx.user.id, action: 'hub.settings.clear', entity: 'settings' });
    return hubSettings(deps);
  },
  'hub.test': (deps) => talkToHub(deps, (client) => client.me(), false),
  'sync.now': async (deps) => {
    const result = await talkToHub(deps, (client) =>
      withSyncLock(deps.db, async () => {
        const pushed = await pushOutbox(deps.db, client, { now: deps.now });
        if (pushed.error) throw pushed.error;
        await syncLedger(deps.db, client, deps.now);
        return { sent: pushed.sent, refused: pushed.refused, pending: pushed.pending };
      }),
    );
    if (result.refused > 0) setSetting(deps.db, SYNC_KEYS.lastError, refusedMessage(result.refused));
    return result;
  },
  'hub.assignments.pull': (deps, _input, ctx) => talkToHub(deps, (client) => pullAssignments(deps, client, ctx.user)),
  'hub.assignments.publish': (deps, input, ctx) => talkToHub(deps, (client) => publishAssignments(deps, client, input, ctx.user)),
  'hub.trends': (deps, input) => talkToHub(deps, (client) => client.reasonsReport(input), false),
};
