import Database from 'better-sqlite3';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { latestVersion, schemaVersion } from './migrate';
import { SaidError } from '../shared/i18n/english';
import { said, type Said } from '../shared/i18n/said';

/** The same as db/open's Db; named here because open.ts imports this file (a backup before migrating). */
type Db = Database.Database;

/**
 * Backups of the console's database: SQLite's own consistent copies (the online backup API, or
 * VACUUM INTO where the caller cannot wait), never a file copy of a database in use, because the
 * newest commits may live only in the -wal file beside it.
 */

export const BACKUP_FOLDER = 'backups';
export const BACKUPS_KEPT = 7;

/** A backup the person can read or act on: what is wrong, by key (the message is its English). */
export class BackupError extends SaidError {
  constructor(sentence: Said) {
    super(sentence);
    this.name = 'BackupError';
  }
}

const detailOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export interface DatabaseSummary {
  schemaVersion: number;
  customers: number;
  calls: number;
}

export type BackupReason = 'daily' | 'manual' | `before-migration-v${number}`;

export interface BackupFile {
  file: string;
  path: string;
  takenAt: string;
  reason: string;
  sizeBytes: number;
}

/** Tables every Winback database has had since the first version; their absence means another app's file. */
const WINBACK_TABLES = ['settings', 'people', 'customers', 'calls', 'outbox'];
const BACKUP_NAME = /^winback-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-([a-z0-9-]+)\.db$/;

export function backupFolderFor(dbPath: string): string {
  return join(dirname(resolve(dbPath)), BACKUP_FOLDER);
}

function sqliteCode(error: unknown): string | undefined {
  return (error as { code?: unknown }).code as string | undefined;
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable: on Linux the folder entry is only safe once the folder itself is synced. */
function fsyncFolder(folder: string): void {
  try {
    fsyncPath(folder);
  } catch {
    // Folders cannot be opened for syncing on Windows; a rename there is already journaled by NTFS.
  }
}

function removeWithSidecars(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Checks that a file is a whole Winback database this version can open: SQLite's full
 * integrity_check, the Winback tables, and a schema no newer than this version's.
 */
export function checkDatabaseFile(path: string): DatabaseSummary {
  if (!existsSync(path)) throw new BackupError(said('errors.backup.noFile', { path }));
  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(said('errors.backup.cannotOpen', { path, detail: detailOf(error) }));
  }
  try {
    let problems: string[];
    try {
      problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (error) {
      const code = sqliteCode(error);
      if (code === 'SQLITE_NOTADB') throw new BackupError(said('errors.backup.notSqlite', { path }));
      throw new BackupError(said('errors.backup.integrity', { path, detail: detailOf(error) }));
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new BackupError(said('errors.backup.integrityUnusable', { path, detail: problems.slice(0, 3).join('; ') }));
    }
    const tables = new Set(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
    const version = schemaVersion(db);
    if (version === 0 || WINBACK_TABLES.some((t) => !tables.has(t))) {
      throw new BackupError(said('errors.backup.notWinback', { path }));
    }
    if (version > latestVersion()) {
      throw new BackupError(said('errors.backup.newer', { path, version: String(version), latest: String(latestVersion()) }));
    }
    return {
      schemaVersion: version,
      customers: db.prepare('SELECT count(*) FROM customers').pluck().get() as number,
      calls: db.prepare('SELECT count(*) FROM calls').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/**
 * A copy leaves SQLite's backup API in the source's journal mode; a backup is switched to a
 * rollback journal so it is one self-contained file that can be moved, mailed or opened read-only.
 */
function makeSelfContained(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Writes `out` only once the copy is whole and verified: a half-written backup never carries the final name. */
function finishCopy(tmp: string, out: string): DatabaseSummary {
  makeSelfContained(tmp);
  const summary = checkDatabaseFile(tmp);
  fsyncPath(tmp);
  renameSync(tmp, out);
  fsyncFolder(dirname(out));
  return summary;
}

function tempNameFor(out: string): string {
  return `${out}.partial-${process.pid}`;
}

/**
 * How long a backup may go without copying a page before it gives up. SQLite's backup step answers
 * SQLITE_BUSY while it cannot read the source, and better-sqlite3 retries that for ever: a read-only
 * WAL file whose -wal and -shm exist stuck `winback backup` at 100% CPU for nearly ten minutes. A
 * step of 100 pages takes milliseconds, and another connection's write holds the source for less
 * than a second, so five seconds without progress means it will not progress.
 */
export const BACKUP_STALL_MS = 5000;

export interface BackupOptions {
  stallMs?: number;
}

/** Pages copied per step: better-sqlite3's own default. */
const PAGES_PER_STEP = 100;

function stallGuard(source: string, stallMs: number): (p: { remainingPages: number }) => number {
  let remaining = -1;
  let since = Date.now();
  return (p) => {
    if (p.remainingPages !== remaining) {
      remaining = p.remainingPages;
      since = Date.now();
    } else if (Date.now() - since > stallMs) {
      throw new BackupError(said('errors.backup.stalled', { source, count: Math.round(stallMs / 1000) || 1 }));
    }
    return PAGES_PER_STEP;
  };
}

/** Online backup of an open database into `out` with SQLite's backup API; the console keeps working meanwhile. */
export async function backupDatabase(db: Db, out: string, options: BackupOptions = {}): Promise<DatabaseSummary> {
  const target = resolve(out);
  if (target === resolve(db.name)) throw new BackupError(said('errors.backup.overItself'));
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempNameFor(target);
  removeWithSidecars(tmp);
  try {
    await db.backup(tmp, { progress: stallGuard(db.name, options.stallMs ?? BACKUP_STALL_MS) });
    return finishCopy(tmp, target);
  } catch (error) {
    removeWithSidecars(tmp);
    throw error;
  }
}

/**
 * The same guarantee without waiting, for callers that must stay synchronous (the migration runner):
 * VACUUM INTO is SQLite's transactional copy of the database as one reader sees it.
 */
export function backupDatabaseSync(db: Db, out: string): DatabaseSummary {
  const target = resolve(out);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempNameFor(target);
  removeWithSidecars(tmp);
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    return finishCopy(tmp, target);
  } catch (error) {
    removeWithSidecars(tmp);
    throw error;
  }
}

/** winback-2026-11-16T15-00-00-000Z-daily.db: names sort in the order the backups were taken. */
export function backupFileName(at: Date, reason: BackupReason): string {
  return `winback-${at.toISOString().replace(/[:.]/g, '-')}-${reason}.db`;
}

/** The backups in the folder beside the database, newest first. Files of other shapes are never touched. */
export function listBackups(folder: string): BackupFile[] {
  if (!existsSync(folder)) return [];
  const files: BackupFile[] = [];
  for (const file of readdirSync(folder)) {
    const m = BACKUP_NAME.exec(file);
    if (!m) continue;
    const path = join(folder, file);
    files.push({
      file,
      path,
      takenAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`,
      reason: m[6] ?? '',
      sizeBytes: statSync(path).size,
    });
  }
  return files.sort((a, b) => (a.file < b.file ? 1 : a.file > b.file ? -1 : 0));
}

/** Keeps the newest `keep` backups and deletes the rest. */
export function pruneBackups(folder: string, keep = BACKUPS_KEPT): string[] {
  const old = listBackups(folder).slice(keep);
  for (const b of old) rmSync(b.path, { force: true });
  return old.map((b) => b.file);
}

/** Backs up into the folder beside the database and prunes to the last seven. */
export async function writeRotatedBackup(db: Db, at: Date, reason: BackupReason): Promise<BackupFile> {
  const folder = backupFolderFor(db.name);
  const path = uniquePath(folder, at, reason);
  await backupDatabase(db, path);
  pruneBackups(folder);
  return describe(path);
}

function uniquePath(folder: string, at: Date, reason: BackupReason): string {
  let when = at.getTime();
  let path = join(folder, backupFileName(new Date(when), reason));
  // Two backups in the same millisecond (a migration right after a daily backup in a test) keep both.
  while (existsSync(path)) {
    when += 1;
    path = join(folder, backupFileName(new Date(when), reason));
  }
  return path;
}

function describe(path: string): BackupFile {
  const found = listBackups(dirname(path)).find((b) => b.path === path);
  if (!found) throw new BackupError(said('errors.backup.lost', { file: basename(path) }));
  return found;
}

/**
 * The migration runner's hook: before an older database is upgraded, a copy of it as it was goes
 * into the backups folder. If that copy cannot be made, nothing is migrated.
 */
export function backupBeforeMigration(db: Db, fromVersion: number, at: Date = new Date()): BackupFile {
  const folder = backupFolderFor(db.name);
  const path = uniquePath(folder, at, `before-migration-v${fromVersion}`);
  try {
    backupDatabaseSync(db, path);
  } catch (error) {
    throw new BackupError(said('errors.backup.beforeUpgrade', { detail: detailOf(error) }));
  }
  pruneBackups(folder);
  return describe(path);
}

/**
 * Refuses when another connection (the console, `winback serve`, another command) has the database
 * open. Every connection to a WAL database keeps a shared lock on the file for as long as it is
 * open, even when idle. A probe in exclusive locking mode needs the exclusive lock for its first
 * read, so with no wait that read fails with SQLITE_BUSY exactly when someone else holds the file.
 * It changes nothing but, as the last connection to close, folds the file's own committed -wal
 * content into it, as any clean shutdown does. A file SQLite cannot read at all cannot be in use
 * by a console, so it counts as free.
 * The window between this check and the rename is a few milliseconds; a console started inside it
 * would keep working on the replaced file (kept beside the database), never on a half-written one.
 */
export function assertNotInUse(path: string): void {
  if (!existsSync(path)) return;
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: true, timeout: 0 });
  } catch {
    return;
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if (sqliteCode(error) === 'SQLITE_BUSY' || sqliteCode(error) === 'SQLITE_LOCKED') {
      throw new BackupError(said('errors.backup.inUse', { path }));
    }
  } finally {
    db.close();
  }
}

export interface RestoreResult extends DatabaseSummary {
  /** The replaced database, kept beside the restored one (null when there was none). */
  keptAs: string | null;
}

/**
 * Replaces the database with a verified backup, atomically: the backup is copied to a temporary file
 * beside the database with SQLite's backup API and checked again there, then renamed over the
 * database in one step. The file it replaces stays beside it as `<name>.replaced-<time>`.
 */
export async function restoreDatabase(
  source: string,
  target: string,
  at: Date = new Date(),
  /** Runs on the checked copy before it replaces the database (the console replays its erasure log there). */
  beforeSwap?: (copy: string) => void,
): Promise<RestoreResult> {
  const from = resolve(source);
  const to = resolve(target);
  if (from === to) throw new BackupError(said('errors.backup.restoreItself'));
  checkDatabaseFile(from);
  mkdirSync(dirname(to), { recursive: true });
  const tmp = `${to}.restoring`;
  removeWithSidecars(tmp);
  try {
    const src = new Database(from, { readonly: true, fileMustExist: true });
    try {
      await src.backup(tmp);
    } finally {
      src.close();
    }
    makeSelfContained(tmp);
    if (beforeSwap) {
      beforeSwap(tmp);
      makeSelfContained(tmp);
    }
    const summary = checkDatabaseFile(tmp);
    fsyncPath(tmp);

    assertNotInUse(to);
    let keptAs: string | null = null;
    if (existsSync(to)) {
      keptAs = `${to}.replaced-${at.toISOString().replace(/[:.]/g, '-')}`;
      try {
        linkSync(to, keptAs);
      } catch {
        // Filesystems without hard links (FAT): the file is closed and nobody holds it, so a copy is whole.
        copyFileSync(to, keptAs);
      }
      // A -wal left by a database SQLite could not open belongs to the old file, never to the new one.
      if (existsSync(`${to}-wal`)) renameSync(`${to}-wal`, `${keptAs}-wal`);
      rmSync(`${to}-shm`, { force: true });
    }
    renameSync(tmp, to);
    fsyncFolder(dirname(to));
    return { ...summary, keptAs };
  } catch (error) {
    removeWithSidecars(tmp);
    throw error;
  }
}
