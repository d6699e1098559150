import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { migration016CallLeases } from '../../db/migrations/016_call_leases';
import { tempDir } from '../helpers/backend';
import { MIGRATION_SEEDS } from '../helpers/migrationSeeds';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('migration 16: leases on the customers being called', () => {
  it('carries customers, calls and drafts across with nobody leased, and a lease goes with its customer', () => {
    const v = migration016CallLeases.version;
    const t = tempDir();
    cleanup = t.dispose;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < v));
    for (const s of MIGRATION_SEEDS.filter((x) => x.since < v)) db.transaction(() => s.seed(db))();
    const customers = db.prepare('SELECT * FROM customers ORDER BY id').all();
    const calls = db.prepare('SELECT * FROM calls ORDER BY id').all();
    expect(customers.length).toBeGreaterThan(0);
    migrate(db, MIGRATIONS.filter((m) => m.version <= v));
    expect(db.prepare('SELECT * FROM customers ORDER BY id').all()).toEqual(customers);
    expect(db.prepare('SELECT * FROM calls ORDER BY id').all()).toEqual(calls);
    expect(db.prepare('SELECT count(*) FROM call_leases').pluck().get()).toBe(0);

    db.prepare("INSERT INTO call_leases (customer_id, call_id, person_id, leased_at, expires_at) VALUES (1, 'c', 'seed-agent', 'a', 'b')").run();
    expect(() => db.prepare("INSERT INTO call_leases (customer_id, call_id, person_id, leased_at, expires_at) VALUES (999, 'x', 'a', 'b', 'c')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
