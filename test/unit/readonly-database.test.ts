import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
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
function readOnlyConsole(options: { clean?: boolean } = {}): { folder: string; db: ReadOnlyView; elsewhere: string } | null {
  const t = tempDir();
  cleanups.push(t.dispose);
  const folder = join(t.dir, 'data');
  const db = join(folder, 'console.db');
  expect(winback(['demo', '--db', db]).status).toBe(0);
  if (options.clean) {
    const view = readOnlyView(folder);
    if (!view) return null;
    cleanups.push(view.dispose);
    return { folder, db: view, elsewhere: t.dir };
  }
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

describe('reading a database on a read-only mount', () => {
  for (const clean of [false, true]) {
    it(`reports and exports to another place work (${clean ? 'closed cleanly, no -wal or -shm' : 'with its -wal and -shm'})`, (ctx) => {
      const c = readOnlyConsole({ clean });
      if (!c) return ctx.skip('cannot make a read-only folder here (root without the right to mount)');
      const db = join(c.db.dir, 'console.db');
      const report = winback(['report', 'reasons', '--by', 'stated', '--db', db]);
      expect(report.stderr).toBe('');
      expect(report.status).toBe(0);
      expect((JSON.parse(report.stdout) as { totals: { departed: number } }).totals.departed).toBe(clean ? 1869 : 1868);
      const out = join(c.elsewhere, 'customers.csv');
      const exported = winback(['export', 'customers', '--db', db, '--out', out]);
      expect(exported.stderr).toBe(`Exported ${clean ? 1869 : 1868} rows of customers to ${out}.\n`);
      expect(exported.status).toBe(0);
    }, 120_000);
  }

  it('a command that writes says in one line that the database is read-only, and in JSON with --json', (ctx) => {
    const c = readOnlyConsole({ clean: true });
    if (!c) return ctx.skip('cannot make a read-only folder here (root without the right to mount)');
    const db = join(c.db.dir, 'console.db');
    const csv = join(c.elsewhere, 'more.csv');
    writeFileSync(csv, 'Customer ID,Name,Phone,Monthly Charges,Churn Reason,Churn Label\nZ-1,Zoe,+1 555-0199,10,Moved,Yes\n');
    const r = winback(['import', csv, '--db', db, '--json']);
    expect(r.status).toBe(1);
    const line = `The database ${db} is read-only (a read-only disk or file), so nothing can be written to it. Reports and exports to another place can still read it.`;
    expect(r.stderr).toBe(`winback: ${line}\n`);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'read_only', message: line } });
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
