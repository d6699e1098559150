import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { migration017Effect } from '../../db/migrations/017_effect';
import { tempDir } from '../helpers/backend';
import { MIGRATION_SEEDS } from '../helpers/migrationSeeds';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('migration 17: control groups, returns, offer costs, experiments and handle time', () => {
  it('carries customers, offers and calls across with nobody held out, nobody returned and offers costed from themselves', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const v = migration017Effect.version;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < v));
    for (const s of MIGRATION_SEEDS.filter((x) => x.since < v)) db.transaction(() => s.seed(db))();
    const customers = db.prepare('SELECT id, external_id, selected, attempts, last_outcome FROM customers ORDER BY id').all();
    const offers = db.prepare('SELECT id, name, percent, duration_months FROM offers ORDER BY id').all();
    migrate(db, MIGRATIONS.filter((m) => m.version <= v));
    expect(db.prepare('SELECT id, external_id, selected, attempts, last_outcome FROM customers ORDER BY id').all()).toEqual(customers);
    expect(db.prepare('SELECT id, name, percent, duration_months FROM offers ORDER BY id').all()).toEqual(offers);
    expect(db.prepare('SELECT count(*) FROM customers WHERE control_group = 1 OR returned_on IS NOT NULL').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM offers WHERE cost_model IS NOT NULL').pluck().get()).toBe(0);
    // A control share is at most half of a cycle, and one experiment runs per offer at a time.
    expect(() => db.prepare("INSERT INTO cycle_controls (cycle_id, share_percent, set_at) VALUES ('2026-10', 60, 'x')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO experiments (id, name, base_offer_id, started_at) VALUES ('e1', 'a', 'seed-offer', 'x')").run();
    expect(() => db.prepare("INSERT INTO experiments (id, name, base_offer_id, started_at) VALUES ('e2', 'b', 'seed-offer', 'x')").run()).toThrow(/UNIQUE/);
    db.close();
  });
});
