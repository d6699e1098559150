import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { DatabaseTooNewError, latestVersion, migrate } from '../../db/migrate';
import { tempDir } from '../helpers/backend';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function freshPath(): string {
  const t = tempDir();
  cleanup = t.dispose;
  return join(t.dir, 'w.db');
}

describe('opening the database', () => {
  it('sets durable pragmas on the first open and on every later open', () => {
    const path = freshPath();
    for (let round = 0; round < 2; round += 1) {
      const db = openDatabase(path);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // FULL: better-sqlite3 would read NORMAL on a later open of a WAL file if we did not set it.
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
      db.close();
    }
  });

  it('refuses a database from a newer version and leaves the file byte for byte as it was', () => {
    const path = freshPath();
    const raw = new Database(path);
    raw.exec('CREATE TABLE kept (x INTEGER)');
    raw.pragma(`user_version = ${latestVersion() + 5}`);
    raw.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(path)).toThrow(/newer version of Winback Console/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('enforces foreign keys', () => {
    const db = openDatabase(freshPath());
    expect(() =>
      db.prepare("INSERT INTO reasons (id, category_id, name) VALUES ('x', 'no-such-category', 'X')").run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('the migration runner', () => {
  it('rejects a registry out of order', () => {
    const db = new Database(':memory:');
    expect(() =>
      migrate(db, [
        { version: 2, name: 'b', up: 'CREATE TABLE b (x INTEGER)' },
        { version: 1, name: 'a', up: 'CREATE TABLE a (x INTEGER)' },
      ]),
    ).toThrow(/out of order/);
  });

  it('rolls a failing migration back whole and keeps the version of the last good one', () => {
    const db = new Database(':memory:');
    expect(() =>
      migrate(db, [
        { version: 1, name: 'good', up: 'CREATE TABLE good (x INTEGER)' },
        { version: 2, name: 'bad', up: 'CREATE TABLE half (x INTEGER); THIS IS NOT SQL;' },
      ]),
    ).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(['good']);
  });

  it('runs only pending migrations and calls the before-migrating hook with the old version', () => {
    const db = new Database(':memory:');
    const a = { version: 1, name: 'a', up: 'CREATE TABLE a (x INTEGER)' };
    const b = { version: 2, name: 'b', up: 'CREATE TABLE b (x INTEGER)' };
    migrate(db, [a]);
    const seen: number[] = [];
    expect(migrate(db, [a, b], (from) => seen.push(from))).toEqual({ from: 1, to: 2 });
    expect(seen).toEqual([1]);
  });
});

describe('the schema', () => {
  it('matches the committed snapshot, and every table is STRICT', async () => {
    const db = openDatabase(':memory:');
    const rows = db
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .all() as { type: string; name: string; sql: string }[];
    // STRICT, alone or after WITHOUT ROWID (the summary tables of migration 7 are stored by their key).
    for (const r of rows.filter((x) => x.type === 'table')) expect(r.sql, r.name).toMatch(/\)\s*(WITHOUT ROWID,\s*)?STRICT$/);
    await expect(rows.map((r) => `${r.sql};`).join('\n\n') + '\n').toMatchFileSnapshot('./__snapshots__/schema.sql');
    db.close();
  });
});
