import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { migration019EffectSummaries } from '../../db/migrations/019_effect_summaries';
import { tempDir } from '../helpers/backend';
import { MIGRATION_SEEDS } from '../helpers/migrationSeeds';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('migration 19: offer economics per customer, guidance experiments', () => {
  it('fills the per-customer summary from the calls already made, worth what the report computed before', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const v = migration019EffectSummaries.version;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < v));
    for (const s of MIGRATION_SEEDS.filter((x) => x.since < v)) db.transaction(() => s.seed(db))();
    // The seeded customer took the 20%-for-3-months discount and came back on 20 October paying 79.95.
    db.prepare("UPDATE call_offers SET answer = 'accepted' WHERE call_id = 'seed-call'").run();
    migrate(db, MIGRATIONS.filter((m) => m.version <= v));
    expect(db.prepare('SELECT customer_id, offer_id, won, returned_on, months_paid, revenue_cents, cost_cents FROM offer_wins').all()).toEqual([
      // The seeds have them lost again the day they came back: no month paid, so no revenue and no discount given.
      { customer_id: 1, offer_id: 'seed-offer', won: 1, returned_on: '2026-10-20', months_paid: 0, revenue_cents: 0, cost_cents: 0 },
    ]);
    // Without that re-loss they are still with us: 12 months at 79.95 = 959.40; 20% of 79.95 (15.99) for 3 months = 47.97.
    db.prepare("DELETE FROM care_enrolments WHERE id = 'seed-enrolment-relost'").run();
    expect(db.prepare('SELECT months_paid, revenue_cents, cost_cents FROM offer_wins WHERE customer_id = 1').get()).toEqual({ months_paid: 12, revenue_cents: 95940, cost_cents: 4797 });
    // One guidance experiment runs per stage at a time.
    db.prepare("INSERT INTO guidance_experiments (id, name, stage, started_at) VALUES ('g1', 'a', 'listen', 'x')").run();
    expect(() => db.prepare("INSERT INTO guidance_experiments (id, name, stage, started_at) VALUES ('g2', 'b', 'listen', 'x')").run()).toThrow(/UNIQUE/);
    db.close();
  });
});
