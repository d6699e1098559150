import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { createBackend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import { call, tempDir } from '../helpers/backend';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('migration 003 (import, selection and queue)', () => {
  it('carries customers of an older console into the queue, with their calls and assignment', async () => {
    const t = tempDir();
    cleanup = t.dispose;
    const path = join(t.dir, 'old.db');
    const old = new Database(path);
    migrate(old, MIGRATIONS.slice(0, 2));
    old.exec(`
      INSERT INTO people (id, name, role, created_at) VALUES ('p1', 'Ann Agent', 'agent', '2026-01-01');
      INSERT INTO settings (key, value) VALUES ('console.currentUserId', '"p1"');
      INSERT INTO cycles (id, name, kind, starts_on, ends_on, created_at) VALUES ('2026-10', 'October 2026', 'monthly', '2026-10-01', '2026-10-31', '2026-10-01');
      INSERT INTO customers (external_id, name, phone, monthly_revenue, stated_reason_id, cycle_id, assigned_to, attempts, created_at, updated_at)
        VALUES ('OLD-1', 'Ada', '+1 555-0101', 80, 'price.too-expensive', '2026-10', 'p1', 1, '2026-10-02', '2026-10-02'),
               ('OLD-2', 'Bruno', '+1 555-0102', 99, 'not-recoverable.deceased', '2026-10', NULL, 0, '2026-10-02', '2026-10-02'),
               ('OLD-3', 'Chioma', NULL, 50, NULL, '2026-10', NULL, 0, '2026-10-02', '2026-10-02');
      INSERT INTO calls (id, customer_id, caller_id, caller_role, started_at, completed_at, outcome)
        VALUES ('k1', 1, 'p1', 'agent', '2026-10-03T10:00:00Z', '2026-10-03T10:05:00Z', 'no_answer');
    `);
    old.close();

    const backend = createBackend({ dbPath: path, log: silentLogger, now: () => new Date('2026-11-16T15:00:00Z') });
    try {
      expect(backend.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const queue = await call(backend.dispatch, 'queue.list', {});
      expect(queue.items.map((i) => [i.externalId, i.assignedTo, i.attempts])).toEqual([['OLD-1', 'Ann Agent', 1]]);
      expect(backend.db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(1);
    } finally {
      backend.close();
    }
    const again = openDatabase(path);
    expect(again.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(3);
    again.close();
  });
});
