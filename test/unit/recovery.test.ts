import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase, backupFileName, backupFolderFor } from '../../db/backup';
import { createBackend, type Backend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import { DatabaseDamagedError } from '../../electron/backend/database';
import { contract } from '../../shared/api';
import { call, callResult, tempDir, signIn } from '../helpers/backend';
import { damageHeader, damagePages } from '../helpers/damage';

const root = join(import.meta.dirname, '..', '..');
let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
});

function open(dbPath: string, recovery = true): Backend {
  const b = createBackend({ dbPath, log: silentLogger, recovery, now: () => new Date('2026-11-16T15:00:00Z') });
  cleanup.push(() => b.close());
  return b;
}

/**
 * A console with the demo loaded and two daily backups (an older good one and a newer one), then
 * its database damaged on disk while closed.
 */
async function damagedConsole(options: { newestBackupAlsoDamaged?: boolean; header?: boolean; empty?: boolean } = {}) {
  const t = tempDir();
  cleanup.push(t.dispose);
  const dbPath = join(t.dir, 'winback.db');
  const b = createBackend({ dbPath, log: silentLogger });
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
  await call(b.dispatch, 'demo.load', {});
  const folder = backupFolderFor(dbPath);
  const older = join(folder, backupFileName(new Date('2026-11-14T09:00:00Z'), 'daily'));
  const newer = join(folder, backupFileName(new Date('2026-11-15T09:00:00Z'), 'daily'));
  await backupDatabase(b.db, older);
  await backupDatabase(b.db, newer);
  b.close();
  if (options.newestBackupAlsoDamaged) damagePages(newer);
  if (options.empty) writeFileSync(dbPath, '');
  else if (options.header) damageHeader(dbPath);
  else damagePages(dbPath);
  return { dir: t.dir, dbPath, older, newer, damagedBytes: readFileSync(dbPath) };
}

describe('the check at start', () => {
  it('opens a healthy database and reports it healthy', async () => {
    const t = tempDir();
    cleanup.push(t.dispose);
    const b = open(join(t.dir, 'w.db'));
    const status = await call(b.dispatch, 'maintenance.status', {});
    expect(status).toMatchObject({ state: 'ok', problem: null, newestGoodBackup: null });
  });

  it('never starts a command on a damaged database: one line names the newest good backup', async () => {
    const c = await damagedConsole();
    let thrown: unknown;
    try {
      open(c.dbPath, false);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DatabaseDamagedError);
    const message = (thrown as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(`npx winback restore "${c.newer}" --db "${c.dbPath}"`);
    expect(readFileSync(c.dbPath).equals(c.damagedBytes)).toBe(true);
  });

  it('prints that line from the command line, with no log noise and no stack trace', async () => {
    const c = await damagedConsole({ header: true });
    const r = spawnSync(process.execPath, [join(root, 'bin', 'winback.mjs'), 'demo', '--db', c.dbPath], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `winback: The database at ${c.dbPath} is damaged (file is not a database); it was not opened and nothing was changed. ` +
        `Restore the newest good backup with: npx winback restore "${c.newer}" --db "${c.dbPath}"`,
    ]);
  });
});

describe('the console in recovery mode', () => {
  it('takes a 0-byte database with backups beside it for a damaged one, never for a new console', async () => {
    const c = await damagedConsole({ empty: true });
    const b = open(c.dbPath);
    const status = await call(b.dispatch, 'maintenance.status', {});
    expect(status.state).toBe('damaged');
    expect(status.problem).toMatch(/empty \(0 bytes\)/);
    expect(status.newestGoodBackup).toMatchObject({ file: 'winback-2026-11-15T09-00-00-000Z-daily.db', customers: 1869 });
    const setup = await callResult(b.dispatch, 'session.setup', { name: 'Nobody', role: 'manager' });
    expect(setup.ok).toBe(false);
    b.close();
    expect(readFileSync(c.dbPath).length).toBe(0);

    const r = spawnSync(process.execPath, [join(root, 'bin', 'winback.mjs'), 'demo', '--db', c.dbPath], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^winback: The database at ${c.dbPath} is damaged \\(the file is empty \\(0 bytes\\)`));
    expect(readFileSync(c.dbPath).length).toBe(0);
  });

  it('still starts a new console in an empty file with no backups beside it', async () => {
    const t = tempDir();
    cleanup.push(t.dispose);
    const dbPath = join(t.dir, 'winback.db');
    writeFileSync(dbPath, '');
    const b = open(dbPath);
    expect((await call(b.dispatch, 'maintenance.status', {})).state).toBe('ok');
  });

  it('says what happened and offers the newest good backup, with what is in it', async () => {
    const c = await damagedConsole();
    const b = open(c.dbPath);
    const status = await call(b.dispatch, 'maintenance.status', {});
    expect(status.state).toBe('damaged');
    expect(status.problem).toMatch(/malformed|quick_check/);
    expect(status.databasePath).toBe(c.dbPath);
    expect(status.newestGoodBackup).toMatchObject({ file: 'winback-2026-11-15T09-00-00-000Z-daily.db', customers: 1869, calls: 0 });
    expect(status.backups.map((x) => x.file)).toHaveLength(2);
  });

  it('skips a backup that is itself damaged and offers the one before it', async () => {
    const c = await damagedConsole({ newestBackupAlsoDamaged: true });
    const b = open(c.dbPath);
    const status = await call(b.dispatch, 'maintenance.status', {});
    expect(status.newestGoodBackup?.file).toBe('winback-2026-11-14T09-00-00-000Z-daily.db');
  });

  it('answers every other channel with a typed error that says why, never with an empty console', async () => {
    const c = await damagedConsole();
    const b = open(c.dbPath);
    for (const channel of Object.keys(contract).filter((ch) => !ch.startsWith('maintenance.'))) {
      const r = await b.dispatch(channel, {});
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/damaged/) as unknown } });
    }
    expect(await b.dispatch('db.exec', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(() => b.db).toThrow(DatabaseDamagedError);
    expect(readFileSync(c.dbPath).equals(c.damagedBytes)).toBe(true);
  });

  it('restores the chosen backup, keeps the damaged file, and carries on as a normal console', async () => {
    const c = await damagedConsole();
    const b = open(c.dbPath);
    const restored = await call(b.dispatch, 'maintenance.restoreBackup', { file: 'winback-2026-11-15T09-00-00-000Z-daily.db' });
    expect(restored.state).toBe('ok');
    const session = await call(b.dispatch, 'session.get', {});
    expect(session.user?.name).toBe('Mia Manager');
    expect((await call(b.dispatch, 'queue.list', { limit: 1 })).total).toBe(1863);
    expect(b.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const kept = `${c.dbPath}.replaced-2026-11-16T15-00-00-000Z`;
    expect(readFileSync(kept).equals(c.damagedBytes)).toBe(true);
    // Once healthy, replacing the database in use is refused.
    const again = await callResult(b.dispatch, 'maintenance.restoreBackup', { file: 'winback-2026-11-14T09-00-00-000Z-daily.db' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('restores only a backup from its own folder, by name', async () => {
    const c = await damagedConsole();
    const b = open(c.dbPath);
    writeFileSync(join(c.dir, 'elsewhere.db'), 'x');
    for (const file of ['../elsewhere.db', c.older, 'winback-2026-01-01T00-00-00-000Z-daily.db']) {
      const r = await callResult(b.dispatch, 'maintenance.restoreBackup', { file });
      expect(r, file).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(await callResult(b.dispatch, 'maintenance.restoreBackup', { file: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Name a backup file.' },
    });
    expect(readFileSync(c.dbPath).equals(c.damagedBytes)).toBe(true);
    expect(existsSync(`${c.dbPath}.replaced-2026-11-16T15-00-00-000Z`)).toBe(false);
  });

  it('says plainly when there is no good backup, and changes nothing', async () => {
    const c = await damagedConsole();
    damagePages(c.older);
    damagePages(c.newer);
    const b = open(c.dbPath);
    const status = await call(b.dispatch, 'maintenance.status', {});
    expect(status).toMatchObject({ state: 'damaged', newestGoodBackup: null });
    const r = await callResult(b.dispatch, 'maintenance.restoreBackup', { file: 'winback-2026-11-15T09-00-00-000Z-daily.db' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_file', message: expect.stringMatching(/fails the integrity check/) as unknown } });
    expect(readFileSync(c.dbPath).equals(c.damagedBytes)).toBe(true);
  });
});
