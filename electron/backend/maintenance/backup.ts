import { writeRotatedBackup, type BackupFile } from '../../../db/backup';
import type { Db } from '../../../db/open';
import { getSetting, setSetting } from '../../../db/repos/settings';
import type { Logger } from '../types';

export const BACKUP_SETTING_KEYS = {
  lastBackupAt: 'maintenance.lastBackupAt',
} as const;

/** How often a running console looks whether today's backup is done: a console left open overnight takes the next day's. */
export const DAILY_CHECK_INTERVAL_MS = 3 * 60 * 60 * 1000;

/** The desk's calendar day: "once a day" means the person's day, not UTC's. */
function localDay(d: Date): string {
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function lastBackupAt(db: Db): string | null {
  return getSetting<string>(db, BACKUP_SETTING_KEYS.lastBackupAt) ?? null;
}

export function dailyBackupDue(db: Db, now: Date): boolean {
  const last = lastBackupAt(db);
  return last === null || localDay(new Date(last)) !== localDay(now);
}

export interface DailyBackupDeps {
  db: () => Db;
  now: () => Date;
  log: Logger;
}

/** Takes today's backup unless one was already taken today; returns it, or null when none was due. */
export async function runDailyBackup(deps: DailyBackupDeps): Promise<BackupFile | null> {
  const db = deps.db();
  const now = deps.now();
  if (!dailyBackupDue(db, now)) return null;
  const backup = await writeRotatedBackup(db, now, 'daily');
  // Recorded only once the file is whole and verified, so a failed backup is tried again at the next check.
  setSetting(db, BACKUP_SETTING_KEYS.lastBackupAt, now.toISOString());
  deps.log.info('daily backup written', { file: backup.file, bytes: backup.sizeBytes });
  return backup;
}

export interface DailyBackups {
  /** The backup in progress, if any (tests and shutdown wait for it). */
  current: () => Promise<unknown> | null;
  stop: () => void;
}

/** Checks at start and every few hours while the console runs. A failed backup is logged, never fatal. */
export function scheduleDailyBackups(deps: DailyBackupDeps, intervalMs = DAILY_CHECK_INTERVAL_MS): DailyBackups {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const check = () => {
    if (stopped || running) return;
    running = runDailyBackup(deps)
      .catch((error: unknown) => {
        if (stopped) return;
        deps.log.error('daily backup failed', { error: error instanceof Error ? error.message : String(error) });
      })
      .finally(() => {
        running = null;
      });
  };
  check();
  const timer = setInterval(check, intervalMs);
  // A pending check must never keep a command or a test process alive.
  timer.unref();
  return {
    current: () => running,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/** "Back up now" from the menu: a backup beside the others, counted among the seven kept. */
export function backUpNow(db: Db, now: Date): Promise<BackupFile> {
  return writeRotatedBackup(db, now, 'manual');
}
