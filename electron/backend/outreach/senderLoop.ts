import type { ServiceDeps } from '../types';
import { nextDueAt, pendingCount, sendDue } from './sender';

/**
 * The background sender of outreach emails, started beside the sync loop by the desktop window
 * and `winback serve`: it wakes when a manager sends an outreach (nudge), when a retry falls due,
 * and every IDLE_MS to look for queued messages (one count on a partial index: messages queued by
 * another process, such as `winback outreach send <id>` in a terminal, or left by a crashed run).
 * Timers do not keep the process alive.
 */
export const IDLE_MS = 2_000;

export interface OutreachSender {
  nudge: () => void;
  stop: () => Promise<void>;
}

/**
 * The running senders with the services they use. Looked up by the database they write at the
 * moment of the nudge, not when they started: the database may open (or be restored) after.
 */
const senders = new Set<{ deps: ServiceDeps; sender: OutreachSender }>();

export function nudgeOutreachSender(db: ServiceDeps['db']): void {
  for (const s of senders) if (openDb(s.deps) === db) s.sender.nudge();
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

  /** One round: sends what is due; resolves with how long to wait before the next. */
  const round = async (): Promise<number> => {
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
    }
    return next;
  };

  const run = () => {
    timer = null;
    if (stopped || current) return;
    // `current` is cleared once the round has settled, never inside it: a round with nothing to do
    // finishes synchronously, before `current` would even be assigned.
    current = round().then((next) => {
      current = null;
      schedule(Math.max(1000, next));
    });
  };

  schedule(2000);
  const sender: OutreachSender = {
    nudge: () => {
      if (!current) schedule(0);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      senders.delete(entry);
      shutdown.abort();
      await current;
    },
  };
  const entry = { deps, sender };
  senders.add(entry);
  return sender;
}
