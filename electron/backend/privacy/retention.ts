import type { Db } from '../../../db/open';
import { audit } from '../../../db/repos/audit';
import { getSetting, setSetting } from '../../../db/repos/settings';
import type { Logger } from '../types';
import { eraseCustomers, type Actor } from './erase';

export const RETENTION_KEYS = {
  /**
   * Remove the personal data of customers departed more than this many months ago and not called
   * since, every day; null (the default) is off.
   */
  months: 'privacy.retentionMonths',
  /**
   * Whether the console applies `months` by itself every day. Absent on a console set up by an
   * older `winback retention --daily on`, which only set the months: then on whenever months are set.
   */
  daily: 'privacy.retentionDaily',
  /** When the daily run last finished (ISO instant). */
  lastRunAt: 'privacy.retentionLastRunAt',
} as const;


/**
 * Customers erased per transaction, set-based (db/repos/erasure.ts): one flush of the erasure log,
 * one commit and one WAL checkpoint for each batch, not one per customer. Batches keep the
 * write-ahead log, and what a crash would roll back, to a few megabytes.
 */
export const RETENTION_BATCH = 1000;

/**
 * Retention by age: customers who departed more than `months` months ago and have had no call in
 * that time lose their personal data the way an erasure removes it (eraseCustomers). The dry run
 * only counts them.
 */
export function retentionCandidates(db: Db, months: number, now: Date): number[] {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const day = cutoff.toISOString().slice(0, 10);
  return db
    .prepare(
      `SELECT c.id FROM customers c
       WHERE c.external_id NOT LIKE 'erased-%' AND c.departed_at IS NOT NULL AND c.departed_at < @day
         AND NOT EXISTS (SELECT 1 FROM calls k WHERE k.customer_id = c.id AND k.completed_at >= @day)
         AND NOT EXISTS (SELECT 1 FROM call_drafts d WHERE d.customer_id = c.id)
       ORDER BY c.id`,
    )
    .pluck()
    .all({ day }) as number[];
}

export function applyRetention(db: Db, actor: Actor, months: number, now: Date): { erased: number } {
  const ids = retentionCandidates(db, months, now);
  // A run that found nobody is a run too: the audit log (and Admin's "last run") says so.
  if (ids.length === 0) audit(db, { at: now.toISOString(), actorId: actor.id, action: 'privacy.retention', entity: 'customers', detail: { count: 0 } });
  for (let i = 0; i < ids.length; i += RETENTION_BATCH) {
    eraseCustomers(
      db,
      actor,
      ids.slice(i, i + RETENTION_BATCH).map((id) => ({ id })),
      now,
      { audit: { action: 'privacy.retention' } },
    );
  }
  return { erased: ids.length };
}

export function retentionMonths(db: Db): number | null {
  return getSetting<number | null>(db, RETENTION_KEYS.months) ?? null;
}

/** Sets the months and turns the daily run on (a number) or off (null), as `winback retention --daily` does. */
export function setRetentionMonths(db: Db, months: number | null): void {
  setRetentionSetting(db, { months, daily: months !== null });
}

export interface RetentionSetting {
  /** Months after departure (with no call since) that personal data is kept; null is off. */
  months: number | null;
  /** Whether the console applies it by itself every day. */
  daily: boolean;
}

export function retentionSetting(db: Db): RetentionSetting {
  const months = retentionMonths(db);
  const daily = getSetting<boolean>(db, RETENTION_KEYS.daily);
  return { months, daily: months !== null && (daily ?? true) };
}

export function setRetentionSetting(db: Db, setting: RetentionSetting): void {
  setSetting(db, RETENTION_KEYS.months, setting.months);
  setSetting(db, RETENTION_KEYS.daily, setting.months !== null && setting.daily);
}

/**
 * The last run, by hand or daily: when, and how many it erased. A run writes one audit row per
 * batch it commits, all with the run's time, so the rows of that time are summed.
 */
export function lastRetentionRun(db: Db): { at: string; erased: number } | null {
  const row = db
    .prepare(
      `SELECT at, sum(coalesce(json_extract(detail, '$.count'), 0)) AS erased FROM audit_log WHERE action = 'privacy.retention'
       GROUP BY at ORDER BY at DESC LIMIT 1`,
    )
    .get() as { at: string; erased: number } | undefined;
  return row ?? null;
}

/**
 * How often a running console looks whether today's retention run is due: hourly, so a run falls
 * due within the hour of a day after the last one (or of turning it on), not up to a day later.
 */
export const RETENTION_CHECK_INTERVAL_MS = 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the daily run is next due (the hourly check after this time runs it); null while it is off. */
export function nextRetentionRunAt(db: Db, now: Date): string | null {
  if (!retentionSetting(db).daily) return null;
  const last = getSetting<string>(db, RETENTION_KEYS.lastRunAt) ?? null;
  const due = last === null ? now.getTime() : Math.max(now.getTime(), new Date(last).getTime() + DAY_MS);
  return new Date(due).toISOString();
}

export interface DailyRetentionDeps {
  db: () => Db;
  now: () => Date;
  log: Logger;
}

/** Who the daily run acts as in the audit log and on the ledger's hashed entries: no person pressed anything. */
export const RETENTION_ACTOR: Actor = { id: null, name: 'daily retention' };

/**
 * Runs retention when the setting is on and a day has passed since the last run; returns how many
 * customers it erased, or null when it was off or not due.
 */
export function runDailyRetention(deps: DailyRetentionDeps): { erased: number } | null {
  const db = deps.db();
  const { months, daily } = retentionSetting(db);
  if (months === null || !daily) return null;
  const now = deps.now();
  const last = getSetting<string>(db, RETENTION_KEYS.lastRunAt) ?? null;
  if (last !== null && now.getTime() - new Date(last).getTime() < DAY_MS) return null;
  const result = applyRetention(db, RETENTION_ACTOR, months, now);
  setSetting(db, RETENTION_KEYS.lastRunAt, now.toISOString());
  deps.log.info('daily retention applied', { erased: result.erased, months });
  return result;
}

export interface DailyRetention {
  stop: () => void;
}

/**
 * At start and every hour while the console runs (beside the daily backup). A failed run is
 * logged and tried again at the next check; it never stops the console.
 */
export function scheduleDailyRetention(deps: DailyRetentionDeps, intervalMs = RETENTION_CHECK_INTERVAL_MS): DailyRetention {
  let stopped = false;
  const check = () => {
    if (stopped) return;
    try {
      runDailyRetention(deps);
    } catch (error) {
      deps.log.error('daily retention failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  // After start-up has finished, so the window opens first.
  const first = setTimeout(check, 0);
  const timer = setInterval(check, intervalMs);
  // A pending check must never keep a command or a test process alive.
  first.unref();
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
