import type { Migration } from './types';

/**
 * Offer economics kept summed, so the report reads a few hundred cells instead of every customer
 * an offer won back.
 *
 * - `offer_win_cells`: the won-back customers of `offer_wins` (migration 19) by offer, diagnosed
 *   reason and segment, overall and per cycle (the period first, like `offer_cells`, so one
 *   period is a prefix of the key): how many, their revenue and their offers' cost in cents. A blank
 *   reason or segment is '' (a key column cannot hold NULL exactly). Summing the covering index of
 *   `offer_wins` took the report 177 ms at a million calls; the triggers below move each
 *   customer's row between cells in the same statement that changes it, and `offer_wins` itself
 *   is kept by migration 19's triggers on every write a customer's worth depends on.
 * - An offer's new cost now updates its customers' rows in place instead of replacing them: a
 *   replaced row fires no delete trigger (recursive triggers are off), so its old cost would stay
 *   in the cells.
 *
 * Triggers use nothing newer than SQLite 3.31 (see 011_portable_triggers_sql.ts): upserts name
 * their key, an INSERT ... SELECT before ON CONFLICT has a WHERE.
 */

const KEY = 'period_kind, period, offer_id, reason_id, segment';

/** The two cells a won-back row (`new` or `old`) counts in: every period, and its cycle when it has one. */
const periodsOf = (row: string) => `(SELECT 'all' AS kind, '' AS period UNION ALL SELECT 'cycle', ${row}.cycle_id WHERE ${row}.cycle_id IS NOT NULL)`;

const add = (row: string) => `
  INSERT INTO offer_win_cells (${KEY}, won, revenue_cents, cost_cents)
    SELECT p.kind, p.period, ${row}.offer_id, coalesce(${row}.reason_id, ''), coalesce(${row}.segment, ''), 1, ${row}.revenue_cents, ${row}.cost_cents
    FROM ${periodsOf(row)} p WHERE ${row}.won = 1
    ON CONFLICT (${KEY}) DO UPDATE SET won = won + 1, revenue_cents = revenue_cents + excluded.revenue_cents, cost_cents = cost_cents + excluded.cost_cents;`;

const matches = (row: string) =>
  `offer_id = ${row}.offer_id AND reason_id = coalesce(${row}.reason_id, '') AND segment = coalesce(${row}.segment, '')
    AND (period_kind = 'all' OR (period_kind = 'cycle' AND period = ${row}.cycle_id))`;

const remove = (row: string) => `
  UPDATE offer_win_cells SET won = won - 1, revenue_cents = revenue_cents - ${row}.revenue_cents, cost_cents = cost_cents - ${row}.cost_cents
    WHERE ${row}.won = 1 AND ${matches(row)};
  DELETE FROM offer_win_cells WHERE won = 0 AND ${matches(row)};`;

export const OFFER_WIN_CELLS_SQL = `
CREATE TABLE offer_win_cells (
  period_kind TEXT NOT NULL CHECK (period_kind IN ('all', 'cycle')),
  period TEXT NOT NULL,
  offer_id TEXT NOT NULL,
  reason_id TEXT NOT NULL,
  segment TEXT NOT NULL,
  won INTEGER NOT NULL CHECK (won >= 0),
  revenue_cents INTEGER NOT NULL,
  cost_cents INTEGER NOT NULL,
  PRIMARY KEY (${KEY})
) WITHOUT ROWID, STRICT;

CREATE TRIGGER offer_win_cells_insert AFTER INSERT ON offer_wins WHEN new.won = 1 BEGIN
  ${add('new')}
END;
CREATE TRIGGER offer_win_cells_update AFTER UPDATE ON offer_wins WHEN old.won = 1 OR new.won = 1 BEGIN
  ${remove('old')}
  ${add('new')}
END;
CREATE TRIGGER offer_win_cells_delete AFTER DELETE ON offer_wins WHEN old.won = 1 BEGIN
  ${remove('old')}
END;

DROP TRIGGER offer_wins_cost_update;
CREATE TRIGGER offer_wins_cost_update AFTER UPDATE OF type, percent, duration_months, cost_model, cost_percent, cost_months, cost_amount ON offers
BEGIN
  UPDATE offer_wins SET (call_id, offer_id, reason_id, cycle_id, segment, won, returned_on, relost_on, monthly_cents, months_paid, revenue_cents, cost_cents) =
    (SELECT f.call_id, f.offer_id, f.reason_id, f.cycle_id, f.segment, f.won, f.returned_on, f.relost_on, f.monthly_cents, f.months_paid, f.revenue_cents, f.cost_cents
     FROM offer_win_facts f WHERE f.customer_id = offer_wins.customer_id)
  WHERE offer_id = new.id;
END;
-- Only these cells are read for the report now.
DROP INDEX offer_wins_report;
`;

/** Every cell from the per-customer rows: the backfill, and the reference the tests compare the cells with. */
export const OFFER_WIN_CELLS_FROM_WINS = `
  SELECT 'all' AS period_kind, '' AS period, offer_id, coalesce(reason_id, '') AS reason_id, coalesce(segment, '') AS segment,
    count(*) AS won, sum(revenue_cents) AS revenue_cents, sum(cost_cents) AS cost_cents
  FROM offer_wins WHERE won = 1 GROUP BY 3, 4, 5
  UNION ALL
  SELECT 'cycle', cycle_id, offer_id, coalesce(reason_id, ''), coalesce(segment, ''), count(*), sum(revenue_cents), sum(cost_cents)
  FROM offer_wins WHERE won = 1 AND cycle_id IS NOT NULL GROUP BY 2, 3, 4, 5`;

export const migration024OfferWinCells: Migration = {
  version: 24,
  name: 'offer economics summed per offer, reason, segment and cycle',
  up: `${OFFER_WIN_CELLS_SQL}
INSERT INTO offer_win_cells (${KEY}, won, revenue_cents, cost_cents) ${OFFER_WIN_CELLS_FROM_WINS};`,
};
