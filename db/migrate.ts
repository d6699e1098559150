import type Database from 'better-sqlite3';
import type { Migration } from './migrations/types';
import { MIGRATIONS } from './migrations';

/** Thrown when the file was written by a newer console; the file is left exactly as it was. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `This database was written by a newer version of Winback Console (schema ${fileVersion}; ` +
        `this version understands up to ${supportedVersion}). Install the newer version to open it; ` +
        'the file has not been changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Checked before anything else touches the file, so a newer database is never changed. */
export function assertNotNewer(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = schemaVersion(db);
  const latest = latestVersion(migrations);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migration registry out of order: "${m.name}" has version ${m.version}, expected ${i + 1}.`);
    }
  });
}

/**
 * Runs every pending migration, each in its own transaction together with its user_version bump,
 * so a crash leaves the database at the last whole step.
 * `beforeMigrating` runs once when there is work to do (a backup of the older schema, for example).
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  beforeMigrating?: (fromVersion: number, db: Database.Database) => void,
): { from: number; to: number } {
  assertOrdered(migrations);
  assertNotNewer(db, migrations);
  const from = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length > 0 && from > 0) beforeMigrating?.(from, db);
  for (const m of pending) {
    db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: schemaVersion(db) };
}
