import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { filterCombinations, reportsDifferingFromRaw, summaryDifferences } from '../helpers/reportSummaries';
import { apply, freshDb, step } from '../helpers/randomHistory';

/**
 * Random histories of a console (test/helpers/randomHistory.ts): after each step the summary tables
 * (and the call chains) equal a rebuild from scratch, and at the end every report equals the report
 * as computed before the summaries existed, under every filter, over ranges of days and one person's
 * calls among others'.
 */

const FILTER_VALUES = {
  cycleId: '2026-10',
  segment: 'Month-to-month',
  product: 'DSL',
  team: 'Billing desk',
  callerId: 'p-agent',
  from: '2026-10-15',
  to: '2026-11-10',
};
// Also one person's calls over a range of days, a customer filter over a range, and open ranges within a cycle.
const FILTERS = [
  ...filterCombinations(FILTER_VALUES),
  { callerId: FILTER_VALUES.callerId, from: FILTER_VALUES.from, to: FILTER_VALUES.to },
  { segment: FILTER_VALUES.segment, from: FILTER_VALUES.from, to: FILTER_VALUES.to },
  { cycleId: FILTER_VALUES.cycleId, from: FILTER_VALUES.from },
  { cycleId: FILTER_VALUES.cycleId, to: FILTER_VALUES.to, product: FILTER_VALUES.product },
];

describe('the report summaries under random histories', () => {
  it('stay equal to a rebuild after every step, and every report equals the one read from the raw rows', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 45 }), (steps) => {
        const db = freshDb();
        try {
          steps.forEach((s, i) => {
            apply(db, s, i);
            expect(summaryDifferences(db), `after step ${i}: ${JSON.stringify(s)}`).toEqual([]);
          });
          expect(reportsDifferingFromRaw(db, FILTERS)).toEqual([]);
        } finally {
          db.close();
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('built from such a history by the upgrade from version 7, equal a rebuild, and every report equals the one read from the raw rows', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 45 }), (steps) => {
        const db = freshDb(7);
        try {
          steps.forEach((s, i) => apply(db, s, i));
          migrate(db);
          expect(summaryDifferences(db)).toEqual([]);
          expect(reportsDifferingFromRaw(db, FILTERS)).toEqual([]);
        } finally {
          db.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
