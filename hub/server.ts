import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Role } from '../shared/domain/roles';
import { ReasonsReportFilters } from '../shared/reports/reasons';
import { IngestRequest, MAX_EVENTS_PER_BATCH, PublishAssignmentsRequest } from '../shared/sync/hubApi';
import type { HubStore } from './store/connect';
import { FOLD_EVERY_MS, foldPendingCells } from './store/cellsFold';
import { authenticate, hashToken, type Caller } from './tokens';
import { ingestBatch } from './ingest';
import { reasonsReport } from './trends';
import { effectReportOrgWide } from './effect';
import { handleTimeOrgWide, offerEconomicsOrgWide } from './effectMoneyCells';
import { EffectFilters } from '../shared/reports/effect';
import { csvHeader, csvRowWriter } from '../shared/csv/write';
import { reasonsCsvColumns } from '../shared/reports/reasonsCsv';
import { assignmentsFor, publishAssignments } from './assignments';
import { silentHubLogger, type HubLogger } from './log';
import { outreachRoutes } from './outreach';
import { DEFAULT_AUTH_FAILURE_LIMIT, pruneCounters, recordAuthFailure, sharedRateLimitStore, type AuthFailureLimit } from './limits';
import { firstIssue, type HubRouteContext } from './routeKit';
import { boardRoutes } from './boardRoutes';
import { healthRoutes } from './healthRoutes';
import { permissionsRoutes } from './permissions';

export interface HubServerOptions {
  store: HubStore;
  now?: () => Date;
  log?: HubLogger;
  /** Largest request body in bytes (default 4 MiB: a full batch of events fits with room). */
  bodyLimit?: number;
  /** Requests per token (or per address without one) per window; false turns the limit off. */
  rateLimit?: { max: number; timeWindowMs: number } | false;
  /** Failed sign-ins per address per window before 429; false turns the limit off. Counted in the store. */
  authFailureLimit?: AuthFailureLimit | false;
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), as Fastify's trustProxy:
   * the reverse proxy's address. Without it every console behind the proxy shares one address.
   */
  trustProxy?: boolean | string | string[];
}

export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;
export const DEFAULT_RATE_LIMIT = { max: 600, timeWindowMs: 60_000 };

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    roles?: readonly Role[];
    /** Answered without a token (health and readiness). */
    public?: boolean;
  }
}

function problem(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

function bearer(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/**
 * The hub's HTTP API. Every request carries a hub token (Authorization: Bearer); the token's role
 * decides what it may read. Consoles post events and read their assignments; managers also read
 * org-wide trends and publish assignments.
 */
export async function buildHubApp(options: HubServerOptions): Promise<FastifyInstance> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? silentHubLogger;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({ logger: false, bodyLimit, trustProxy: options.trustProxy ?? false });
  const authFailureLimit = options.authFailureLimit ?? DEFAULT_AUTH_FAILURE_LIMIT;
  let accepting = true;
  app.addHook('preClose', () => {
    accepting = false;
  });
  // Answers finished while shutting down close their connection: a kept-alive one would otherwise
  // hold the close open until its keep-alive timeout, long after the last batch was answered.
  app.addHook('onSend', async (_req, reply) => {
    if (!accepting) reply.header('Connection', 'close');
  });
  const routes: HubRouteContext = { store, now, log, accepting: () => accepting };
  const pruning = setInterval(() => {
    pruneCounters(store, now().getTime()).catch(() => log.error('could not prune request counters'));
  }, 60_000);
  pruning.unref();
  app.addHook('onClose', () => clearInterval(pruning));
  // Ingest appends the report's cell changes on PostgreSQL; they are folded into the cells here, off the ingest path (store/cellsFold.ts).
  let folding: Promise<unknown> | null = null;
  const fold = setInterval(() => {
    if (folding || store.dialect !== 'postgres') return;
    folding = foldPendingCells(store)
      .catch((error: unknown) => log.error('could not fold report cells', { error: (error as { code?: string }).code ?? 'unknown' }))
      .finally(() => {
        folding = null;
      });
  }, FOLD_EVERY_MS);
  fold.unref();
  app.addHook('onClose', async () => {
    clearInterval(fold);
    await folding;
  });
  app.decorateRequest('caller', null);

  app.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, req, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) {
      // Read and discard what is left of the body, so the console gets this answer instead of a
      // connection reset while it is still sending (which it could only report as "unreachable").
      req.raw.resume();
      return problem(reply, 413, 'too_large', `The request is larger than the hub accepts (${Math.round(bodyLimit / 1024)} KiB). Send fewer events at a time.`);
    }
    if (status === 429) return problem(reply, 429, 'rate_limited', error.message ?? 'Too many requests; wait a moment and try again.');
    if (status >= 400 && status < 500) {
      return problem(reply, status, 'bad_request', `The request could not be read: ${error.message ?? 'malformed'}.`);
    }
    log.error('request failed', { route: req.routeOptions.url ?? 'unknown', error: error.code ?? 'unknown' });
    return problem(reply, 500, 'internal', 'The hub could not complete the request; nothing was changed. Try again.');
  });
  app.setNotFoundHandler((_req, reply) => problem(reply, 404, 'not_found', 'There is no such hub address.'));

  if (options.rateLimit !== false) {
    const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
    await app.register(rateLimit, {
      max: limit.max,
      timeWindow: limit.timeWindowMs,
      // Counted in the store, so every hub instance on it shares one budget per token.
      store: sharedRateLimitStore(store, () => now().getTime()),
      // Per token, so consoles behind one NAT or proxy do not share a budget; the hash, never the token.
      keyGenerator: (req) => {
        const token = bearer(req);
        return token ? `t:${hashToken(token)}` : `ip:${req.ip}`;
      },
      errorResponseBuilder: (_req, ctx) => ({
        statusCode: 429,
        message: `Too many requests: at most ${ctx.max} per ${Math.round(ctx.ttl / 1000) || 1} seconds for one token. Try again in ${ctx.after}.`,
      }),
    });
  }

  app.addHook('onRequest', async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    reply.header('X-Content-Type-Options', 'nosniff');
    if (req.routeOptions.config.public === true) return undefined;
    const token = bearer(req);
    if (!token) {
      reply.header('WWW-Authenticate', 'Bearer');
      return problem(reply, 401, 'unauthorized', 'A hub token is required (Authorization: Bearer <token>).');
    }
    const caller = await authenticate(store, token, now());
    const waitMs = !caller && authFailureLimit ? await recordAuthFailure(store, req.ip, authFailureLimit, now().getTime()) : null;
    if (waitMs !== null) {
      reply.header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
      return problem(reply, 429, 'rate_limited', 'Too many requests with tokens the hub does not accept came from this address; wait and try again with a valid token.');
    }
    if (!caller) {
      reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return problem(reply, 401, 'unauthorized', 'The hub does not accept this token: it is unknown or has been revoked. Ask your manager for a new one.');
    }
    req.caller = caller;
    const roles = req.routeOptions.config.roles;
    if (roles && !roles.includes(caller.role)) {
      return problem(reply, 403, 'forbidden', `This needs a ${roles.join(' or ')} token; "${caller.name}" is ${caller.role}.`);
    }
    return undefined;
  });

  const callerOf = (req: FastifyRequest): Caller => {
    if (!req.caller) throw new Error('unauthenticated request reached a handler');
    return req.caller;
  };

  app.get('/v1/me', (req) => callerOf(req));

  app.post('/v1/events', async (req, reply) => {
    const body = IngestRequest.safeParse(req.body);
    if (!body.success) return problem(reply, 400, 'bad_request', `The batch is not valid: ${firstIssue(body.error)}`);
    const caller = callerOf(req);
    const result = await ingestBatch(store, body.data.events, { name: caller.name, role: caller.role }, now());
    log.info('events received', { from: caller.name, accepted: result.accepted.length, duplicate: result.duplicate.length, rejected: result.rejected.length });
    return { ...result, maxEvents: MAX_EVENTS_PER_BATCH };
  });

  const filtersFrom = (query: unknown) => ReasonsReportFilters.safeParse(query ?? {});

  app.get('/v1/trends', { config: { roles: ['manager'] } }, async (req, reply) => {
    const filters = filtersFrom(req.query);
    if (!filters.success) return problem(reply, 400, 'bad_request', `The filters are not valid: ${firstIssue(filters.error)}`);
    return reasonsReport(store, filters.data);
  });

  app.get('/v1/effect', { config: { roles: ['manager'] } }, async (req, reply) => {
    const filters = EffectFilters.safeParse(req.query ?? {});
    if (!filters.success) return problem(reply, 400, 'bad_request', `The filters are not valid: ${firstIssue(filters.error)}`);
    const report = await effectReportOrgWide(store, filters.data);
    if ('notFound' in report) return problem(reply, 404, 'not_found', report.notFound);
    return report;
  });

  // Offer economics and handle time across every console (hub/effectMoneyCells.ts); pause time by person
  // and reason is /v1/reports/pauses.
  app.get('/v1/effect/offers', { config: { roles: ['manager'] } }, async (req, reply) => {
    const filters = EffectFilters.safeParse(req.query ?? {});
    if (!filters.success) return problem(reply, 400, 'bad_request', `The filters are not valid: ${firstIssue(filters.error)}`);
    return offerEconomicsOrgWide(store, filters.data);
  });

  app.get('/v1/effect/handle-time', { config: { roles: ['manager'] } }, async (req, reply) => {
    const filters = EffectFilters.safeParse(req.query ?? {});
    if (!filters.success) return problem(reply, 400, 'bad_request', `The filters are not valid: ${firstIssue(filters.error)}`);
    return handleTimeOrgWide(store, filters.data);
  });

  app.get('/v1/export', { config: { roles: ['manager'] } }, async (req, reply) => {
    const { bom, ...query } = (req.query ?? {}) as Record<string, unknown>;
    const filters = filtersFrom(query);
    if (!filters.success) return problem(reply, 400, 'bad_request', `The filters are not valid: ${firstIssue(filters.error)}`);
    const report = await reasonsReport(store, filters.data);
    const columns = reasonsCsvColumns(filters.data.group !== undefined);
    // A byte-order mark on request: Excel then reads UTF-8 reason texts correctly.
    const withBom = bom === '1' || bom === 'true';
    reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="org-reasons-${filters.data.by}.csv"`);
    const row = csvRowWriter(columns);
    return reply.send(Readable.from((function* () {
      yield csvHeader(columns, { bom: withBom });
      for (const r of report.rows) yield row(r);
    })()));
  });

  app.get('/v1/assignments', (req) => assignmentsFor(store, callerOf(req)));

  boardRoutes(app, routes);
  healthRoutes(app, routes);
  permissionsRoutes(app, routes);

  app.post('/v1/assignments', { config: { roles: ['manager'] } }, async (req, reply) => {
    const body = PublishAssignmentsRequest.safeParse(req.body);
    if (!body.success) return problem(reply, 400, 'bad_request', `The assignments are not valid: ${firstIssue(body.error)}`);
    const caller = callerOf(req);
    const result = await publishAssignments(store, body.data, caller, now());
    log.info('assignments published', { by: caller.name, published: result.published, rejected: result.rejected.length });
    return result;
  });

  await app.register(outreachRoutes({ store, now, log }));

  return app;
}

export interface RunningHub {
  app: FastifyInstance;
  url: string;
  port: number;
  close: () => Promise<void>;
}

export const LOOPBACK_HOST = '127.0.0.1';

/**
 * Listens on loopback unless `host` is given. Plain HTTP leaves this computer only when the
 * operator asks for it explicitly (the CLI's --listen-public); TLS belongs in a reverse proxy.
 */
export async function startHub(options: HubServerOptions & { port: number; host?: string }): Promise<RunningHub> {
  const app = await buildHubApp(options);
  const host = options.host ?? LOOPBACK_HOST;
  await app.listen({ host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = host === '0.0.0.0' || host === '::' ? LOOPBACK_HOST : host.includes(':') ? `[${host}]` : host;
  return { app, port, url: `http://${shownHost}:${port}`, close: () => app.close() };
}
