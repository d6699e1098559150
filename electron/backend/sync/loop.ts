import { setSetting, getSetting } from '../../../db/repos/settings';
import type { ServiceDeps } from '../types';
import { currentUser } from '../../../db/repos/people';
import { HubRequestError } from './hubClient';
import { said, type Said } from '../../../shared/i18n/said';
import { connectHub } from './failover';
import { pullAssignments } from './assignments';
import { pushOutbox, withSyncLock } from './sender';
import { readHubConfig, SYNC_KEYS } from './settings';
import { pushLedger, syncLedger } from '../permissions/hubSync';
import { countPendingPermissionChanges } from '../../../db/repos/permissions';

export interface SyncLoopOptions {
  /** Pause between rounds while there is nothing to send (a round then only checks the hub answers). */
  idleMs?: number;
  /** First retry waits up to this long; each failure doubles it, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  batchSize?: number;
  /** Batches per round, so a long catch-up yields between rounds. */
  batchesPerRound?: number;
  timeoutMs?: number;
  /** How often assignments are fetched; 0 turns the automatic fetch off. */
  pullEveryMs?: number;
  random?: () => number;
  fetch?: typeof fetch;
  /** Aborts the round's requests; a round aborted this way records nothing. */
  signal?: AbortSignal;
}

export const SYNC_DEFAULTS = {
  idleMs: 15_000,
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  batchesPerRound: 20,
  pullEveryMs: 2 * 60_000,
} as const;

/**
 * Exponential backoff with full jitter: a random wait between 0 and min(cap, base * 2^(n-1)).
 * The randomness spreads a hundred consoles coming back online at once, so they do not retry in
 * lockstep against a recovering hub.
 */
export function backoffDelay(failures: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  if (failures <= 0) return 0;
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.floor(random() * ceiling);
}

export interface RoundResult {
  /** False when no hub is configured: nothing was attempted. */
  attempted: boolean;
  ok: boolean;
  sent: number;
  pending: number;
  /** The round stopped at its batch budget with events still waiting. */
  more: boolean;
  retryAfterMs: number | null;
}

/** The last problem is kept by key (shared/i18n/kept.ts): the status area says it in the language of whoever reads it. */
function describeFailure(error: unknown): { problem: Said; answered: boolean; retryAfterMs: number | null } {
  if (error instanceof HubRequestError) return { problem: error.said, answered: error.hubAnswered, retryAfterMs: error.retryAfterMs };
  return { problem: said('errors.sync.unexpected'), answered: false, retryAfterMs: null };
}

/**
 * One sync round: push the outbox (a bounded number of batches), fetch assignments when due, and
 * record the outcome in the settings table so the status area and a restarted console see it.
 */
export async function syncRound(deps: ServiceDeps, options: SyncLoopOptions = {}): Promise<RoundResult> {
  const { db } = deps;
  const config = readHubConfig(db);
  if (!config) return { attempted: false, ok: true, sent: 0, pending: 0, more: false, retryAfterMs: null };
  const client = connectHub(config, { timeoutMs: options.timeoutMs, fetch: options.fetch, signal: options.signal });
  const batchesPerRound = options.batchesPerRound ?? SYNC_DEFAULTS.batchesPerRound;
  return withSyncLock(db, async () => {
    let sent = 0;
    let pending = 0;
    let refused = 0;
    let failure: unknown = null;
    try {
      const push = await pushOutbox(db, client, { now: deps.now, batchSize: options.batchSize, maxBatches: batchesPerRound });
      sent = push.sent;
      refused = push.refused;
      pending = push.pending;
      failure = push.error;
      if (!failure && push.sent === 0 && push.refused === 0) await client.me();
      const pullEvery = options.pullEveryMs ?? SYNC_DEFAULTS.pullEveryMs;
      const lastPull = getSetting<string>(db, SYNC_KEYS.lastPullAt);
      const user = currentUser(db);
      const pullDue = pullEvery > 0 && (!lastPull || deps.now().getTime() - Date.parse(lastPull) >= pullEvery);
      if (!failure && pullDue && user) await pullAssignments(deps, client, user);
      // The contact-permission ledger, pulled when assignments are (and sent whenever this desk has changes waiting).
      if (!failure && (pullDue || countPendingPermissionChanges(db) > 0)) {
        if (pullDue) await syncLedger(db, client, deps.now);
        else await pushLedger(db, client);
      }
    } catch (error) {
      failure = error;
      if (!(error instanceof HubRequestError)) deps.log.error('sync round failed', { error: error instanceof Error ? error.name : 'unknown' });
    }
    const now = deps.now().toISOString();
    if (failure && options.signal?.aborted) return { attempted: true, ok: false, sent, pending, more: false, retryAfterMs: null };
    if (failure) {
      const { problem, answered, retryAfterMs } = describeFailure(failure);
      db.transaction(() => {
        setSetting(db, SYNC_KEYS.online, answered);
        setSetting(db, SYNC_KEYS.lastError, problem);
        setSetting(db, SYNC_KEYS.failures, (getSetting<number>(db, SYNC_KEYS.failures) ?? 0) + 1);
      })();
      return { attempted: true, ok: false, sent, pending, more: false, retryAfterMs };
    }
    db.transaction(() => {
      setSetting(db, SYNC_KEYS.online, true);
      setSetting(db, SYNC_KEYS.lastSyncAt, now);
      setSetting(db, SYNC_KEYS.lastError, refused > 0 ? refusedMessage(refused) : null);
      setSetting(db, SYNC_KEYS.failures, 0);
    })();
    return { attempted: true, ok: true, sent, pending, more: pending > 0, retryAfterMs: null };
  });
}

export function refusedMessage(refused: number): Said {
  return said('errors.sync.refused', { count: refused });
}

export interface SyncLoop {
  /** Run a round now instead of waiting (after settings change, or "Sync now"). */
  nudge: () => void;
  stop: () => Promise<void>;
}

/**
 * The background sender: rounds one after another, never overlapping, on timers that do not keep
 * the process alive. Started by the desktop main process and by `winback serve`; the agent's work
 * never waits on it (everything it does to the database is a few milliseconds at a time).
 */
const loops = new WeakMap<ServiceDeps['db'], SyncLoop>();

/** Wakes the database's running loop, if any (after the hub settings change). */
export function nudgeSyncLoop(db: ServiceDeps['db']): void {
  loops.get(db)?.nudge();
}

/** The open database, or null while the console is in recovery (a damaged database is not opened). */
function openDb(deps: ServiceDeps): ServiceDeps['db'] | null {
  try {
    return deps.db;
  } catch {
    return null;
  }
}

/** Failures so far; none known while the database cannot be read. */
function startingFailures(deps: ServiceDeps): number {
  const db = openDb(deps);
  return db ? (getSetting<number>(db, SYNC_KEYS.failures) ?? 0) : 0;
}

export function startSyncLoop(deps: ServiceDeps, options: SyncLoopOptions = {}): SyncLoop {
  const idleMs = options.idleMs ?? SYNC_DEFAULTS.idleMs;
  const baseMs = options.baseDelayMs ?? SYNC_DEFAULTS.baseDelayMs;
  const capMs = options.maxDelayMs ?? SYNC_DEFAULTS.maxDelayMs;
  const random = options.random ?? Math.random;
  let stopped = false;
  const shutdown = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  };

  const run = () => {
    timer = null;
    if (stopped || current) return;
    current = (async () => {
      let next = idleMs;
      try {
        const result = await syncRound(deps, { ...options, signal: shutdown.signal });
        if (!result.ok) {
          // The failure count survives a restart, so a restarted console keeps backing off.
          const failures = getSetting<number>(deps.db, SYNC_KEYS.failures) ?? 1;
          next = Math.max(backoffDelay(failures, baseMs, capMs, random), result.retryAfterMs ?? 0);
        } else if (result.more) next = 0;
      } catch (error) {
        deps.log.error('sync loop failed', { error: error instanceof Error ? error.name : 'unknown' });
        next = capMs;
      } finally {
        current = null;
      }
      schedule(next);
    })();
  };

  const failures = startingFailures(deps);
  // Rounds read deps.db each time, so after a restore from recovery mode they reach the new file.
  const registeredDb = openDb(deps);
  schedule(failures > 0 ? backoffDelay(failures, baseMs, capMs, random) : Math.min(1000, idleMs));

  const loop: SyncLoop = {
    nudge: () => {
      if (!current) schedule(0);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (registeredDb) loops.delete(registeredDb);
      // A request hanging on an unreachable hub must not hold up closing the console.
      shutdown.abort();
      await current;
    },
  };
  if (registeredDb) loops.set(registeredDb, loop);
  return loop;
}

/** Records an on-demand action that reached the hub (Sync now, fetch assignments, test) like a round would. */
export function recordSyncSuccess(deps: ServiceDeps, synced: boolean): void {
  deps.db.transaction(() => {
    setSetting(deps.db, SYNC_KEYS.online, true);
    setSetting(deps.db, SYNC_KEYS.lastError, null);
    setSetting(deps.db, SYNC_KEYS.failures, 0);
    if (synced) setSetting(deps.db, SYNC_KEYS.lastSyncAt, deps.now().toISOString());
  })();
}

/** Records a failure from an on-demand action (Sync now, fetch assignments) like a round would. */
export function recordSyncFailure(deps: ServiceDeps, error: HubRequestError): void {
  deps.db.transaction(() => {
    setSetting(deps.db, SYNC_KEYS.online, error.hubAnswered);
    setSetting(deps.db, SYNC_KEYS.lastError, error.said);
  })();
}
