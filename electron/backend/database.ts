import { statSync } from 'node:fs';
import { BackupError, backupBeforeMigration, backupFolderFor, listBackups, restoreDatabase } from '../../db/backup';
import { DatabaseTooNewError, migrate } from '../../db/migrate';
import { openDatabase, type Db } from '../../db/open';
import { contract, isChannel } from '../../shared/api/index';
import type { GoodBackup, MaintenanceStatus } from '../../shared/api/maintenance';
import { AppError, type ApiResult, type ErrorCode } from '../../shared/api/result';
import type { Dispatch } from './dispatch';
import type { Logger } from './types';
import { unknownChannelMessage } from './unknownChannel';
import { scheduleDailyBackups, type DailyBackups } from './maintenance/backup';
import { healthyStatus, newestGoodBackup, toBackupInfo } from './maintenance/status';
import { applyErasureLog, replayErasuresBeforeRestore } from './privacy/erase';
import { scheduleDailyRetention, type DailyRetention } from './privacy/retention';
import { appError, appErrorSaying } from './i18n/errors';
import { hasSentence } from './i18n';
import { sayInEnglish } from './i18n/said';
import { issueSaid } from '../../shared/i18n/validation';
import { said } from '../../shared/i18n/said';
import { releaseReportConnections } from './reportWorkers/runner';

/**
 * The console's database over its lifetime: opened only after SQLite's check, and while damaged, a
 * gate that lets through nothing but the recovery screen's channels until a good backup is restored.
 */

const DAMAGED_MESSAGE =
  "The console's database is damaged, so it was not opened and nothing can be shown or saved until a backup is restored.";

/** A damaged database met by a one-shot command: one line that says what happened and what to run. */
export class DatabaseDamagedError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
    newestGood: string | null,
  ) {
    super(
      `The database at ${path} is damaged (${problem}); it was not opened and nothing was changed. ` +
        (newestGood
          ? `Restore the newest good backup with: npx winback restore "${newestGood}" --db "${path}"`
          : `No good backup was found in ${backupFolderFor(path)}; restore one kept elsewhere with: npx winback restore FILE --db "${path}"`),
    );
    this.name = 'DatabaseDamagedError';
  }
}

function describeProblem(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** SQLite's words for "this file is not a whole database". Anything else is a different failure. */
const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

function isDamage(error: unknown): boolean {
  return DAMAGE_CODES.has(String((error as { code?: unknown }).code));
}

function fileSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/**
 * SQLite takes a 0-byte file for a new, empty database, and so did the console: imports ran into it
 * and the first-run screen showed. A console's file is never empty once it has a backup (the first
 * open writes the schema before any backup is taken), so an empty file with backups beside it is one
 * that was truncated (a full disk, a failed copy, a sync tool) and is treated as damaged. Pages still
 * in a -wal file beside it would be SQLite's to read, so that case is left to SQLite.
 */
function emptiedDatabase(path: string): string | null {
  if (fileSize(path) !== 0 || (fileSize(`${path}-wal`) ?? 0) > 0) return null;
  if (listBackups(backupFolderFor(path)).length === 0) return null;
  return 'the file is empty (0 bytes), although backups of it exist beside it';
}

/**
 * Opens the console's database after SQLite's quick_check, and only then migrates it, so an upgrade
 * never runs on (nor backs up) a damaged file. A damaged file is reported and left exactly as it is.
 */
export function openCheckedDatabase(path: string, now: () => Date = () => new Date()): { db: Db } | { problem: string } {
  const emptied = emptiedDatabase(path);
  if (emptied) return { problem: emptied };
  let db: Db;
  try {
    db = openDatabase(path, { migrate: false });
  } catch (error) {
    if (error instanceof DatabaseTooNewError || !isDamage(error)) throw error;
    return { problem: describeProblem(error) };
  }
  try {
    const found = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
    if (found.length !== 1 || found[0] !== 'ok') {
      db.close();
      // One line: SQLite may put several findings, with their own line breaks, in one answer.
      return { problem: `quick_check: ${found.slice(0, 3).join('; ').split(/\s*\n\s*/).join('; ')}` };
    }
    migrate(db, undefined, (from) => backupBeforeMigration(db, from, now()));
    // An older backup put in place by hand still holds customers erased since: they go before anything reads it.
    if (path !== ':memory:') applyErasureLog(db, now());
    return { db };
  } catch (error) {
    db.close();
    if (isDamage(error)) return { problem: describeProblem(error) };
    throw error;
  }
}

export interface ConsoleDatabaseOptions {
  path: string;
  log: Logger;
  now: () => Date;
  /** Come up in recovery mode on a damaged database (the console); otherwise throw DatabaseDamagedError (commands). */
  recovery: boolean;
  dailyBackups: boolean;
}

/** The console's database over its lifetime: healthy, or damaged until a backup is restored. */
export interface ConsoleDatabase {
  readonly path: string;
  /** The open database; throws DatabaseDamagedError while damaged, so nothing can read an empty stand-in. */
  db: () => Db;
  /** Routes calls: the normal dispatcher while healthy, only the maintenance channels while damaged. */
  gate: (normal: Dispatch) => Dispatch;
  damaged: () => boolean;
  dailyBackups: () => DailyBackups | null;
  close: () => void;
}

function fail(code: ErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

export function openConsoleDatabase(options: ConsoleDatabaseOptions): ConsoleDatabase {
  const { path, log, now } = options;
  const folder = backupFolderFor(path);
  let db: Db | null = null;
  let problem: string | null = null;
  let backups: DailyBackups | null = null;
  let retention: DailyRetention | null = null;
  let restoring = false;
  let closed = false;
  let newestGood: (GoodBackup & { path: string }) | null | undefined;

  const becomeHealthy = (opened: Db) => {
    db = opened;
    problem = null;
    if (options.dailyBackups) {
      backups?.stop();
      retention?.stop();
      backups = scheduleDailyBackups({ db: () => opened, now, log });
      // The retention setting (privacy/retention.ts) runs as daily background work beside the backup.
      retention = scheduleDailyRetention({ db: () => opened, now, log });
    }
  };

  const opened = openCheckedDatabase(path, now);
  if ('db' in opened) {
    becomeHealthy(opened.db);
  } else {
    // A command says it in its one line; the console logs it and shows the recovery screen.
    if (!options.recovery) throw new DatabaseDamagedError(path, opened.problem, newestGoodBackup(folder, log)?.path ?? null);
    log.error('database damaged; not opened', { problem: opened.problem });
    problem = opened.problem;
  }

  const damagedStatus = (why: string): MaintenanceStatus => {
    // The full check of each backup takes a moment on a large file: done once, when first asked.
    newestGood ??= newestGoodBackup(folder, log);
    let good: GoodBackup | null = null;
    if (newestGood) {
      const { path: _path, ...shown } = newestGood;
      good = shown;
    }
    return {
      state: 'damaged',
      problem: why,
      databasePath: path,
      backupsFolder: folder,
      lastBackupAt: null,
      backups: listBackups(folder).map(toBackupInfo),
      newestGoodBackup: good,
    };
  };

  const restore = async (file: string): Promise<MaintenanceStatus> => {
    if (restoring) throw appError('conflict', 'maintenance.restoring');
    const backup = listBackups(folder).find((b) => b.file === file);
    if (!backup) throw appError('not_found', 'maintenance.noBackup', { file, folder });
    restoring = true;
    try {
      await releaseReportConnections();
      const result = await restoreDatabase(backup.path, path, now(), replayErasuresBeforeRestore(path, now()));
      log.info('backup restored', { file: backup.file, keptAs: result.keptAs ?? '' });
    } catch (error) {
      if (error instanceof BackupError) throw appErrorSaying('invalid_file', error.said);
      throw error;
    } finally {
      restoring = false;
    }
    newestGood = undefined;
    let reopened: ReturnType<typeof openCheckedDatabase>;
    try {
      reopened = openCheckedDatabase(path, now);
    } catch (error) {
      // The backup is in place by now; only opening it failed (an upgrade that could not run, say).
      log.error('restored backup could not be opened', { error: describeProblem(error) });
      throw appError('internal', 'maintenance.restoredUnopenable', { detail: describeProblem(error) });
    }
    if ('problem' in reopened) {
      problem = reopened.problem;
      throw appError('invalid_file', 'maintenance.restoredStillBroken', { detail: reopened.problem });
    }
    becomeHealthy(reopened.db);
    return healthyStatus(reopened.db);
  };

  const recoveryDispatch: Dispatch = async (channel, payload) => {
    if (channel === 'maintenance.status' || channel === 'maintenance.restoreBackup') {
      const parsed = contract[channel].input.safeParse(payload ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const sentence = issue ? issueSaid(issue, hasSentence) : said('errors.dispatch.invalidInput');
        return { ok: false, error: { code: 'invalid_input', message: sayInEnglish(sentence), said: sentence } };
      }
      try {
        if (channel === 'maintenance.status') return { ok: true, value: damagedStatus(problem ?? '') };
        return { ok: true, value: await restore((parsed.data as { file: string }).file) };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message, said: error.said ?? undefined } };
        log.error('restore failed', { error: describeProblem(error) });
        return fail('internal', 'The backup could not be restored; nothing was changed. Try again, or use `npx winback restore FILE`.');
      }
    }
    if (isChannel(channel)) return fail('internal', DAMAGED_MESSAGE);
    return fail('unknown_channel', unknownChannelMessage(channel));
  };

  return {
    path,
    db: () => {
      if (closed) throw new Error('The console database has been closed.');
      if (!db) throw new DatabaseDamagedError(path, problem ?? 'not opened', null);
      return db;
    },
    gate: (normal) => async (channel, payload) => {
      if (closed) return fail('internal', 'The console is shutting down.');
      return db ? normal(channel, payload) : recoveryDispatch(channel, payload);
    },
    damaged: () => !closed && db === null,
    dailyBackups: () => backups,
    close: () => {
      backups?.stop();
      retention?.stop();
      // The report worker's own read-only connection to this file, kept between reports.
      void releaseReportConnections();
      db?.close();
      db = null;
      closed = true;
    },
  };
}
