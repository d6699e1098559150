import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { tempDir } from '../helpers/backend';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('migration 5: issues, feedback status and report indexes', () => {
  it('keeps existing feedback rows, adds their status trail, and lets issues link reasons and calls', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 4));
    db.exec(`
      INSERT INTO people (id, name, role, created_at) VALUES ('p1', 'Sam', 'agent', '2026-10-01');
      INSERT INTO customers (id, external_id, monthly_revenue, created_at, updated_at) VALUES (1, 'C1', 50, '2026-10-01', '2026-10-01');
      INSERT INTO calls (id, customer_id, caller_id, caller_role, started_at, completed_at, outcome)
        VALUES ('K1', 1, 'p1', 'agent', '2026-10-02', '2026-10-02', 'declined');
      INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES ('K1', 'price.too-expensive', 1);
      INSERT INTO feedback (id, call_id, customer_id, frontline_rep, frontline_team, text, status, created_at)
        VALUES ('F1', 'K1', 1, 'Rep Avery', 'Billing', 'Letter was late', 'shared', '2026-10-02');
    `);
    expect(migrate(db, MIGRATIONS.slice(0, 5))).toEqual({ from: 4, to: 5 });
    expect(db.prepare('SELECT id, text, status, status_changed_at, status_changed_by FROM feedback').all()).toEqual([
      { id: 'F1', text: 'Letter was late', status: 'shared', status_changed_at: null, status_changed_by: null },
    ]);
    db.exec(`
      INSERT INTO issues (id, title, created_at, updated_at) VALUES ('I1', 'Pricing', '2026-10-03', '2026-10-03');
      INSERT INTO issue_reasons (issue_id, reason_id) VALUES ('I1', 'price.too-expensive');
      INSERT INTO issue_calls (issue_id, call_id) VALUES ('I1', 'K1');
    `);
    expect(db.prepare("SELECT status FROM issues WHERE id = 'I1'").pluck().get()).toBe('open');
    // A fixed issue always has its fix date, and only a fixed one.
    expect(() => db.prepare("UPDATE issues SET status = 'fixed' WHERE id = 'I1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO issue_calls (issue_id, call_id) VALUES ('I1', 'K9')").run()).toThrow(/FOREIGN KEY/);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT cr.reason_id FROM calls k JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1")
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join(' ');
    expect(plan).toContain('call_reasons_primary');
    db.close();
  });
});
