import { buildHubApp, startHub, type HubServerOptions, type RunningHub } from '../../hub/server';
import { createToken } from '../../hub/tokens';
import type { HubStore } from '../../hub/store/connect';
import type { HubDialect } from '../../hub/store/migrations';
import type { Role } from '../../shared/domain/roles';
import { storeFixture, type StoreFixture } from './stores';

export interface TestHub {
  fixture: StoreFixture;
  store: HubStore;
  running: RunningHub;
  url: string;
  token: (name: string, role: Role) => Promise<string>;
  get: (path: string, token: string | null) => Promise<Response>;
  post: (path: string, token: string | null, body: unknown) => Promise<Response>;
  close: () => Promise<void>;
}

/** A hub on loopback over a fresh store of the given kind, as a console would reach it. */
export async function startTestHub(kind: HubDialect, options: Partial<HubServerOptions> = {}): Promise<TestHub> {
  const fixture = await storeFixture(kind);
  const store = await fixture.open();
  const running = await startHub({ store, port: 0, rateLimit: false, ...options });
  const auth = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  return {
    fixture,
    store,
    running,
    url: running.url,
    token: (name, role) => createToken(store, { name, role }, new Date()),
    get: (path, token) => fetch(`${running.url}${path}`, { headers: auth(token) }),
    post: (path, token, body) =>
      fetch(`${running.url}${path}`, {
        method: 'POST',
        headers: { ...auth(token), 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    close: async () => {
      await running.close();
      await store.close();
      await fixture.dispose();
    },
  };
}

export { buildHubApp };
