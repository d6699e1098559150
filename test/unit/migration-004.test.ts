import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';

describe('migration 4: the guided call', () => {
  it('keeps earlier calls and offers whole and gives them the new columns', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 3));
    db.exec(`
      INSERT INTO people (id, name, role, created_at) VALUES ('p1', 'Ann Agent', 'agent', '2026-10-01T00:00:00Z');
      INSERT INTO customers (id, external_id, name, created_at, updated_at) VALUES (1, 'C-1', 'Ada', '2026-10-01', '2026-10-01');
      INSERT INTO calls (id, customer_id, caller_id, caller_role, started_at, completed_at, outcome, customer_words)
        VALUES ('k1', 1, 'p1', 'agent', '2026-10-02T10:00:00Z', '2026-10-02T10:09:00Z', 'declined', 'Too dear');
      INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES ('k1', 'price.too-expensive', 1);
    `);
    expect(migrate(db)).toEqual({ from: 3, to: 4 });
    expect(db.prepare('SELECT id, outcome, customer_words, callback_local, summary FROM calls').get()).toEqual({
      id: 'k1',
      outcome: 'declined',
      customer_words: 'Too dear',
      callback_local: null,
      summary: '',
    });
    expect(db.prepare("SELECT product FROM offers WHERE id = 'offer.loyalty-discount'").pluck().get()).toBeNull();
    db.prepare(
      "INSERT INTO call_amendments (id, call_id, amended_at, amended_by, note, old_values, new_values) VALUES ('a1', 'k1', '2026-10-03', 'p1', 'rang back', '{}', '{}')",
    ).run();
    expect(() =>
      db.prepare("INSERT INTO call_amendments (id, call_id, amended_at, amended_by, note, old_values, new_values) VALUES ('a2', 'nope', 'x', 'p1', 'n', '{}', '{}')").run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
