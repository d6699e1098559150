import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupFolderFor, listBackups } from '../../db/backup';
import { latestVersion, migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { tempDir } from '../helpers/backend';
import { MIGRATION_SEEDS } from '../helpers/migrationSeeds';

/**
 * A database from every earlier schema version, with data, migrates to the newest and keeps it.
 * For each version k below the newest: build a database by running the first k migrations of the
 * registry, put in the representative rows of test/helpers/migrationSeeds.ts, then open it the
 * way the console does. Every row of every table that existed at k must still be there, with the
 * same values in every column that existed at k. (A newer database is refused byte for byte:
 * test/unit/db-open.test.ts.)
 */

type Snapshot = Map<string, { columns: string[]; rows: string[] }>;

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
});

function buildAtVersion(path: string, version: number): void {
  const db = new Database(path);
  // As a console of that version left it: WAL, foreign keys enforced while the rows went in.
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, version));
  for (const s of MIGRATION_SEEDS.filter((x) => x.since <= version)) db.transaction(() => s.seed(db))();
  db.close();
}

function snapshot(path: string, only?: Snapshot): Snapshot {
  const db = new Database(path, { readonly: true });
  try {
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]
    ).filter((t) => !only || only.has(t));
    const result: Snapshot = new Map();
    for (const table of tables) {
      const present = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
      const columns = only ? (only.get(table)?.columns ?? []).filter((c) => present.includes(c)) : present;
      const rows = (db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`).all() as Record<string, unknown>[])
        .map((r) => JSON.stringify(columns.map((c) => r[c])))
        .sort();
      result.set(table, { columns, rows });
    }
    return result;
  } finally {
    db.close();
  }
}

const EARLIER = Array.from({ length: Math.max(0, latestVersion() - 1) }, (_, i) => i + 1);

describe('upgrading a database from every earlier schema version', () => {
  it('has earlier versions to test, and seeds that start at a real version', () => {
    expect(EARLIER.length).toBeGreaterThan(0);
    for (const s of MIGRATION_SEEDS) expect(s.since, s.name).toBeLessThanOrEqual(latestVersion());
  });

  it.each(EARLIER)('version %i has representative rows in every table', (version) => {
    const t = tempDir();
    cleanup.push(t.dispose);
    const path = join(t.dir, `v${version}.db`);
    buildAtVersion(path, version);
    const empty = [...snapshot(path)].filter(([, s]) => s.rows.length === 0).map(([table]) => table);
    expect(empty, `add a seed in test/helpers/migrationSeeds.ts with rows for these tables of version ${version}`).toEqual([]);
  });

  // The seeds of the newest version are not upgraded by anything yet; they must at least fit its
  // schema (constraints and foreign keys), so the next migration starts from working rows.
  it('the newest version takes every seed and has rows in every table', () => {
    const t = tempDir();
    cleanup.push(t.dispose);
    const path = join(t.dir, 'newest.db');
    buildAtVersion(path, latestVersion());
    const db = new Database(path, { readonly: true });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    const empty = [...snapshot(path)].filter(([, s]) => s.rows.length === 0).map(([table]) => table);
    expect(empty, `add a seed in test/helpers/migrationSeeds.ts with rows for these tables of version ${latestVersion()}`).toEqual([]);
  });

  it.each(EARLIER)('version %i migrates to the newest and keeps every row and value', (version) => {
    const t = tempDir();
    cleanup.push(t.dispose);
    const path = join(t.dir, `v${version}.db`);
    buildAtVersion(path, version);
    const before = snapshot(path);

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();

    const after = snapshot(path, before);
    for (const [table, was] of before) {
      const now = after.get(table);
      expect(now, `table ${table} of version ${version} is gone`).toBeDefined();
      expect(now?.columns, `columns of ${table} dropped`).toEqual(was.columns);
      // Later migrations may add rows (defaults, backfills); none that existed may change or go.
      const remaining = [...(now?.rows ?? [])];
      for (const row of was.rows) {
        const i = remaining.indexOf(row);
        expect(i, `${table}: ${row} was lost or changed`).toBeGreaterThanOrEqual(0);
        remaining.splice(i, 1);
      }
    }
  });

  it.each(EARLIER)('version %i is backed up as it was before the upgrade', (version) => {
    const t = tempDir();
    cleanup.push(t.dispose);
    const path = join(t.dir, `v${version}.db`);
    buildAtVersion(path, version);
    const before = snapshot(path);
    openDatabase(path).close();
    const [backup] = listBackups(backupFolderFor(path));
    expect(backup?.reason).toBe(`before-migration-v${version}`);
    const copy = new Database(backup?.path ?? '', { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(version);
    copy.close();
    expect(snapshot(backup?.path ?? '')).toEqual(before);
  });
});
