import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupError, backupDatabase } from '../../db/backup';
import { tempDir } from '../helpers/backend';
import { readOnlyView, type ReadOnlyView } from '../helpers/readOnly';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'winback.mjs');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function winback(args: string[]) {
  // A stuck command is killed after a minute; a working one needs seconds.
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

/** A demo console whose process died with its -wal and -shm files still beside it, then made read-only. */
function readOnlyConsole(): { folder: string; db: ReadOnlyView; elsewhere: string } | null {
  const t = tempDir();
  cleanups.push(t.dispose);
  const folder = join(t.dir, 'data');
  const db = join(folder, 'console.db');
  expect(winback(['demo', '--db', db]).status).toBe(0);
  const killed = spawnSync(
    process.execPath,
    [
      '-e',
      `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(db)}); db.pragma('wal_autocheckpoint = 0');
       db.prepare('DELETE FROM customers WHERE rowid = (SELECT max(rowid) FROM customers)').run(); process.kill(process.pid, 'SIGKILL');`,
    ],
    { cwd: root },
  );
  expect(killed.signal).toBe('SIGKILL');
  expect(existsSync(`${db}-wal`) && existsSync(`${db}-shm`)).toBe(true);
  expect(statSync(`${db}-wal`).size).toBeGreaterThan(0);
  const view = readOnlyView(folder);
  if (!view) return null;
  cleanups.push(view.dispose);
  return { folder, db: view, elsewhere: t.dir };
}

describe('a database on a read-only mount, its -wal and -shm files beside it', () => {
  it('winback backup copies it (or says in one line why not) and leaves no partial file', (ctx) => {
    const c = readOnlyConsole();
    if (!c) return ctx.skip('cannot make a read-only folder here (root without the right to mount)');
    const out = join(c.elsewhere, 'copy.db');
    const r = winback(['backup', '--db', join(c.db.dir, 'console.db'), '--out', out]);
    expect(r.signal).toBeNull();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The commit still only in the -wal file is in the copy.
    expect(r.stdout).toContain('1868 customers');
    expect(readdirSync(c.elsewhere).filter((f) => f.includes('.partial'))).toEqual([]);
  }, 120_000);
});

describe('a backup that cannot progress', () => {
  it('fails with one clear line and removes its partial files', async () => {
    const t = tempDir();
    cleanups.push(t.dispose);
    const out = join(t.dir, 'copy.db');
    // SQLite's backup step answers SQLITE_BUSY for ever on some read-only WAL files; better-sqlite3
    // then reports the same remaining pages at every step and never stops on its own.
    const stuck = {
      name: join(t.dir, 'console.db'),
      backup: (file: string, options: { progress: (p: { totalPages: number; remainingPages: number }) => number | undefined }) =>
        new Promise((_resolve, reject) => {
          new Database(file).close();
          const step = () => {
            try {
              options.progress({ totalPages: 411, remainingPages: 311 });
              setImmediate(step);
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          };
          setImmediate(step);
        }),
    } as unknown as Database.Database;
    const failure = await backupDatabase(stuck, out, { stallMs: 200 }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(BackupError);
    expect((failure as Error).message).toMatch(/^The backup of .*console\.db made no progress/);
    expect((failure as Error).message).not.toContain('\n');
    expect(readdirSync(t.dir)).toEqual([]);
  });
});
