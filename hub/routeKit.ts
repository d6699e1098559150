import { englishOf } from '../shared/i18n/english';
import type { Said } from '../shared/i18n/said';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubStore } from './store/connect';
import type { HubLogger } from './log';
import type { Caller } from './tokens';

/** What a route module of the hub is given: registered from hub/server.ts with one line each. */
export interface HubRouteContext {
  store: HubStore;
  now: () => Date;
  log: HubLogger;
  /** False once the hub has begun shutting down: readiness then says so, so the proxy stops sending. */
  accepting: () => boolean;
}

export type HubRoutes = (app: FastifyInstance, context: HubRouteContext) => void;

/** The hub's error shape, as hub/server.ts answers it. */
export function problem(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

/** The first zod issue, with where it is. */
export function firstIssue(error: { issues: readonly { path: PropertyKey[]; message: string; params?: { said?: Said } }[] }): string {
  // A schema shared with the console names its sentence by key, with its parameters when it has
  // some (a duplicate's name): the hub answers in English.
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  const said = issue.params?.said;
  const message = said ? englishOf(said) : /^[a-z]\w*(\.\w+)+$/.test(issue.message) ? englishOf({ key: issue.message }) : issue.message;
  return issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${message}` : message;
}

export function callerOf(req: FastifyRequest): Caller {
  if (!req.caller) throw new Error('unauthenticated request reached a handler');
  return req.caller;
}
