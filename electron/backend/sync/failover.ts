import { said } from '../../../shared/i18n/said';
import { createHubClient, HubRequestError, type HubClient, type HubClientOptions } from './hubClient';
import type { HubConfig } from './settings';

/**
 * A hub reached at several addresses (instances on one PostgreSQL, each with its own address):
 * every request goes to the address that last answered, and one that cannot be reached (refused,
 * timed out, a 5xx: a hub killed, stopping or broken) is left for the next, once each per request.
 * Anything the hub said on purpose (401, 403, 400, 413, 429) is the answer and is not retried
 * elsewhere. Every request the console makes is safe to repeat (events are idempotent on their
 * ids, assignments and pause reasons are upserts, presence carries a sequence number), so a
 * request whose answer was lost with its hub is simply sent again to the next one.
 */
const FAILOVER: ReadonlySet<HubRequestError['failure']> = new Set(['offline', 'timeout', 'server']);

/** The address that last answered, per list of addresses, for the life of the process. */
const preferred = new Map<string, number>();

export type ConnectOptions = Omit<HubClientOptions, 'url' | 'token'>;

export function connectHub(config: HubConfig, options: ConnectOptions = {}): HubClient {
  const urls = config.urls.length > 0 ? config.urls : [config.url];
  const clients = urls.map((url) => createHubClient({ ...options, url, token: config.token }));
  const first = clients[0];
  if (!first) throw new Error('connectHub needs at least one hub address');
  if (clients.length === 1) return first;
  const key = urls.join(' ');

  async function attempt<T>(call: (client: HubClient) => Promise<T>): Promise<T> {
    const start = preferred.get(key) ?? 0;
    let last: unknown = null;
    for (let i = 0; i < clients.length; i += 1) {
      const index = (start + i) % clients.length;
      const client = clients[index];
      if (!client) continue;
      try {
        const result = await call(client);
        preferred.set(key, index);
        return result;
      } catch (error) {
        if (!(error instanceof HubRequestError) || !FAILOVER.has(error.failure) || options.signal?.aborted) throw error;
        last = error;
      }
    }
    throw last instanceof HubRequestError
      ? new HubRequestError(last.failure, said('errors.hub.request.noneAnswered', { count: clients.length, last: last.said }), last.retryAfterMs)
      : last;
  }

  return {
    get host() {
      return clients[preferred.get(key) ?? 0]?.host ?? first.host;
    },
    me: () => attempt((c) => c.me()),
    postEvents: (events) => attempt((c) => c.postEvents(events)),
    assignments: () => attempt((c) => c.assignments()),
    publishAssignments: (request) => attempt((c) => c.publishAssignments(request)),
    reasonsReport: (filters) => attempt((c) => c.reasonsReport(filters)),
    presence: (report) => attempt((c) => c.presence(report)),
    board: () => attempt((c) => c.board()),
    publishPauseReasons: (list) => attempt((c) => c.publishPauseReasons(list)),
    pauseReport: (filters) => attempt((c) => c.pauseReport(filters)),
    pushPermissions: (request) => attempt((c) => c.pushPermissions(request)),
    pullPermissions: (after) => attempt((c) => c.pullPermissions(after)),
  };
}
