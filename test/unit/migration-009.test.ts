import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { reasonsReport } from '../../db/repos/reportsReasons';
import { agreement, offerMatrix, recoveryGroups, RECOVERY_DIMENSIONS } from '../../db/repos/reportsRecovery';
import { tempDir } from '../helpers/backend';
import { insertCall } from '../helpers/calls';
import { rawAgreement, rawOfferMatrix, rawReasonsReport, rawRecoveryBy } from '../helpers/rawReports';
import { filterCombinations, reportsDifferingFromRaw, summaryDifferences } from '../helpers/reportSummaries';
import { PEOPLE, seedScenario } from '../helpers/scenario';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const FILTERS = filterCombinations({
  cycleId: '2026-11',
  segment: 'Month-to-month',
  product: 'DSL',
  team: 'Billing desk',
  callerId: PEOPLE.sam.id,
  from: '2026-10-11',
  to: '2026-11-05',
});

/** Every report of the Trends view (besides the reasons report) read from the raw rows. */
function rawTrends(db: Database.Database) {
  return {
    recovery: Object.fromEntries(RECOVERY_DIMENSIONS.map((d) => [d, rawRecoveryBy(db, d, {})])),
    matrix: rawOfferMatrix(db, {}),
    agreement: rawAgreement(db, {}),
    range: rawReasonsReport(db, { by: 'diagnosed', group: 'month', from: '2026-10-11', to: '2026-11-05' }),
  };
}

describe('migration 9: recovery, offer and agreement summaries, call chains', () => {
  it('builds them from the calls already there, reads the same reports from them, and keeps them current from then on', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 8));
    // Five customers, seven calls by two agents and an executive, K4 amended (test/helpers/scenario.ts).
    seedScenario(db);
    const before = rawTrends(db);

    expect(migrate(db, MIGRATIONS.slice(0, 9))).toEqual({ from: 8, to: 9 });

    // Morgan (an executive) called C2 (declined) and C4 (recovered, 20 a month).
    expect(
      db
        .prepare(
          `SELECT sum(calls) AS calls, sum(recovered) AS recovered, sum(recovered_revenue_micros) AS revenue
           FROM recovery_cells WHERE period_kind = 'all' AND dim = 'group' AND key = 'executive'`,
        )
        .get(),
    ).toEqual({ calls: 2, recovered: 1, revenue: 20_000_000 });
    // The loyalty discount was made and accepted on K1 and K5, both recoveries diagnosed as too
    // expensive; on K3 it was proposed but not offered, which is not an offer made.
    expect(
      db
        .prepare(
          `SELECT reason_id, sum(offered) AS offered, sum(accepted) AS accepted, sum(recovered) AS recovered FROM offer_cells
           WHERE period_kind = 'all' AND offer_id = 'offer.loyalty-discount' GROUP BY reason_id`,
        )
        .all(),
    ).toEqual([{ reason_id: 'price.too-expensive', offered: 2, accepted: 2, recovered: 2 }]);
    // C1 stated "too expensive": K1 agrees; K7 (extra charges) does not.
    expect(
      db
        .prepare(
          "SELECT stated_reason_id, reason_id, sum(calls) AS calls FROM agreement_cells WHERE period_kind = 'all' AND segment = 'Month-to-month' GROUP BY 1, 2 ORDER BY 1, 2",
        )
        .all(),
    ).toEqual([
      { stated_reason_id: 'price.too-expensive', reason_id: 'price.extra-charges', calls: 1 },
      { stated_reason_id: 'price.too-expensive', reason_id: 'price.too-expensive', calls: 1 },
      { stated_reason_id: 'service.support-attitude', reason_id: 'service.support-attitude', calls: 1 },
    ]);
    // C1's second diagnosed call (K7, another reason) follows K1, which recovered them.
    expect(
      db
        .prepare(
          `SELECT call_id, reason_prev_day, reason_cycle_prev_day, diagnosed_prev_day, diagnosed_prev_recovered_day FROM call_facts
           WHERE call_id IN ('K1', 'K7') ORDER BY call_id`,
        )
        .all(),
    ).toEqual([
      { call_id: 'K1', reason_prev_day: null, reason_cycle_prev_day: null, diagnosed_prev_day: null, diagnosed_prev_recovered_day: null },
      { call_id: 'K7', reason_prev_day: null, reason_cycle_prev_day: null, diagnosed_prev_day: '2026-10-10', diagnosed_prev_recovered_day: '2026-10-10' },
    ]);
    expect(summaryDifferences(db)).toEqual([]);

    // The reports say what they said before the upgrade, now from the summaries.
    expect(recoveryGroups(db, {})).toEqual(before.recovery);
    expect(offerMatrix(db, {})).toEqual(before.matrix);
    expect(agreement(db, {})).toEqual(before.agreement);
    expect(reasonsReport(db, { by: 'diagnosed', group: 'month', from: '2026-10-11', to: '2026-11-05' })).toEqual(before.range);
    expect(reportsDifferingFromRaw(db, FILTERS)).toEqual([]);

    // The triggers work from the first write after the upgrade: Morgan wins C2 back with the discount.
    insertCall(db, {
      id: 'K8',
      customer: 'C2',
      callerId: PEOPLE.morgan.id,
      callerRole: 'executive',
      cycleId: '2026-11',
      completedAt: '2026-11-20T09:00:00.000Z',
      outcome: 'recovered',
      primary: 'competitor.better-offer',
      offers: [{ offerId: 'offer.loyalty-discount', answer: 'accepted' }],
    });
    expect(recoveryGroups(db, {}).callerGroup.find((g) => g.key === 'executive')).toMatchObject({ calls: 3, recovered: 2, recoveredRevenue: 70 });
    expect(summaryDifferences(db)).toEqual([]);
    expect(reportsDifferingFromRaw(db, FILTERS)).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
