import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { reasonsReport } from '../../db/repos/reportsReasons';
import { tempDir } from '../helpers/backend';
import { insertCall } from '../helpers/calls';
import { rawReasonsReport } from '../helpers/rawReports';
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
  from: '2026-11-03',
  to: '2026-11-06',
});

describe('migration 7: report summaries', () => {
  it('builds the summaries from the customers and calls already there, and keeps them current from then on', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 6));
    // Five customers, seven calls by two agents and an executive, one of them amended (test/helpers/scenario.ts).
    seedScenario(db);
    const diagnosedBefore = rawReasonsReport(db, { by: 'diagnosed', group: 'cycle' });
    const statedBefore = rawReasonsReport(db, { by: 'stated' });

    expect(migrate(db, MIGRATIONS.slice(0, 7))).toEqual({ from: 6, to: 7 });

    expect(db.prepare('SELECT count(*) FROM customer_facts').pluck().get()).toBe(5);
    expect(db.prepare('SELECT count(*) FROM call_facts').pluck().get()).toBe(7);
    // The amended call as it stands: recovered, diagnosed as the support person's attitude.
    expect(
      db.prepare("SELECT customer_id, day, month, cycle_id, caller_id, outcome, reason_id, revenue_micros, segment, product, team, stated_reason_id FROM call_facts WHERE call_id = 'K4'").get(),
    ).toEqual({
      customer_id: db.prepare("SELECT id FROM customers WHERE external_id = 'C3'").pluck().get(),
      day: '2026-11-03',
      month: '2026-11',
      cycle_id: '2026-11',
      caller_id: PEOPLE.sam.id,
      outcome: 'recovered',
      reason_id: 'service.support-attitude',
      revenue_micros: 80_000_000,
      segment: 'Month-to-month',
      product: 'Fiber optic',
      team: 'Support North',
      stated_reason_id: 'service.support-attitude',
    });
    // C1: two calls, K1 recovered in October (too expensive) and K7 a callback in November (extra charges).
    expect(
      db.prepare("SELECT calls, recovered, revenue_micros, month, stated_text FROM customer_facts WHERE customer_id = (SELECT id FROM customers WHERE external_id = 'C1')").get(),
    ).toEqual({ calls: 2, recovered: 1, revenue_micros: 100_000_000, month: '2026-10', stated_text: null });
    // C5's stated text maps to no reason: the report shows it as written.
    expect(db.prepare("SELECT reason_id, text, departed, revenue_micros, calls FROM stated_reason_cells WHERE text <> ''").all()).toEqual([
      { reason_id: '', text: 'Weird reason', departed: 1, revenue_micros: 30_000_000, calls: 1 },
    ]);
    // Too expensive was diagnosed for C1 (October) and C4 (November): once each per cycle, twice overall.
    expect(
      db
        .prepare(
          `SELECT period_kind, period, sum(departed) AS departed, sum(revenue_micros) AS revenue_micros, sum(recovered) AS recovered
           FROM diagnosed_reason_cells WHERE reason_id = 'price.too-expensive' GROUP BY 1, 2 ORDER BY 1, 2`,
        )
        .all(),
    ).toEqual([
      { period_kind: 'all', period: '', departed: 2, revenue_micros: 120_000_000, recovered: 2 },
      { period_kind: 'cycle', period: '2026-10', departed: 1, revenue_micros: 100_000_000, recovered: 1 },
      { period_kind: 'cycle', period: '2026-11', departed: 1, revenue_micros: 20_000_000, recovered: 1 },
      { period_kind: 'month', period: '2026-10', departed: 1, revenue_micros: 100_000_000, recovered: 1 },
      { period_kind: 'month', period: '2026-11', departed: 1, revenue_micros: 20_000_000, recovered: 1 },
    ]);
    expect(summaryDifferences(db)).toEqual([]);

    // The reports say what they said before the upgrade, now from the summaries (today's reports
    // read the later summaries too, so the database goes on to the newest version first).
    migrate(db);
    expect(summaryDifferences(db)).toEqual([]);
    expect(reasonsReport(db, { by: 'diagnosed', group: 'cycle' })).toEqual(diagnosedBefore);
    expect(reasonsReport(db, { by: 'stated' })).toEqual(statedBefore);
    expect(reportsDifferingFromRaw(db, FILTERS)).toEqual([]);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM diagnosed_reason_cells WHERE period_kind = 'month' AND reason_id <> ''").all() as { detail: string }[])
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toMatch(/diagnosed_reason_cells USING PRIMARY KEY \(period_kind=\?/);

    // The triggers work from the first write after the upgrade.
    insertCall(db, { id: 'K8', customer: 'C2', callerId: PEOPLE.alex.id, callerRole: 'agent', cycleId: '2026-11', completedAt: '2026-11-20T09:00:00.000Z', outcome: 'recovered', primary: 'price.too-expensive' });
    const row = reasonsReport(db, { by: 'diagnosed' }).rows.find((r) => r.reasonId === 'price.too-expensive');
    expect(row).toMatchObject({ departed: 3, revenue: 170, calls: 3, recovered: 3, recoveredRevenue: 170 });
    expect(summaryDifferences(db)).toEqual([]);
    expect(reportsDifferingFromRaw(db, FILTERS)).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
