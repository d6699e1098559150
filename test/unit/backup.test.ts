import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BACKUPS_KEPT,
  backupDatabase,
  backupFolderFor,
  checkDatabaseFile,
  listBackups,
  restoreDatabase,
  writeRotatedBackup,
} from '../../db/backup';
import { latestVersion, migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { silentLogger } from '../../electron/backend/logger';
import { backUpNow, dailyBackupDue, runDailyBackup, scheduleDailyBackups } from '../../electron/backend/maintenance/backup';
import { damageHeader, damagePages } from '../helpers/damage';
import { tempDir } from '../helpers/backend';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
});

function folder(): string {
  const t = tempDir();
  cleanup.push(t.dispose);
  return t.dir;
}

/** A console database with some customers, still open. */
function populated(path: string, customers = 300): Database.Database {
  const db = openDatabase(path);
  const insert = db.prepare(
    "INSERT INTO customers (external_id, name, phone, created_at, updated_at) VALUES (?, ?, '+1 555-0100', 'now', 'now')",
  );
  db.transaction(() => {
    for (let i = 0; i < customers; i += 1) insert.run(`C-${i}`, `Customer ${i} ${'x'.repeat(200)}`);
  })();
  return db;
}

const count = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('an online backup', () => {
  it('holds every committed write, including those still in the -wal file, as one verified file', async () => {
    const dir = folder();
    const db = populated(join(dir, 'w.db'));
    cleanup.push(() => db.close());
    // Keep the newest commits in the WAL only: a file copy of w.db would miss them.
    db.pragma('wal_autocheckpoint = 0');
    db.prepare("INSERT INTO customers (external_id, created_at, updated_at) VALUES ('in-wal', 'now', 'now')").run();
    expect(readFileSync(join(dir, 'w.db-wal')).length).toBeGreaterThan(0);

    const out = join(dir, 'copy.db');
    const summary = await backupDatabase(db, out);
    expect(summary).toEqual({ schemaVersion: latestVersion(), customers: 301, calls: 0 });
    expect(count(out)).toBe(301);
    // Self-contained: no -wal beside it, and it reads as a rollback-journal database.
    expect(existsSync(`${out}-wal`)).toBe(false);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('keeps the last seven in the backups folder beside the database, newest first', async () => {
    const dir = folder();
    const db = populated(join(dir, 'w.db'), 10);
    cleanup.push(() => db.close());
    for (let day = 1; day <= 9; day += 1) {
      await writeRotatedBackup(db, new Date(Date.UTC(2026, 10, day, 9)), 'daily');
    }
    const kept = listBackups(backupFolderFor(db.name));
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept.map((b) => b.takenAt.slice(0, 10))).toEqual([
      '2026-11-09', '2026-11-08', '2026-11-07', '2026-11-06', '2026-11-05', '2026-11-04', '2026-11-03',
    ]);
  });

  it('leaves files of other shapes in the backups folder alone', async () => {
    const dir = folder();
    const db = populated(join(dir, 'w.db'), 10);
    cleanup.push(() => db.close());
    mkdirSync(join(dir, 'backups'));
    writeFileSync(join(dir, 'backups', 'my-own-copy.db'), 'kept');
    for (let day = 1; day <= 8; day += 1) await writeRotatedBackup(db, new Date(Date.UTC(2026, 10, day)), 'daily');
    expect(readFileSync(join(dir, 'backups', 'my-own-copy.db'), 'utf8')).toBe('kept');
  });
});

describe('Back up now', () => {
  it('writes a whole, readable copy beside the others and keeps only the last seven in all', async () => {
    const dir = folder();
    const db = populated(join(dir, 'winback.db'), 50);
    cleanup.push(() => db.close());
    for (let day = 1; day <= 7; day += 1) await writeRotatedBackup(db, new Date(Date.UTC(2026, 10, day)), 'daily');
    const file = await backUpNow(db, new Date(Date.UTC(2026, 10, 20, 16)));
    expect(file.reason).toBe('manual');
    expect(count(file.path)).toBe(50);
    const kept = listBackups(join(dir, 'backups'));
    expect(kept).toHaveLength(7);
    expect(kept[0]?.path).toBe(file.path);
  });
});

describe('the daily backup', () => {
  it('is taken once per calendar day the console runs, and recorded only once written', async () => {
    const dir = folder();
    const db = populated(join(dir, 'w.db'), 10);
    cleanup.push(() => db.close());
    let now = new Date(2026, 10, 16, 9, 0);
    const deps = { db: () => db, now: () => now, log: silentLogger };
    expect(dailyBackupDue(db, now)).toBe(true);
    expect((await runDailyBackup(deps))?.reason).toBe('daily');
    now = new Date(2026, 10, 16, 17, 30);
    expect(await runDailyBackup(deps)).toBeNull();
    now = new Date(2026, 10, 17, 8, 0);
    expect(await runDailyBackup(deps)).not.toBeNull();
    expect(listBackups(backupFolderFor(db.name))).toHaveLength(2);
  });

  it('is checked as soon as the console starts', async () => {
    const dir = folder();
    const db = populated(join(dir, 'w.db'), 10);
    cleanup.push(() => db.close());
    const scheduled = scheduleDailyBackups({ db: () => db, now: () => new Date(), log: silentLogger });
    cleanup.push(scheduled.stop);
    await scheduled.current();
    expect(listBackups(backupFolderFor(db.name)).map((b) => b.reason)).toEqual(['daily']);
  });

  it('logs a failure without stopping the console, and tries again at the next check', async () => {
    const dir = folder();
    const db = populated(join(dir, 'w.db'), 10);
    cleanup.push(() => db.close());
    writeFileSync(join(dir, 'backups'), 'a file where the folder should be');
    const errors: string[] = [];
    const log = { ...silentLogger, error: (m: string) => errors.push(m) };
    const scheduled = scheduleDailyBackups({ db: () => db, now: () => new Date(), log });
    cleanup.push(scheduled.stop);
    await scheduled.current();
    expect(errors).toEqual(['daily backup failed']);
    expect(dailyBackupDue(db, new Date())).toBe(true);
  });
});

describe('the backup before a migration', () => {
  it('copies the older database into the backups folder before upgrading it', () => {
    const dir = folder();
    const path = join(dir, 'old.db');
    const old = new Database(path);
    migrate(old, MIGRATIONS.slice(0, 1));
    old.prepare("INSERT INTO people (id, name, role, created_at) VALUES ('p1', 'Ann', 'agent', 'now')").run();
    old.close();

    const db = openDatabase(path);
    cleanup.push(() => db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    const [backup, ...rest] = listBackups(backupFolderFor(path));
    expect(rest).toEqual([]);
    expect(backup?.reason).toBe('before-migration-v1');
    const copy = new Database(backup?.path ?? '', { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.prepare('SELECT name FROM people').pluck().all()).toEqual(['Ann']);
    copy.close();
  });

  it('leaves the database unmigrated when the backup cannot be written', () => {
    const dir = folder();
    const path = join(dir, 'old.db');
    const old = new Database(path);
    migrate(old, MIGRATIONS.slice(0, 1));
    old.close();
    writeFileSync(join(dir, 'backups'), 'a file where the folder should be');
    expect(() => openDatabase(path)).toThrow(/Could not back up the database before upgrading it.*nothing was changed/);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(1);
    after.close();
  });

  it('is not taken for a new database', () => {
    const dir = folder();
    openDatabase(join(dir, 'new.db')).close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });
});

describe('restoring a backup', () => {
  async function backupAndTarget(): Promise<{ dir: string; backup: string; target: string }> {
    const dir = folder();
    const target = join(dir, 'w.db');
    const db = populated(target, 50);
    const backup = join(dir, 'good.db');
    await backupDatabase(db, backup);
    db.prepare("INSERT INTO customers (external_id, created_at, updated_at) VALUES ('after-backup', 'now', 'now')").run();
    db.close();
    return { dir, backup, target };
  }

  it('replaces the database with the backup and keeps the replaced file beside it', async () => {
    const { dir, backup, target } = await backupAndTarget();
    const result = await restoreDatabase(backup, target, new Date('2026-11-16T15:00:00Z'));
    expect(result).toMatchObject({ customers: 50, keptAs: `${target}.replaced-2026-11-16T15-00-00-000Z` });
    expect(count(target)).toBe(50);
    expect(count(result.keptAs ?? '')).toBe(51);
    expect(readdirSync(dir).filter((f) => f.includes('restoring'))).toEqual([]);
    const db = openDatabase(target);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  const copyOf = (from: string, to: string) => writeFileSync(to, readFileSync(from));
  it.each([
    ['fails the integrity check', (good: string, bad: string) => (copyOf(good, bad), damagePages(bad)), /fails the integrity check/],
    ['is not a SQLite file', (good: string, bad: string) => (copyOf(good, bad), damageHeader(bad)), /is not a SQLite database/],
    [
      "is another program's SQLite database",
      (_good: string, bad: string) => {
        const other = new Database(bad);
        other.exec('CREATE TABLE notes (text TEXT)');
        other.close();
      },
      /not a Winback Console database/,
    ],
    [
      'comes from a newer version',
      (good: string, bad: string) => {
        copyOf(good, bad);
        const newer = new Database(bad);
        newer.pragma(`user_version = ${latestVersion() + 1}`);
        newer.close();
      },
      /written by a newer version of Winback Console/,
    ],
  ])('refuses a file that %s and leaves the database byte for byte as it was', async (_what, makeBad, message) => {
    const { dir, backup, target } = await backupAndTarget();
    const bad = join(dir, 'bad.db');
    makeBad(backup, bad);
    const before = readFileSync(target);
    await expect(restoreDatabase(bad, target)).rejects.toThrow(message);
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('replaced') || f.includes('restoring'))).toEqual([]);
  });

  it('refuses while another connection has the database open, and changes nothing', async () => {
    const { backup, target } = await backupAndTarget();
    const holder = openDatabase(target);
    cleanup.push(() => holder.close());
    await expect(restoreDatabase(backup, target)).rejects.toThrow(/is open in another program/);
    expect(holder.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(51);
  });

  it('refuses while another process has the database open, however idle', async () => {
    const { backup, target } = await backupAndTarget();
    const script = `
      const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new Database(${JSON.stringify(target)});
      db.pragma('journal_mode = WAL');
      db.prepare('SELECT count(*) FROM customers').get();
      process.stdout.write('open\\n');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanup.push(() => child.kill('SIGKILL'));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await expect(restoreDatabase(backup, target)).rejects.toThrow(/is open in another program/);
    expect(count(target)).toBe(51);
  });

  it('refuses to restore a database onto itself', async () => {
    const { target } = await backupAndTarget();
    await expect(restoreDatabase(target, target)).rejects.toThrow(/the database itself/);
  });

  it('checks a backup with the full integrity check, not only the header', async () => {
    const { backup } = await backupAndTarget();
    expect(checkDatabaseFile(backup).customers).toBe(50);
    damagePages(backup);
    expect(() => checkDatabaseFile(backup)).toThrow(/fails the integrity check/);
  });
});
