import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, testBackend, type TestBackend } from '../helpers/backend';
import { customer, fullCall, seedCustomers } from '../helpers/callFixtures';
import { createBackend, type Backend } from '../../electron/backend/create';
import { restoreDatabase } from '../../db/backup';
import { backUpNow } from '../../electron/backend/maintenance/backup';
import { replayErasuresBeforeRestore } from '../../electron/backend/privacy/erase';
import { erasureLogPath } from '../../electron/backend/privacy/erasureLog';
import { RETENTION_KEYS, runDailyRetention, scheduleDailyRetention, setRetentionMonths } from '../../electron/backend/privacy/retention';
import { silentLogger } from '../../electron/backend/logger';

const NAME = 'Zelda Quixotic';
const PHONE = '+1 415 555 0177';
const E164 = '+14155550177';
const EMAIL = 'zelda.quixotic@example.test';
const NOW = new Date('2026-11-16T15:00:00Z');

let b: TestBackend;
let reopened: Backend | null = null;
let ids: Record<string, number>;

beforeEach(async () => {
  b = testBackend(() => NOW);
  await call(b.dispatch, 'session.setup', { name: 'Mia Manager', role: 'manager' });
  ids = seedCustomers(b.db, [
    customer({ externalId: 'Z-1', name: NAME, company: 'Quixotic Widgets', phone: PHONE, email: EMAIL, notes: `${NAME} prefers mornings`, monthlyRevenue: 95 }),
    customer({ externalId: 'C-2', phone: '+1 415 555 0102', monthlyRevenue: 80 }),
  ]);
});
afterEach(() => {
  reopened?.close();
  reopened = null;
  b.dispose();
});

const occurrences = (haystack: Buffer, needle: string) => {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n += 1;
  return n;
};
function foundOnDisk(path: string): Record<string, number> {
  const bytes = Buffer.concat([readFileSync(path), ...(existsSync(`${path}-wal`) ? [readFileSync(`${path}-wal`)] : [])]);
  return Object.fromEntries([NAME, 'Quixotic', E164, EMAIL, '555 0177'].map((n) => [n, occurrences(bytes, n)]));
}
const none = { [NAME]: 0, Quixotic: 0, [E164]: 0, [EMAIL]: 0, '555 0177': 0 };

async function reportTotals(dispatch: TestBackend['dispatch']) {
  const stated = await call(dispatch, 'reports.reasons', { by: 'stated' });
  const diagnosed = await call(dispatch, 'reports.reasons', { by: 'diagnosed' });
  return { stated: stated.totals, diagnosed: diagnosed.totals };
}

async function callAndBackUp() {
  const z = ids['Z-1'] ?? 0;
  const s = await call(b.dispatch, 'call.start', { customerId: z });
  await call(b.dispatch, 'call.complete', { state: fullCall(s.state, { listen: { words: `This is ${NAME} on ${PHONE}` }, summary: `Spoke with ${NAME}` }) });
  const backup = await backUpNow(b.db, NOW);
  expect(foundOnDisk(backup.path)[NAME]).toBeGreaterThan(0);
  const before = await reportTotals(b.dispatch);
  await call(b.dispatch, 'privacy.erase', { customerId: z, confirm: 'Z-1' });
  expect(foundOnDisk(b.dbPath)).toEqual(none);
  return { backup, before };
}

describe('the erasure log beside the database', () => {
  it('keeps hashes only, and a backup taken before an erasure comes back without the customer when restored', async () => {
    const { backup, before } = await callAndBackUp();
    const log = readFileSync(erasureLogPath(b.dbPath), 'utf8');
    expect(log.trim().split('\n')).toHaveLength(1);
    for (const needle of [NAME, E164, EMAIL, 'Z-1']) expect(log).not.toContain(needle);

    b.close();
    await restoreDatabase(backup.path, b.dbPath, NOW, replayErasuresBeforeRestore(b.dbPath, NOW));
    expect(foundOnDisk(b.dbPath)).toEqual(none);

    reopened = createBackend({ dbPath: b.dbPath, log: silentLogger, now: () => NOW });
    expect(reopened.db.prepare("SELECT count(*) FROM customers WHERE external_id LIKE 'erased-%'").pluck().get()).toBe(1);
    expect(await reportTotals(reopened.dispatch)).toEqual(before);
    // Replayed once: opening again changes nothing.
    expect(reopened.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'privacy.erase.replayed'").pluck().get()).toBe(1);
  });

  it('an older backup put in place by hand loses the customer before anything reads it', async () => {
    const { backup, before } = await callAndBackUp();
    b.close();
    rmSync(`${b.dbPath}-wal`, { force: true });
    rmSync(`${b.dbPath}-shm`, { force: true });
    copyFileSync(backup.path, b.dbPath);
    expect(foundOnDisk(b.dbPath)[NAME]).toBeGreaterThan(0);

    // Opened a day later: the replayed erasure keeps its own time, on the record as on the ledger.
    const later = new Date(NOW.getTime() + 24 * 3600_000);
    reopened = createBackend({ dbPath: b.dbPath, log: silentLogger, now: () => later });
    expect(foundOnDisk(b.dbPath)).toEqual(none);
    expect(await reportTotals(reopened.dispatch)).toEqual(before);
    const erasedAt = reopened.db.prepare("SELECT added_at FROM permission_entries WHERE kind = 'customer' AND uid LIKE 'erased:%'").pluck().all();
    expect(reopened.db.prepare("SELECT updated_at FROM customers WHERE external_id LIKE 'erased-%'").pluck().all()).toEqual(erasedAt);
    expect(erasedAt).toEqual([NOW.toISOString()]);
  });
});

describe('retention, daily', () => {
  it('does nothing while off, then runs once a day by itself on the clock it is given', async () => {
    seedCustomers(b.db, [customer({ externalId: 'OLD-1', name: 'Olga Oldtimer', departedAt: '2024-01-15', monthlyRevenue: 5 })]);
    let clock = NOW;
    const deps = { db: () => b.db, now: () => clock, log: silentLogger };
    expect(runDailyRetention(deps)).toBeNull();
    expect(b.db.prepare("SELECT count(*) FROM customers WHERE name = 'Olga Oldtimer'").pluck().get()).toBe(1);

    setRetentionMonths(b.db, 24);
    vi.useFakeTimers();
    try {
      const scheduled = scheduleDailyRetention(deps, 24 * 3600_000);
      await vi.advanceTimersByTimeAsync(0);
      expect(b.db.prepare("SELECT count(*) FROM customers WHERE name = 'Olga Oldtimer'").pluck().get()).toBe(0);
      expect(occurrences(readFileSync(b.dbPath), 'Olga Oldtimer')).toBe(0);
      expect(b.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(RETENTION_KEYS.lastRunAt)).toBe(JSON.stringify(NOW.toISOString()));

      // Another departs long ago; the same day nothing runs, the next day it goes.
      seedCustomers(b.db, [customer({ externalId: 'OLD-2', name: 'Otto Oldfield', departedAt: '2024-02-01', monthlyRevenue: 5 })]);
      clock = new Date(NOW.getTime() + 6 * 3600_000);
      expect(runDailyRetention(deps)).toBeNull();
      clock = new Date(NOW.getTime() + 24 * 3600_000);
      await vi.advanceTimersByTimeAsync(24 * 3600_000);
      expect(b.db.prepare("SELECT count(*) FROM customers WHERE name = 'Otto Oldfield'").pluck().get()).toBe(0);
      scheduled.stop();
    } finally {
      vi.useRealTimers();
    }
    // Those departed this year stay; one audit row per run.
    expect(b.db.prepare("SELECT count(*) FROM customers WHERE external_id IN ('Z-1', 'C-2')").pluck().get()).toBe(2);
    expect(b.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'privacy.retention'").pluck().get()).toBe(2);
  });
});
