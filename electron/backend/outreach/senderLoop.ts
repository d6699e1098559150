import type { ServiceDeps } from '../types';
import { nextDueAt, pendingCount, sendDue } from './sender';

/**
 * The background sender of outreach emails, started beside the sync loop by the desktop window
 * and `winback serve`: it wakes when a manager sends an outreach (nudge), when a retry falls due,
 * and every IDLE_MS to pick up work a crashed run left behind. Timers do not keep the process alive.
 */
export const IDLE_MS = 30_000;

export interface OutreachSender {
  nudge: () => void;
  stop: () => Promise<void>;
}

const senders = new WeakMap<ServiceDeps['db'], OutreachSender>();

export function nudgeOutreachSender(db: ServiceDeps['db']): void {
  senders.get(db)?.nudge();
}

function openDb(deps: ServiceDeps): ServiceDeps['db'] | null {
  try {
    return deps.db;
  } catch {
    return null;
  }
}

export function startOutreachSender(deps: ServiceDeps): OutreachSender {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;
  const shutdown = new AbortController();

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, Math.max(0, ms));
    timer.unref();
  };

  const run = () => {
    timer = null;
    if (stopped || current) return;
    current = (async () => {
      let next = IDLE_MS;
      try {
        const db = openDb(deps);
        if (db && pendingCount(db) > 0) {
          await sendDue(deps, { signal: shutdown.signal });
          const due = nextDueAt(db);
          if (due !== null) next = Math.min(IDLE_MS, Date.parse(due) - deps.now().getTime());
        }
      } catch (error) {
        deps.log.error('outreach sender failed', { error: error instanceof Error ? error.name : 'unknown' });
      } finally {
        current = null;
      }
      schedule(Math.max(1000, next));
    })();
  };

  const registered = openDb(deps);
  schedule(2000);
  const sender: OutreachSender = {
    nudge: () => {
      if (!current) schedule(0);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (registered) senders.delete(registered);
      shutdown.abort();
      await current;
    },
  };
  if (registered) senders.set(registered, sender);
  return sender;
}
