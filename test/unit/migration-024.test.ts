import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { migration024OfferWinCells, OFFER_WIN_CELLS_FROM_WINS } from '../../db/migrations/024_offer_win_cells';
import { tempDir } from '../helpers/backend';
import { MIGRATION_SEEDS } from '../helpers/migrationSeeds';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('migration 24: offer economics summed per offer, reason, segment and cycle', () => {
  it('sums the customers each offer already won back, and keeps the sums when an offer is priced again', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const v = migration024OfferWinCells.version;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < v));
    for (const s of MIGRATION_SEEDS.filter((x) => x.since < v)) db.transaction(() => s.seed(db))();
    // The seeded customer took the 20%-for-3-months discount and came back on 20 October paying 79.95,
    // and is no longer recorded as lost again: 12 months paid, 959.40, and 47.97 of discount.
    db.prepare("UPDATE call_offers SET answer = 'accepted' WHERE call_id = 'seed-call'").run();
    db.prepare("DELETE FROM care_enrolments WHERE id = 'seed-enrolment-relost'").run();
    const cycle = db.prepare('SELECT cycle_id FROM offer_wins WHERE customer_id = 1').pluck().get() as string | null;
    migrate(db, MIGRATIONS.filter((m) => m.version <= v));
    const cells = () => db.prepare('SELECT period_kind, period, offer_id, won, revenue_cents, cost_cents FROM offer_win_cells ORDER BY 1, 2').all();
    const periods = [{ period_kind: 'all', period: '' }, ...(cycle === null ? [] : [{ period_kind: 'cycle', period: cycle }])];
    expect(cells()).toEqual(periods.map((p) => ({ ...p, offer_id: 'seed-offer', won: 1, revenue_cents: 95940, cost_cents: 4797 })));
    expect(db.prepare('SELECT * FROM offer_win_cells ORDER BY 1, 2, 3, 4, 5').all()).toEqual(db.prepare(`${OFFER_WIN_CELLS_FROM_WINS} ORDER BY 1, 2, 3, 4, 5`).all());
    // A new price, a fixed 12.34, reaches the sums.
    db.prepare("UPDATE offers SET cost_model = 'fixed', cost_amount = 12.34 WHERE id = 'seed-offer'").run();
    expect(cells()).toEqual(periods.map((p) => ({ ...p, offer_id: 'seed-offer', won: 1, revenue_cents: 95940, cost_cents: 1234 })));
    db.close();
  });
});
