import type { Migration } from './types';

/**
 * Report summaries, kept current by triggers in the same transaction as every write to the rows
 * they summarise, so that whichever code completes, amends or imports (the call screen, an
 * amendment, the import, the demo, the hub's assignments, a later feature) the reports stay exact.
 *
 * - `customer_facts`: one row per customer, the facts the reasons report groups and filters by
 *   (revenue, segment, product, frontline team, departure day and month, cycle, stated reason or
 *   unmapped stated text) and how many calls they had and how many ended "recovered".
 * - `call_facts`: one row per call with its day, month, cycle (the call's, else the customer's),
 *   caller, outcome, primary diagnosed reason and the customer's facts, so a filtered report reads one
 *   table through one index.
 * - `diagnosed_customer_counts`: per customer, how many diagnosed calls (and recoveries) they had per
 *   reason, per month and reason, per cycle and reason, overall and per cycle. A customer counts once
 *   per row of the diagnosed report and once in its totals (docs/reports.md), so these say when a
 *   call is a customer's first or last in a row.
 * - `diagnosed_reason_cells` and `stated_reason_cells`: the reasons report already summed per
 *   period, reason, segment, product and frontline team. Customers split cleanly by those three, so a
 *   report filtered by any of them is a sum of cells and still counts each customer once.
 *
 * Money is summed in integer millionths: adding and taking away a customer's revenue for years of
 * corrections never drifts, as floating-point sums would. Blank keys in the cell tables are '' (a
 * key column cannot hold NULL and still match itself); filters never ask for ''.
 */

/** A customer's monthly revenue in integer millionths. */
const micros = (value: string) => `CAST(round(coalesce(${value}, 0) * 1000000) AS INTEGER)`;
/** What the stated report shows for a customer whose stated text matches no reason. */
const statedText = (row: string) => `CASE WHEN ${row}.stated_reason_id IS NULL THEN nullif(trim(${row}.stated_reason_text), '') END`;
const monthOf = (day: string) => `nullif(substr(${day}, 1, 7), '')`;

/** The diagnosed-count rows a call with a primary reason belongs to (row is `new` or `old` of call_facts). */
const countKeys = (row: string) => `(
    SELECT 'all' AS period_kind, '' AS period, ${row}.reason_id AS reason_id
    UNION ALL SELECT 'month', coalesce(${row}.month, ''), ${row}.reason_id
    UNION ALL SELECT 'cycle', coalesce(${row}.cycle_id, ''), ${row}.reason_id
    UNION ALL SELECT 'all', '', ''
    UNION ALL SELECT 'cycle', coalesce(${row}.cycle_id, ''), '')`;

const CELL_SUMS = `departed = departed + excluded.departed, revenue_micros = revenue_micros + excluded.revenue_micros,
    calls = calls + excluded.calls, recovered = recovered + excluded.recovered,
    recovered_revenue_micros = recovered_revenue_micros + excluded.recovered_revenue_micros`;

/** A call counted into the diagnosed counts (row is `new` or `old` of call_facts). */
const addCall = (row: string) => `
  INSERT INTO diagnosed_customer_counts (customer_id, period_kind, period, reason_id, calls, recovered)
    SELECT ${row}.customer_id, k.period_kind, k.period, k.reason_id, 1, ${row}.outcome = 'recovered' FROM ${countKeys(row)} k
    WHERE ${row}.reason_id IS NOT NULL
    ON CONFLICT DO UPDATE SET calls = calls + 1, recovered = recovered + excluded.recovered;`;

/** A call taken out of the diagnosed counts: a customer's last call in a row removes them from it. */
const removeCall = (row: string) => `
  DELETE FROM diagnosed_customer_counts
    WHERE ${row}.reason_id IS NOT NULL AND customer_id = ${row}.customer_id AND calls = 1
      AND (period_kind, period, reason_id) IN ${countKeys(row)};
  UPDATE diagnosed_customer_counts SET calls = calls - 1, recovered = recovered - (${row}.outcome = 'recovered')
    WHERE ${row}.reason_id IS NOT NULL AND customer_id = ${row}.customer_id
      AND (period_kind, period, reason_id) IN ${countKeys(row)};`;

/** The stated cell of a customer_facts row (`new` or `old`). */
const statedKey = (row: string) =>
  `coalesce(${row}.month, ''), coalesce(${row}.cycle_id, ''), coalesce(${row}.stated_reason_id, ''), coalesce(${row}.stated_text, ''),
    coalesce(${row}.segment, ''), coalesce(${row}.product, ''), coalesce(${row}.team, '')`;
const statedKeyMatches = (row: string) =>
  `month = coalesce(${row}.month, '') AND cycle_id = coalesce(${row}.cycle_id, '') AND reason_id = coalesce(${row}.stated_reason_id, '')
    AND text = coalesce(${row}.stated_text, '') AND segment = coalesce(${row}.segment, '') AND product = coalesce(${row}.product, '')
    AND team = coalesce(${row}.team, '')`;
const STATED_KEY_CHANGED = `old.month IS NOT new.month OR old.cycle_id IS NOT new.cycle_id OR old.stated_reason_id IS NOT new.stated_reason_id
    OR old.stated_text IS NOT new.stated_text OR old.segment IS NOT new.segment OR old.product IS NOT new.product OR old.team IS NOT new.team`;
const addStated = (row: string) => `
  INSERT INTO stated_reason_cells (month, cycle_id, reason_id, text, segment, product, team, departed, revenue_micros, calls, recovered,
      recovered_revenue_micros)
    VALUES (${statedKey(row)}, 1, ${row}.revenue_micros, ${row}.calls, ${row}.recovered, iif(${row}.recovered > 0, ${row}.revenue_micros, 0))
    ON CONFLICT DO UPDATE SET ${CELL_SUMS};`;
const removeStated = (row: string) => `
  UPDATE stated_reason_cells SET departed = departed - 1, revenue_micros = revenue_micros - ${row}.revenue_micros,
      calls = calls - ${row}.calls, recovered = recovered - ${row}.recovered,
      recovered_revenue_micros = recovered_revenue_micros - iif(${row}.recovered > 0, ${row}.revenue_micros, 0)
    WHERE ${statedKeyMatches(row)};
  DELETE FROM stated_reason_cells WHERE ${statedKeyMatches(row)} AND departed = 0;`;

/** Every summary row derived from scratch: the migration's backfill (and what tests compare the triggers' work with). */
export const REPORT_SUMMARY_DERIVATIONS = {
  customer_facts: `
    SELECT c.id AS customer_id, ${micros('c.monthly_revenue')} AS revenue_micros, c.segment, c.product, c.frontline_team AS team,
      c.departed_at, ${monthOf('c.departed_at')} AS month, c.cycle_id, c.stated_reason_id, ${statedText('c')} AS stated_text,
      coalesce(k.calls, 0) AS calls, coalesce(k.recovered, 0) AS recovered
    FROM customers c
    LEFT JOIN (SELECT customer_id, count(*) AS calls, sum(outcome = 'recovered') AS recovered FROM calls GROUP BY customer_id) k
      ON k.customer_id = c.id`,
  call_facts: `
    SELECT k.id AS call_id, k.customer_id, substr(k.completed_at, 1, 10) AS day, ${monthOf('k.completed_at')} AS month,
      coalesce(k.cycle_id, c.cycle_id) AS cycle_id, k.caller_id, k.caller_role, k.outcome,
      (SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = k.id AND cr.is_primary = 1) AS reason_id,
      ${micros('c.monthly_revenue')} AS revenue_micros, c.segment, c.product, c.frontline_team AS team, c.stated_reason_id
    FROM calls k JOIN customers c ON c.id = k.customer_id`,
  diagnosed_customer_counts: `
    SELECT customer_id, 'all' AS period_kind, '' AS period, reason_id, count(*) AS calls, sum(outcome = 'recovered') AS recovered
      FROM call_facts WHERE reason_id IS NOT NULL GROUP BY customer_id, reason_id
    UNION ALL SELECT customer_id, 'month', coalesce(month, ''), reason_id, count(*), sum(outcome = 'recovered')
      FROM call_facts WHERE reason_id IS NOT NULL GROUP BY customer_id, coalesce(month, ''), reason_id
    UNION ALL SELECT customer_id, 'cycle', coalesce(cycle_id, ''), reason_id, count(*), sum(outcome = 'recovered')
      FROM call_facts WHERE reason_id IS NOT NULL GROUP BY customer_id, coalesce(cycle_id, ''), reason_id
    UNION ALL SELECT customer_id, 'all', '', '', count(*), sum(outcome = 'recovered')
      FROM call_facts WHERE reason_id IS NOT NULL GROUP BY customer_id
    UNION ALL SELECT customer_id, 'cycle', coalesce(cycle_id, ''), '', count(*), sum(outcome = 'recovered')
      FROM call_facts WHERE reason_id IS NOT NULL GROUP BY customer_id, coalesce(cycle_id, '')`,
  diagnosed_reason_cells: `
    SELECT d.period_kind, d.period, d.reason_id, coalesce(cf.segment, '') AS segment, coalesce(cf.product, '') AS product,
      coalesce(cf.team, '') AS team, count(*) AS departed, sum(cf.revenue_micros) AS revenue_micros, sum(d.calls) AS calls,
      sum(d.recovered) AS recovered, sum(iif(d.recovered > 0, cf.revenue_micros, 0)) AS recovered_revenue_micros
    FROM diagnosed_customer_counts d JOIN customer_facts cf ON cf.customer_id = d.customer_id
    GROUP BY 1, 2, 3, 4, 5, 6`,
  stated_reason_cells: `
    SELECT coalesce(month, '') AS month, coalesce(cycle_id, '') AS cycle_id, coalesce(stated_reason_id, '') AS reason_id,
      coalesce(stated_text, '') AS text, coalesce(segment, '') AS segment, coalesce(product, '') AS product, coalesce(team, '') AS team,
      count(*) AS departed, sum(revenue_micros) AS revenue_micros, sum(calls) AS calls, sum(recovered) AS recovered,
      sum(iif(recovered > 0, revenue_micros, 0)) AS recovered_revenue_micros
    FROM customer_facts GROUP BY 1, 2, 3, 4, 5, 6, 7`,
} as const;

/** The tables in the order they are derived (each from the raw tables or the ones before it). */
export const REPORT_SUMMARY_TABLES = Object.keys(REPORT_SUMMARY_DERIVATIONS) as (keyof typeof REPORT_SUMMARY_DERIVATIONS)[];

const TABLES = `
CREATE TABLE customer_facts (
  customer_id INTEGER PRIMARY KEY,
  revenue_micros INTEGER NOT NULL,
  segment TEXT,
  product TEXT,
  team TEXT,
  departed_at TEXT,
  month TEXT,
  cycle_id TEXT,
  stated_reason_id TEXT,
  -- The stated text, only where it maps to no reason (the report shows it as written).
  stated_text TEXT,
  calls INTEGER NOT NULL,
  recovered INTEGER NOT NULL
) STRICT;

CREATE TABLE call_facts (
  call_id TEXT PRIMARY KEY,
  customer_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  month TEXT,
  -- The call's cycle, else the customer's.
  cycle_id TEXT,
  caller_id TEXT NOT NULL,
  caller_role TEXT NOT NULL,
  outcome TEXT NOT NULL,
  -- The primary diagnosed reason; NULL for calls without a diagnosis.
  reason_id TEXT,
  revenue_micros INTEGER NOT NULL,
  segment TEXT,
  product TEXT,
  team TEXT,
  stated_reason_id TEXT
) STRICT;

-- Per customer: diagnosed calls per reason (reason_id '': any reason) overall, per month or per cycle.
-- Keyed by customer first: only the triggers read it, one customer at a time.
CREATE TABLE diagnosed_customer_counts (
  customer_id INTEGER NOT NULL,
  period_kind TEXT NOT NULL CHECK (period_kind IN ('all', 'month', 'cycle')),
  period TEXT NOT NULL,
  reason_id TEXT NOT NULL,
  calls INTEGER NOT NULL CHECK (calls > 0),
  recovered INTEGER NOT NULL,
  PRIMARY KEY (customer_id, period_kind, period, reason_id)
) WITHOUT ROWID, STRICT;

-- The diagnosed report summed: customers once per reason (reason_id '': once per period across reasons).
CREATE TABLE diagnosed_reason_cells (
  period_kind TEXT NOT NULL,
  period TEXT NOT NULL,
  reason_id TEXT NOT NULL,
  segment TEXT NOT NULL,
  product TEXT NOT NULL,
  team TEXT NOT NULL,
  departed INTEGER NOT NULL,
  revenue_micros INTEGER NOT NULL,
  calls INTEGER NOT NULL,
  recovered INTEGER NOT NULL,
  recovered_revenue_micros INTEGER NOT NULL,
  PRIMARY KEY (period_kind, period, reason_id, segment, product, team)
) WITHOUT ROWID, STRICT;

CREATE TABLE stated_reason_cells (
  month TEXT NOT NULL,
  cycle_id TEXT NOT NULL,
  reason_id TEXT NOT NULL,
  text TEXT NOT NULL,
  segment TEXT NOT NULL,
  product TEXT NOT NULL,
  team TEXT NOT NULL,
  departed INTEGER NOT NULL,
  revenue_micros INTEGER NOT NULL,
  calls INTEGER NOT NULL,
  recovered INTEGER NOT NULL,
  recovered_revenue_micros INTEGER NOT NULL,
  PRIMARY KEY (month, cycle_id, reason_id, text, segment, product, team)
) WITHOUT ROWID, STRICT;
`;

const BACKFILL = REPORT_SUMMARY_TABLES.map((t) => `INSERT INTO ${t} ${REPORT_SUMMARY_DERIVATIONS[t]};`).join('\n');

// After the backfill: building an index once is faster than keeping it through a million inserts.
const INDEXES = `
CREATE INDEX customer_facts_departed ON customer_facts(departed_at);
CREATE INDEX call_facts_customer ON call_facts(customer_id);
CREATE INDEX call_facts_caller ON call_facts(caller_id, day);
CREATE INDEX call_facts_cycle ON call_facts(cycle_id, day);
CREATE INDEX call_facts_day ON call_facts(day);
`;

const TRIGGERS = `
-- Customers: their facts, and the copy of them on each of their calls.
CREATE TRIGGER report_customer_insert AFTER INSERT ON customers BEGIN
  INSERT INTO customer_facts (customer_id, revenue_micros, segment, product, team, departed_at, month, cycle_id, stated_reason_id,
      stated_text, calls, recovered)
    VALUES (new.id, ${micros('new.monthly_revenue')}, new.segment, new.product, new.frontline_team, new.departed_at,
      ${monthOf('new.departed_at')}, new.cycle_id, new.stated_reason_id, ${statedText('new')}, 0, 0);
END;

CREATE TRIGGER report_customer_update
AFTER UPDATE OF monthly_revenue, segment, product, frontline_team, departed_at, cycle_id, stated_reason_id, stated_reason_text ON customers
WHEN old.monthly_revenue IS NOT new.monthly_revenue OR old.segment IS NOT new.segment OR old.product IS NOT new.product
  OR old.frontline_team IS NOT new.frontline_team OR old.departed_at IS NOT new.departed_at OR old.cycle_id IS NOT new.cycle_id
  OR old.stated_reason_id IS NOT new.stated_reason_id OR old.stated_reason_text IS NOT new.stated_reason_text
BEGIN
  UPDATE customer_facts SET revenue_micros = ${micros('new.monthly_revenue')}, segment = new.segment, product = new.product,
      team = new.frontline_team, departed_at = new.departed_at, month = ${monthOf('new.departed_at')}, cycle_id = new.cycle_id,
      stated_reason_id = new.stated_reason_id, stated_text = ${statedText('new')}
    WHERE customer_id = new.id;
  UPDATE call_facts SET revenue_micros = ${micros('new.monthly_revenue')}, segment = new.segment, product = new.product,
      team = new.frontline_team, stated_reason_id = new.stated_reason_id,
      cycle_id = coalesce((SELECT k.cycle_id FROM calls k WHERE k.id = call_facts.call_id), new.cycle_id)
    WHERE customer_id = new.id AND (old.monthly_revenue IS NOT new.monthly_revenue OR old.segment IS NOT new.segment
      OR old.product IS NOT new.product OR old.frontline_team IS NOT new.frontline_team OR old.cycle_id IS NOT new.cycle_id
      OR old.stated_reason_id IS NOT new.stated_reason_id);
END;

CREATE TRIGGER report_customer_delete AFTER DELETE ON customers BEGIN
  DELETE FROM call_facts WHERE customer_id = old.id;
  DELETE FROM customer_facts WHERE customer_id = old.id;
END;

-- Calls: a completed call, a corrected one, its primary reason.
CREATE TRIGGER report_call_insert AFTER INSERT ON calls BEGIN
  INSERT INTO call_facts (call_id, customer_id, day, month, cycle_id, caller_id, caller_role, outcome, reason_id, revenue_micros,
      segment, product, team, stated_reason_id)
    SELECT new.id, new.customer_id, substr(new.completed_at, 1, 10), ${monthOf('new.completed_at')}, coalesce(new.cycle_id, cf.cycle_id),
      new.caller_id, new.caller_role, new.outcome,
      (SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = new.id AND cr.is_primary = 1),
      cf.revenue_micros, cf.segment, cf.product, cf.team, cf.stated_reason_id
    FROM customer_facts cf WHERE cf.customer_id = new.customer_id;
END;

CREATE TRIGGER report_call_update AFTER UPDATE OF id, customer_id, caller_id, caller_role, cycle_id, completed_at, outcome ON calls
WHEN old.id IS NOT new.id OR old.customer_id IS NOT new.customer_id OR old.caller_id IS NOT new.caller_id
  OR old.caller_role IS NOT new.caller_role OR old.cycle_id IS NOT new.cycle_id OR old.completed_at IS NOT new.completed_at
  OR old.outcome IS NOT new.outcome
BEGIN
  DELETE FROM call_facts WHERE call_id = old.id;
  INSERT INTO call_facts (call_id, customer_id, day, month, cycle_id, caller_id, caller_role, outcome, reason_id, revenue_micros,
      segment, product, team, stated_reason_id)
    SELECT new.id, new.customer_id, substr(new.completed_at, 1, 10), ${monthOf('new.completed_at')}, coalesce(new.cycle_id, cf.cycle_id),
      new.caller_id, new.caller_role, new.outcome,
      (SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = new.id AND cr.is_primary = 1),
      cf.revenue_micros, cf.segment, cf.product, cf.team, cf.stated_reason_id
    FROM customer_facts cf WHERE cf.customer_id = new.customer_id;
END;

CREATE TRIGGER report_call_delete AFTER DELETE ON calls BEGIN
  DELETE FROM call_facts WHERE call_id = old.id;
END;

CREATE TRIGGER report_call_reason_insert AFTER INSERT ON call_reasons WHEN new.is_primary = 1 BEGIN
  UPDATE call_facts SET reason_id = (SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = new.call_id AND cr.is_primary = 1)
    WHERE call_id = new.call_id;
END;

CREATE TRIGGER report_call_reason_update AFTER UPDATE OF call_id, reason_id, is_primary ON call_reasons
WHEN old.is_primary = 1 OR new.is_primary = 1 BEGIN
  UPDATE call_facts SET reason_id = (SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = call_facts.call_id AND cr.is_primary = 1)
    WHERE call_id IN (old.call_id, new.call_id);
END;

CREATE TRIGGER report_call_reason_delete AFTER DELETE ON call_reasons WHEN old.is_primary = 1 BEGIN
  UPDATE call_facts SET reason_id = (SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = old.call_id AND cr.is_primary = 1)
    WHERE call_id = old.call_id;
END;

-- Call facts: the customer's call counts and the diagnosed counts.
CREATE TRIGGER report_call_facts_insert AFTER INSERT ON call_facts BEGIN
  UPDATE customer_facts SET calls = calls + 1, recovered = recovered + (new.outcome = 'recovered') WHERE customer_id = new.customer_id;
  ${addCall('new')}
END;

CREATE TRIGGER report_call_facts_delete AFTER DELETE ON call_facts BEGIN
  UPDATE customer_facts SET calls = calls - 1, recovered = recovered - (old.outcome = 'recovered') WHERE customer_id = old.customer_id;
  ${removeCall('old')}
END;

-- A change of the customer's facts alone (revenue, segment...) is not a change of the call's counts:
-- customer_facts moves the customer's counts between cells itself.
CREATE TRIGGER report_call_facts_update AFTER UPDATE OF customer_id, month, cycle_id, outcome, reason_id ON call_facts
WHEN old.customer_id IS NOT new.customer_id OR old.month IS NOT new.month OR old.cycle_id IS NOT new.cycle_id
  OR old.outcome IS NOT new.outcome OR old.reason_id IS NOT new.reason_id
BEGIN
  UPDATE customer_facts SET calls = calls - 1, recovered = recovered - (old.outcome = 'recovered')
    WHERE customer_id = old.customer_id AND (old.customer_id IS NOT new.customer_id OR old.outcome IS NOT new.outcome);
  UPDATE customer_facts SET calls = calls + 1, recovered = recovered + (new.outcome = 'recovered')
    WHERE customer_id = new.customer_id AND (old.customer_id IS NOT new.customer_id OR old.outcome IS NOT new.outcome);
  ${removeCall('old')}
  ${addCall('new')}
END;

-- Diagnosed counts into cells, with the customer's facts as they stand.
CREATE TRIGGER report_diagnosed_count_insert AFTER INSERT ON diagnosed_customer_counts BEGIN
  INSERT INTO diagnosed_reason_cells (period_kind, period, reason_id, segment, product, team, departed, revenue_micros, calls, recovered,
      recovered_revenue_micros)
    SELECT new.period_kind, new.period, new.reason_id, coalesce(cf.segment, ''), coalesce(cf.product, ''), coalesce(cf.team, ''),
      1, cf.revenue_micros, new.calls, new.recovered, iif(new.recovered > 0, cf.revenue_micros, 0)
    FROM customer_facts cf WHERE cf.customer_id = new.customer_id
    ON CONFLICT DO UPDATE SET ${CELL_SUMS};
END;

-- Counts are only ever changed in place (never re-keyed): the customer is already in the cell.
CREATE TRIGGER report_diagnosed_count_update AFTER UPDATE OF calls, recovered ON diagnosed_customer_counts BEGIN
  UPDATE diagnosed_reason_cells AS cell SET calls = cell.calls + new.calls - old.calls, recovered = cell.recovered + new.recovered - old.recovered,
      recovered_revenue_micros = cell.recovered_revenue_micros + ((new.recovered > 0) - (old.recovered > 0)) * cf.revenue_micros
    FROM customer_facts cf
    WHERE cf.customer_id = new.customer_id AND cell.period_kind = new.period_kind AND cell.period = new.period
      AND cell.reason_id = new.reason_id AND cell.segment = coalesce(cf.segment, '') AND cell.product = coalesce(cf.product, '')
      AND cell.team = coalesce(cf.team, '');
END;

CREATE TRIGGER report_diagnosed_count_delete AFTER DELETE ON diagnosed_customer_counts BEGIN
  UPDATE diagnosed_reason_cells AS cell SET departed = cell.departed - 1, revenue_micros = cell.revenue_micros - cf.revenue_micros,
      calls = cell.calls - old.calls, recovered = cell.recovered - old.recovered,
      recovered_revenue_micros = cell.recovered_revenue_micros - iif(old.recovered > 0, cf.revenue_micros, 0)
    FROM customer_facts cf
    WHERE cf.customer_id = old.customer_id AND cell.period_kind = old.period_kind AND cell.period = old.period
      AND cell.reason_id = old.reason_id AND cell.segment = coalesce(cf.segment, '') AND cell.product = coalesce(cf.product, '')
      AND cell.team = coalesce(cf.team, '');
  DELETE FROM diagnosed_reason_cells WHERE period_kind = old.period_kind AND period = old.period AND reason_id = old.reason_id AND departed = 0;
END;

-- Customer facts: the stated cell, and the diagnosed cells when revenue, segment, product or team change.
CREATE TRIGGER report_customer_facts_insert AFTER INSERT ON customer_facts BEGIN
  ${addStated('new')}
END;

CREATE TRIGGER report_customer_facts_delete AFTER DELETE ON customer_facts BEGIN
  ${removeStated('old')}
END;

CREATE TRIGGER report_customer_facts_stated_move
AFTER UPDATE OF month, cycle_id, stated_reason_id, stated_text, segment, product, team ON customer_facts
WHEN ${STATED_KEY_CHANGED}
BEGIN
  ${removeStated('old')}
  ${addStated('new')}
END;

CREATE TRIGGER report_customer_facts_stated_sums AFTER UPDATE OF revenue_micros, calls, recovered ON customer_facts
WHEN NOT (${STATED_KEY_CHANGED})
  AND (old.revenue_micros IS NOT new.revenue_micros OR old.calls IS NOT new.calls OR old.recovered IS NOT new.recovered)
BEGIN
  UPDATE stated_reason_cells SET revenue_micros = revenue_micros + new.revenue_micros - old.revenue_micros,
      calls = calls + new.calls - old.calls, recovered = recovered + new.recovered - old.recovered,
      recovered_revenue_micros = recovered_revenue_micros + iif(new.recovered > 0, new.revenue_micros, 0) - iif(old.recovered > 0, old.revenue_micros, 0)
    WHERE ${statedKeyMatches('new')};
END;

CREATE TRIGGER report_customer_facts_diagnosed_move AFTER UPDATE OF revenue_micros, segment, product, team ON customer_facts
WHEN old.revenue_micros IS NOT new.revenue_micros OR old.segment IS NOT new.segment OR old.product IS NOT new.product OR old.team IS NOT new.team
BEGIN
  UPDATE diagnosed_reason_cells AS cell SET departed = cell.departed - 1, revenue_micros = cell.revenue_micros - old.revenue_micros,
      calls = cell.calls - d.calls, recovered = cell.recovered - d.recovered,
      recovered_revenue_micros = cell.recovered_revenue_micros - iif(d.recovered > 0, old.revenue_micros, 0)
    FROM diagnosed_customer_counts d
    WHERE d.customer_id = old.customer_id AND cell.period_kind = d.period_kind AND cell.period = d.period AND cell.reason_id = d.reason_id
      AND cell.segment = coalesce(old.segment, '') AND cell.product = coalesce(old.product, '') AND cell.team = coalesce(old.team, '');
  DELETE FROM diagnosed_reason_cells
    WHERE departed = 0 AND segment = coalesce(old.segment, '') AND product = coalesce(old.product, '') AND team = coalesce(old.team, '')
      AND (period_kind, period, reason_id) IN (SELECT period_kind, period, reason_id FROM diagnosed_customer_counts WHERE customer_id = old.customer_id);
  INSERT INTO diagnosed_reason_cells (period_kind, period, reason_id, segment, product, team, departed, revenue_micros, calls, recovered,
      recovered_revenue_micros)
    SELECT d.period_kind, d.period, d.reason_id, coalesce(new.segment, ''), coalesce(new.product, ''), coalesce(new.team, ''),
      1, new.revenue_micros, d.calls, d.recovered, iif(d.recovered > 0, new.revenue_micros, 0)
    FROM diagnosed_customer_counts d WHERE d.customer_id = new.customer_id
    ON CONFLICT DO UPDATE SET ${CELL_SUMS};
END;
`;

export const migration007ReportSummaries: Migration = {
  version: 7,
  name: 'report summaries',
  up: `${TABLES}\n${BACKFILL}\n${INDEXES}\n${TRIGGERS}`,
};
