import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertNotNewer, migrate } from './migrate';
import { backupBeforeMigration } from './backup';

export type Db = Database.Database;

/** The setting that says every page's free space is zeros (db/repos/freeSpace.ts reads it). */
export const FREE_SPACE_CLEAN_KEY = 'privacy.freeSpaceClean';

export interface OpenOptions {
  /** Skip migrations (tools that only inspect a file). */
  migrate?: boolean;
  /** Runs once before an older database is upgraded; by default a backup of it goes into backups/ beside it. */
  beforeMigrating?: (fromVersion: number, db: Db) => void;
}

/**
 * Opens the console's SQLite file. synchronous=FULL is set explicitly on every open: better-sqlite3
 * builds default WAL databases to NORMAL on later opens, under which a write acknowledged to the
 * agent can be lost on power failure (ARCHITECTURE.md, "Durability").
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // Before any pragma that writes (journal_mode), so a newer file is left untouched.
    assertNotNewer(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Statement journals in memory, not in a temporary file: every upsert inside a transaction
    // writes one (an import of 100,000 customers spent nearly half its time writing them to disk).
    // Heavy sorts (reports, exports) run on connections of their own.
    db.pragma('temp_store = MEMORY');
    // Whatever an update or a delete frees inside a page is overwritten with zeros while the page
    // is written anyway (FAST costs CPU, no extra I/O): an erasure later finds no older copy of a
    // customer's row left in a page's free space (electron/backend/privacy/erase.ts).
    db.pragma('secure_delete = FAST');
    const bornClean = path !== ':memory:' && (db.pragma('user_version', { simple: true }) as number) === 0;
    const beforeMigrating = options.beforeMigrating ?? (path === ':memory:' ? undefined : (from: number) => backupBeforeMigration(db, from));
    if (options.migrate !== false) {
      migrate(db, undefined, beforeMigrating);
      // Written here, not through the settings repository, which itself builds on this file.
      if (bornClean) db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(FREE_SPACE_CLEAN_KEY, 'true');
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
