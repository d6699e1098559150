import type { Migration } from './types';

/**
 * "Did the calls work" kept summed, so the report reads a few hundred rows instead of every
 * eligible customer.
 *
 * - `effect_cells`: the eligible customers (to be called, or held out) of each cycle, by stated
 *   reason, segment and group: how many, how many were called (at least one completed call), how
 *   many came back. A blank reason or segment is '' (a key column cannot hold NULL exactly).
 *   Reading the 190,000 eligible customers of a year through the `customers_effect` index took the
 *   report 508 ms at a million calls; the triggers below keep each cell exact in the transaction of
 *   every write to a customer that moves them between cells or changes what they count for (the
 *   import, the selection pass, a completed call's attempt, the returns import, a re-import, an
 *   erasure), so the report sums the cells of the cycles with a control share.
 *
 * Triggers use nothing newer than SQLite 3.31 (see 011_portable_triggers_sql.ts): upserts name
 * their key, an INSERT ... SELECT before ON CONFLICT has a WHERE.
 */

/** Whether a customers row (`new` or `old`) counts in the report: in a cycle, and to be called or held out. */
const eligible = (row: string) => `${row}.cycle_id IS NOT NULL AND (${row}.selected = 1 OR ${row}.control_group = 1)`;

const KEY = 'cycle_id, reason_id, segment, control';
const keyOf = (row: string) => `${row}.cycle_id, coalesce(${row}.stated_reason_id, ''), coalesce(${row}.segment, ''), ${row}.control_group`;
const matches = (row: string) =>
  `cycle_id = ${row}.cycle_id AND reason_id = coalesce(${row}.stated_reason_id, '') AND segment = coalesce(${row}.segment, '') AND control = ${row}.control_group`;

const add = (row: string) => `
  INSERT INTO effect_cells (${KEY}, customers, called, returned)
    SELECT ${keyOf(row)}, 1, ${row}.attempts > 0, ${row}.returned_on IS NOT NULL WHERE ${eligible(row)}
    ON CONFLICT (${KEY}) DO UPDATE SET customers = customers + 1, called = called + excluded.called, returned = returned + excluded.returned;`;

const remove = (row: string) => `
  UPDATE effect_cells SET customers = customers - 1, called = called - (${row}.attempts > 0), returned = returned - (${row}.returned_on IS NOT NULL)
    WHERE ${eligible(row)} AND ${matches(row)};
  DELETE FROM effect_cells WHERE customers = 0 AND ${matches(row)};`;

export const EFFECT_CELLS_SQL = `
CREATE TABLE effect_cells (
  cycle_id TEXT NOT NULL,
  reason_id TEXT NOT NULL,
  segment TEXT NOT NULL,
  control INTEGER NOT NULL CHECK (control IN (0, 1)),
  customers INTEGER NOT NULL CHECK (customers >= 0),
  called INTEGER NOT NULL CHECK (called >= 0),
  returned INTEGER NOT NULL CHECK (returned >= 0),
  PRIMARY KEY (${KEY})
) WITHOUT ROWID, STRICT;

CREATE TRIGGER effect_cells_customer_insert AFTER INSERT ON customers WHEN ${eligible('new')} BEGIN
  ${add('new')}
END;
-- Only a change that moves the customer or changes what they count for: a second attempt, a new
-- name or phone, a callback time leave the cells alone.
CREATE TRIGGER effect_cells_customer_update AFTER UPDATE OF cycle_id, selected, control_group, stated_reason_id, segment, returned_on, attempts ON customers
WHEN (${eligible('old')} OR ${eligible('new')})
  AND ((${eligible('old')}) IS NOT (${eligible('new')}) OR old.cycle_id IS NOT new.cycle_id OR old.control_group IS NOT new.control_group
    OR old.stated_reason_id IS NOT new.stated_reason_id OR old.segment IS NOT new.segment
    OR (old.attempts > 0) IS NOT (new.attempts > 0) OR (old.returned_on IS NULL) IS NOT (new.returned_on IS NULL))
BEGIN
  ${remove('old')}
  ${add('new')}
END;
CREATE TRIGGER effect_cells_customer_delete AFTER DELETE ON customers WHEN ${eligible('old')} BEGIN
  ${remove('old')}
END;
`;

/** Every cell from the customers table: the backfill, and the reference the tests compare the cells with. */
export const EFFECT_CELLS_FROM_CUSTOMERS = `
  SELECT cycle_id, coalesce(stated_reason_id, '') AS reason_id, coalesce(segment, '') AS segment, control_group AS control,
    count(*) AS customers, sum(attempts > 0) AS called, sum(returned_on IS NOT NULL) AS returned
  FROM customers WHERE ${eligible('customers')}
  GROUP BY 1, 2, 3, 4`;

export const migration021EffectCells: Migration = {
  // Numbered 24 among the migrations in flight; it is the 20th on this line of work.
  version: 21,
  name: 'called against control summed per cycle, reason, segment and group',
  up: `${EFFECT_CELLS_SQL}
INSERT INTO effect_cells (${KEY}, customers, called, returned) ${EFFECT_CELLS_FROM_CUSTOMERS};`,
};
