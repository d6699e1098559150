import Database from 'better-sqlite3';
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { latestVersion, schemaVersion } from './migrate';

/** Whether this process may write the database file and create its -wal and -shm beside it. */
export function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A database that cannot be written to, refused with one line: the console cannot upgrade it. */
export class ReadOnlyDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadOnlyDatabaseError';
  }
}

export interface ReadableDatabase {
  /** The file to read: the database itself, or a private copy of it. */
  path: string;
  copied: boolean;
  dispose: () => void;
}

function versionOf(path: string): number | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return schemaVersion(db);
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/**
 * A database on a read-only disk (or a file this user may not write) for commands that only read
 * it: reports and exports written elsewhere. SQLite reads a read-only WAL database only while its
 * -shm file exists, and this build of SQLite opens no `?immutable=1` URIs, so without one the file
 * (with its -wal, if any) is copied to a private temporary folder and the copy is read. Nothing
 * can change under the copy on a read-only disk; `mustCopy` asks for the copy in any case (the
 * report opens its database writable). The schema must be this version's: it cannot be upgraded.
 */
export function readableDatabase(path: string, options: { mustCopy?: boolean } = {}): ReadableDatabase {
  const direct = options.mustCopy ? null : versionOf(path);
  if (direct !== null) {
    checkVersion(path, direct);
    return { path, copied: false, dispose: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'winback-read-'));
  const copy = join(dir, basename(path));
  try {
    copyFileSync(path, copy);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    const version = versionOf(copy);
    if (version === null) throw new ReadOnlyDatabaseError(`The database at ${path} is read-only and SQLite cannot read it.`);
    checkVersion(path, version);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { path: copy, copied: true, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function checkVersion(path: string, version: number): void {
  if (version !== latestVersion()) {
    throw new ReadOnlyDatabaseError(
      `The database at ${path} is read-only and ${version < latestVersion() ? 'older' : 'newer'} than this version of the console ` +
        `(schema ${version}, this version ${latestVersion()}); ${version < latestVersion() ? 'open it once where it can be written, so it is upgraded' : 'use the newer version'}.`,
    );
  }
}
