import { iif, updateFrom } from './011_portable_triggers_sql';

/**
 * The triggers of the reasons report's summaries (migration 7, two of them as migration 8 left
 * them) that SQLite before 3.40 cannot read, in SQL it can: the same statements, each upsert naming
 * its key, `iif` as CASE and `UPDATE ... AS cell ... FROM` as `updateFrom`. The other triggers of
 * migration 7 stay as they are.
 */

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
const DIAGNOSED_CELL_KEY = 'period_kind, period, reason_id, segment, product, team';
const STATED_CELL_KEY = 'month, cycle_id, reason_id, text, segment, product, team';

/** A call counted into the diagnosed counts (row is `new` or `old` of call_facts). */
const addCall = (row: string) => `
  INSERT INTO diagnosed_customer_counts (customer_id, period_kind, period, reason_id, calls, recovered)
    SELECT ${row}.customer_id, k.period_kind, k.period, k.reason_id, 1, ${row}.outcome = 'recovered' FROM ${countKeys(row)} k
    WHERE ${row}.reason_id IS NOT NULL
    ON CONFLICT (customer_id, period_kind, period, reason_id) DO UPDATE SET calls = calls + 1, recovered = recovered + excluded.recovered;`;

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
  INSERT INTO stated_reason_cells (${STATED_CELL_KEY}, departed, revenue_micros, calls, recovered, recovered_revenue_micros)
    VALUES (${statedKey(row)}, 1, ${row}.revenue_micros, ${row}.calls, ${row}.recovered, ${iif(`${row}.recovered > 0`, `${row}.revenue_micros`, '0')})
    ON CONFLICT (${STATED_CELL_KEY}) DO UPDATE SET ${CELL_SUMS};`;
const removeStated = (row: string) => `
  UPDATE stated_reason_cells SET departed = departed - 1, revenue_micros = revenue_micros - ${row}.revenue_micros,
      calls = calls - ${row}.calls, recovered = recovered - ${row}.recovered,
      recovered_revenue_micros = recovered_revenue_micros - ${iif(`${row}.recovered > 0`, `${row}.revenue_micros`, '0')}
    WHERE ${statedKeyMatches(row)};
  DELETE FROM stated_reason_cells WHERE ${statedKeyMatches(row)} AND departed = 0;`;

/** The diagnosed cell of the count `row` (`new` or `old` of diagnosed_customer_counts) with its customer's facts, cf. */
const countCell = (row: string) => ({
  source: 'customer_facts cf',
  where: `cf.customer_id = ${row}.customer_id`,
  keys: {
    period_kind: `${row}.period_kind`,
    period: `${row}.period`,
    reason_id: `${row}.reason_id`,
    segment: "coalesce(cf.segment, '')",
    product: "coalesce(cf.product, '')",
    team: "coalesce(cf.team, '')",
  },
});

/** Trigger name to its CREATE TRIGGER statement. */
export const REASONS_TRIGGERS: Record<string, string> = {
  report_call_facts_insert: `CREATE TRIGGER report_call_facts_insert AFTER INSERT ON call_facts BEGIN
  UPDATE customer_facts SET calls = calls + 1, recovered = recovered + (new.outcome = 'recovered') WHERE customer_id = new.customer_id;
  ${addCall('new')}
END`,

  // A change of the customer's facts alone (revenue, segment...) is not a change of the call's counts:
  // customer_facts moves the customer's counts between cells itself.
  report_call_facts_update: `CREATE TRIGGER report_call_facts_update AFTER UPDATE OF customer_id, month, cycle_id, outcome, reason_id ON call_facts
WHEN old.customer_id IS NOT new.customer_id OR old.month IS NOT new.month OR old.cycle_id IS NOT new.cycle_id
  OR old.outcome IS NOT new.outcome OR old.reason_id IS NOT new.reason_id
BEGIN
  UPDATE customer_facts SET calls = calls - 1, recovered = recovered - (old.outcome = 'recovered')
    WHERE customer_id = old.customer_id AND (old.customer_id IS NOT new.customer_id OR old.outcome IS NOT new.outcome);
  UPDATE customer_facts SET calls = calls + 1, recovered = recovered + (new.outcome = 'recovered')
    WHERE customer_id = new.customer_id AND (old.customer_id IS NOT new.customer_id OR old.outcome IS NOT new.outcome);
  ${removeCall('old')}
  ${addCall('new')}
END`,

  // Diagnosed counts into cells, with the customer's facts as they stand.
  report_diagnosed_count_insert: `CREATE TRIGGER report_diagnosed_count_insert AFTER INSERT ON diagnosed_customer_counts BEGIN
  INSERT INTO diagnosed_reason_cells (${DIAGNOSED_CELL_KEY}, departed, revenue_micros, calls, recovered, recovered_revenue_micros)
    SELECT new.period_kind, new.period, new.reason_id, coalesce(cf.segment, ''), coalesce(cf.product, ''), coalesce(cf.team, ''),
      1, cf.revenue_micros, new.calls, new.recovered, ${iif('new.recovered > 0', 'cf.revenue_micros', '0')}
    FROM customer_facts cf WHERE cf.customer_id = new.customer_id
    ON CONFLICT (${DIAGNOSED_CELL_KEY}) DO UPDATE SET ${CELL_SUMS};
END`,

  // Counts are only ever changed in place (never re-keyed): the customer is already in the cell.
  report_diagnosed_count_update: `CREATE TRIGGER report_diagnosed_count_update AFTER UPDATE OF calls, recovered ON diagnosed_customer_counts BEGIN
  ${updateFrom({
    table: 'diagnosed_reason_cells',
    ...countCell('new'),
    set: {
      calls: 'diagnosed_reason_cells.calls + new.calls - old.calls',
      recovered: 'diagnosed_reason_cells.recovered + new.recovered - old.recovered',
      recovered_revenue_micros: 'diagnosed_reason_cells.recovered_revenue_micros + ((new.recovered > 0) - (old.recovered > 0)) * cf.revenue_micros',
    },
  })}
END`,

  report_diagnosed_count_delete: `CREATE TRIGGER report_diagnosed_count_delete AFTER DELETE ON diagnosed_customer_counts BEGIN
  ${updateFrom({
    table: 'diagnosed_reason_cells',
    ...countCell('old'),
    set: {
      departed: 'diagnosed_reason_cells.departed - 1',
      revenue_micros: 'diagnosed_reason_cells.revenue_micros - cf.revenue_micros',
      calls: 'diagnosed_reason_cells.calls - old.calls',
      recovered: 'diagnosed_reason_cells.recovered - old.recovered',
      recovered_revenue_micros: `diagnosed_reason_cells.recovered_revenue_micros - ${iif('old.recovered > 0', 'cf.revenue_micros', '0')}`,
    },
  })}
  DELETE FROM diagnosed_reason_cells WHERE period_kind = old.period_kind AND period = old.period AND reason_id = old.reason_id AND departed = 0;
END`,

  // Customer facts: the stated cell, and the diagnosed cells when revenue, segment, product or team change.
  // The import defers new customers' facts and cells while reports.factsDeferred is set (migration 8).
  report_customer_facts_insert: `CREATE TRIGGER report_customer_facts_insert AFTER INSERT ON customer_facts
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'reports.factsDeferred')
BEGIN
  ${addStated('new')}
END`,

  report_customer_facts_delete: `CREATE TRIGGER report_customer_facts_delete AFTER DELETE ON customer_facts BEGIN
  ${removeStated('old')}
END`,

  report_customer_facts_stated_move: `CREATE TRIGGER report_customer_facts_stated_move
AFTER UPDATE OF month, cycle_id, stated_reason_id, stated_text, segment, product, team ON customer_facts
WHEN ${STATED_KEY_CHANGED}
BEGIN
  ${removeStated('old')}
  ${addStated('new')}
END`,

  report_customer_facts_stated_sums: `CREATE TRIGGER report_customer_facts_stated_sums AFTER UPDATE OF revenue_micros, calls, recovered ON customer_facts
WHEN NOT (${STATED_KEY_CHANGED})
  AND (old.revenue_micros IS NOT new.revenue_micros OR old.calls IS NOT new.calls OR old.recovered IS NOT new.recovered)
BEGIN
  UPDATE stated_reason_cells SET revenue_micros = revenue_micros + new.revenue_micros - old.revenue_micros,
      calls = calls + new.calls - old.calls, recovered = recovered + new.recovered - old.recovered,
      recovered_revenue_micros = recovered_revenue_micros + ${iif('new.recovered > 0', 'new.revenue_micros', '0')} - ${iif('old.recovered > 0', 'old.revenue_micros', '0')}
    WHERE ${statedKeyMatches('new')};
END`,

  report_customer_facts_diagnosed_move: `CREATE TRIGGER report_customer_facts_diagnosed_move AFTER UPDATE OF revenue_micros, segment, product, team ON customer_facts
WHEN old.revenue_micros IS NOT new.revenue_micros OR old.segment IS NOT new.segment OR old.product IS NOT new.product OR old.team IS NOT new.team
BEGIN
  ${updateFrom({
    table: 'diagnosed_reason_cells',
    source: 'diagnosed_customer_counts d',
    where: 'd.customer_id = old.customer_id',
    keys: {
      period_kind: 'd.period_kind',
      period: 'd.period',
      reason_id: 'd.reason_id',
      segment: "coalesce(old.segment, '')",
      product: "coalesce(old.product, '')",
      team: "coalesce(old.team, '')",
    },
    set: {
      departed: 'diagnosed_reason_cells.departed - 1',
      revenue_micros: 'diagnosed_reason_cells.revenue_micros - old.revenue_micros',
      calls: 'diagnosed_reason_cells.calls - d.calls',
      recovered: 'diagnosed_reason_cells.recovered - d.recovered',
      recovered_revenue_micros: `diagnosed_reason_cells.recovered_revenue_micros - ${iif('d.recovered > 0', 'old.revenue_micros', '0')}`,
    },
  })}
  DELETE FROM diagnosed_reason_cells
    WHERE departed = 0 AND segment = coalesce(old.segment, '') AND product = coalesce(old.product, '') AND team = coalesce(old.team, '')
      AND (period_kind, period, reason_id) IN (SELECT period_kind, period, reason_id FROM diagnosed_customer_counts WHERE customer_id = old.customer_id);
  INSERT INTO diagnosed_reason_cells (${DIAGNOSED_CELL_KEY}, departed, revenue_micros, calls, recovered, recovered_revenue_micros)
    SELECT d.period_kind, d.period, d.reason_id, coalesce(new.segment, ''), coalesce(new.product, ''), coalesce(new.team, ''),
      1, new.revenue_micros, d.calls, d.recovered, ${iif('d.recovered > 0', 'new.revenue_micros', '0')}
    FROM diagnosed_customer_counts d WHERE d.customer_id = new.customer_id
    ON CONFLICT (${DIAGNOSED_CELL_KEY}) DO UPDATE SET ${CELL_SUMS};
END`,
};
