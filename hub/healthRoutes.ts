import { sql } from 'kysely';
import type { HubRoutes } from './routeKit';

/** How long readiness waits for the store before saying it is not ready. */
const STORE_CHECK_TIMEOUT_MS = 2_000;

/**
 * For the load balancer and the operator, without a token: `/healthz` says the process answers;
 * `/readyz` says it can serve (the store answers a query, and it is not shutting down). Neither
 * says anything about the data.
 */
export const healthRoutes: HubRoutes = (app, { store, accepting, log }) => {
  const open = { config: { public: true, rateLimit: false } } as const;

  app.get('/healthz', open, () => ({ status: 'ok' }));

  app.get('/readyz', open, async (_req, reply) => {
    if (!accepting()) return reply.code(503).send({ status: 'shutting_down', store: 'not checked' });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sql`select 1`.execute(store.db),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), STORE_CHECK_TIMEOUT_MS);
        }),
      ]);
      return { status: 'ready', store: store.dialect };
    } catch (error) {
      log.error('readiness check failed', { error: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
      return reply.code(503).send({ status: 'store_unavailable', store: store.dialect });
    } finally {
      clearTimeout(timer);
    }
  });
};
