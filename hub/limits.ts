import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { HubStore } from './store/connect';

/**
 * Request limits that hold across hub instances: the counters live in the store (the table
 * board_request_counts), not in one process's memory, so a second instance behind the same proxy
 * neither doubles anybody's budget nor forgets a blocked address.
 *
 * Fixed windows: one row per key holds the current window's start and count, moved on in the
 * same statement that counts. One indexed upsert per request.
 */
export interface WindowCount {
  count: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

export async function countInWindow(store: HubStore, key: string, windowMs: number, nowMs: number): Promise<WindowCount> {
  const windowStart = Math.floor(nowMs / windowMs) * windowMs;
  const row = await store.volatile
    .insertInto('board_request_counts')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        count: eb
          .case()
          .when('board_request_counts.window_start', '=', eb.ref('excluded.window_start'))
          .then(eb('board_request_counts.count', '+', 1))
          .else(1)
          .end(),
        window_start: eb.ref('excluded.window_start'),
      })),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), ttlMs: windowStart + windowMs - nowMs };
}

/** How many requests the current window holds for a key, without counting one. */
export async function peekWindow(store: HubStore, key: string, windowMs: number, nowMs: number): Promise<WindowCount> {
  const windowStart = Math.floor(nowMs / windowMs) * windowMs;
  const row = await store.volatile.selectFrom('board_request_counts').select(['window_start', 'count']).where('key', '=', key).executeTakeFirst();
  const count = row && Number(row.window_start) === windowStart ? Number(row.count) : 0;
  return { count, ttlMs: windowStart + windowMs - nowMs };
}

/**
 * A store for @fastify/rate-limit that keeps its counters in the hub's store. The plugin makes one
 * per route setting (`child`); they share the table, and the key already names the caller.
 */
export function sharedRateLimitStore(store: HubStore, nowMs: () => number): new (options: unknown) => FastifyRateLimitStore {
  class SharedRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      countInWindow(store, `rl:${key}`, timeWindow, nowMs()).then(
        (c) => callback(null, { current: c.count, ttl: c.ttlMs }),
        (error: unknown) => callback(error instanceof Error ? error : new Error('rate limit store failed')),
      );
    }
    child(): FastifyRateLimitStore {
      return new SharedRateLimitStore();
    }
  }
  return SharedRateLimitStore;
}

/** Failed sign-ins allowed per address and window before the hub answers 429 instead of 401. */
export const DEFAULT_AUTH_FAILURE_LIMIT = { max: 20, timeWindowMs: 60_000 };

export interface AuthFailureLimit {
  max: number;
  timeWindowMs: number;
}

/**
 * Counts a failed sign-in from an address; returns how long to wait when the address is over its
 * limit, else null. Only failures are counted, so a valid token keeps working from an address that
 * someone else behind the same NAT is guessing from; the guesser gets 429s, never another 401.
 */
export async function recordAuthFailure(store: HubStore, address: string, limit: AuthFailureLimit, nowMs: number): Promise<number | null> {
  const { count, ttlMs } = await countInWindow(store, `auth-fail:${address}`, limit.timeWindowMs, nowMs);
  return count > limit.max ? ttlMs : null;
}

/** Counters whose window ended this long ago are deleted: random tokens must not grow the table forever. */
export const COUNTER_RETENTION_MS = 15 * 60_000;

export async function pruneCounters(store: HubStore, nowMs: number): Promise<number> {
  const result = await store.db.deleteFrom('board_request_counts').where('window_start', '<', nowMs - COUNTER_RETENTION_MS).executeTakeFirst();
  return Number(result.numDeletedRows);
}
