import { listPauseReasons, replacePauseReasons } from '../../../db/repos/pauses';
import { audit } from '../../../db/repos/audit';
import type { HandlerGroup, ServiceDeps } from '../types';
import { connectHub } from './failover';
import { HubRequestError, type HubClient } from './hubClient';
import { readHubConfig, readHubUrl } from './settings';
import { presenceChanged } from '../presence/changes';
import { appError, appErrorSaying } from '../i18n/errors';

function hub(deps: ServiceDeps, what: string): HubClient {
  const config = readHubConfig(deps.db);
  if (!config) {
    throw (readHubUrl(deps.db) ? appError('not_set_up', 'hub.tokenFirst') : appError('not_set_up', 'hub.noneFor', { what }));
  }
  return connectHub(config);
}

async function fromHub<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HubRequestError) throw appErrorSaying(error.failure === 'forbidden' ? 'forbidden' : 'network', error.said);
    throw error;
  }
}

/** The floor board, the floor's pause time and its pause reasons: a manager's exchanges with the hub. */
export const boardHandlers: HandlerGroup<'board.get' | 'hub.pauses' | 'presence.reasons.save'> = {
  'board.get': (deps) => fromHub(() => hub(deps, 'The floor board').board()),
  'hub.pauses': (deps, input) => fromHub(() => hub(deps, 'Pause time across the floor').pauseReport(input)),
  'presence.reasons.save': async (deps, input, ctx) => {
    // With a hub, the floor's list lives there and comes back to every desk (this one included):
    // it is published first, and nothing changes here if the hub cannot take it.
    const config = readHubConfig(deps.db);
    if (config) await fromHub(() => connectHub(config).publishPauseReasons(input.pauseReasons));
    deps.db.transaction(() => {
      replacePauseReasons(deps.db, input.pauseReasons);
      audit(deps.db, { at: deps.now().toISOString(), actorId: ctx.user.id, action: 'presence.reasons.save', entity: 'pause_reasons', detail: { count: input.pauseReasons.length, hub: config !== null } });
    })();
    presenceChanged(deps.db);
    return { pauseReasons: listPauseReasons(deps.db).map((r) => ({ id: r.id, label: r.label })), publishedToHub: config !== null };
  },
};
