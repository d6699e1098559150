import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { tempDir } from '../helpers/backend';
import { MIGRATION_SEEDS } from '../helpers/migrationSeeds';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('migration 14: call openings, retry cadence and inferred time zones', () => {
  it('carries customers and calls across, with no retry wait and no inferred zone, and records openings from then on', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < 14));
    for (const s of MIGRATION_SEEDS.filter((x) => x.since < 14)) db.transaction(() => s.seed(db))();
    const before = db.prepare('SELECT id, external_id, timezone, attempts, last_outcome FROM customers ORDER BY id').all();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 14));
    expect(db.prepare('SELECT id, external_id, timezone, attempts, last_outcome FROM customers ORDER BY id').all()).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM customers WHERE next_attempt_at IS NOT NULL OR timezone_source IS NOT NULL OR timezone_candidates IS NOT NULL').pluck().get()).toBe(0);
    db.prepare("INSERT INTO call_openings (call_id, customer_id, caller_id, opened_at) VALUES ('k', 1, 'seed-agent', '2026-10-02T10:00:00Z')").run();
    // An opening belongs to a customer the console has.
    expect(() => db.prepare("INSERT INTO call_openings (call_id, customer_id, caller_id, opened_at) VALUES ('x', 999, 'a', 'b')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
