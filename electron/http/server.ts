import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Dispatch } from '../backend/dispatch';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';

export interface ServeOptions {
  dispatch: Dispatch;
  rendererDir: string;
  port: number;
  /** Per-launch secret; generated when omitted. */
  secret?: string;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  origin: string;
  secret: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The browser transport: the built renderer and the same services as the desktop shell, over
 * POST /api/<channel>, on loopback only. A request must come from loopback, name this server in its
 * Host header (defeats DNS rebinding), come from this origin if it names one, and carry the secret.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  if (!existsSync(options.rendererDir)) throw new Error(`The built console is missing at ${options.rendererDir}.`);
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
  let allowedHosts = new Set<string>();
  let origins = new Set<string>();

  const refuse = (req: FastifyRequest): string | null => {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return 'Only this computer may use the console server.';
    if (!allowedHosts.has(req.headers.host ?? '')) return 'Unexpected Host header.';
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && !origins.has(requestOrigin)) return 'Requests from other sites are refused.';
    return null;
  };

  app.addHook('onRequest', async (req, reply) => {
    const why = refuse(req);
    if (why) return reply.code(403).send({ ok: false, error: { code: 'forbidden', message: why } });
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
    return undefined;
  });

  app.post<{ Params: { channel: string } }>('/api/:channel', async (req, reply) => {
    const key = req.headers['x-winback-key'];
    if (typeof key !== 'string' || !sameSecret(key, secret)) {
      return reply.code(401).send({ ok: false, error: { code: 'forbidden', message: 'Missing or wrong console key. Open the address `winback serve` printed.' } });
    }
    return reply.send(await options.dispatch(req.params.channel, req.body));
  });

  await app.register(fastifyStatic, { root: options.rendererDir, index: ['index.html'] });

  await app.listen({ host: '127.0.0.1', port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;
  origins = new Set([origin, `http://localhost:${port}`]);
  return {
    app,
    origin,
    secret,
    url: `${origin}/?key=${secret}`,
    close: () => app.close(),
  };
}
