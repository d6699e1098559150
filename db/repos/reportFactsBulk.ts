import type { Db } from '../open';
import { prepared } from '../statements';

const DEFERRED = 'reports.factsDeferred';

/**
 * Defers the report facts of the customers inserted from now on to `finish`, which adds them all
 * at once: for a large import, two statements instead of two trigger programs per customer
 * (migration 8). Both must run in the same transaction, with nothing in between that reads or
 * writes the facts of those customers (their calls, for one): the import only inserts and updates
 * customers and queues events. Updates of existing customers keep their triggers.
 *
 * `finish` writes exactly what the triggers of migration 7 would have: a customer_facts row per new
 * customer, and their count and revenue added to their stated cell. test/unit/import-report-facts
 * compares the result with the summaries derived from scratch.
 */
export function deferNewCustomerFacts(db: Db): { finish: () => void } {
  if (!db.inTransaction) throw new Error('Report facts can only be deferred inside a transaction.');
  const after = (prepared(db, 'SELECT coalesce(max(id), 0) AS id FROM customers').get() as { id: number }).id;
  prepared(db, 'INSERT INTO settings (key, value) VALUES (?, ?)').run(DEFERRED, JSON.stringify(after));
  return {
    finish: () => {
      prepared(
        db,
        `INSERT INTO customer_facts (customer_id, revenue_micros, segment, product, team, departed_at, month, cycle_id, stated_reason_id,
            stated_text, calls, recovered)
          SELECT c.id, CAST(round(coalesce(c.monthly_revenue, 0) * 1000000) AS INTEGER), c.segment, c.product, c.frontline_team,
            c.departed_at, nullif(substr(c.departed_at, 1, 7), ''), c.cycle_id, c.stated_reason_id,
            CASE WHEN c.stated_reason_id IS NULL THEN nullif(trim(c.stated_reason_text), '') END, 0, 0
          FROM customers c WHERE c.id > ? ORDER BY c.id`,
      ).run(after);
      // Each fact added to its cell as the trigger adds it, in one statement: cheaper than grouping
      // 100,000 facts by seven text columns first.
      prepared(
        db,
        `INSERT INTO stated_reason_cells (month, cycle_id, reason_id, text, segment, product, team, departed, revenue_micros, calls,
            recovered, recovered_revenue_micros)
          SELECT coalesce(month, ''), coalesce(cycle_id, ''), coalesce(stated_reason_id, ''), coalesce(stated_text, ''),
            coalesce(segment, ''), coalesce(product, ''), coalesce(team, ''), 1, revenue_micros, calls, recovered,
            iif(recovered > 0, revenue_micros, 0)
          FROM customer_facts WHERE customer_id > ?
          ON CONFLICT DO UPDATE SET departed = departed + excluded.departed, revenue_micros = revenue_micros + excluded.revenue_micros,
            calls = calls + excluded.calls, recovered = recovered + excluded.recovered,
            recovered_revenue_micros = recovered_revenue_micros + excluded.recovered_revenue_micros`,
      ).run(after);
      prepared(db, 'DELETE FROM settings WHERE key = ?').run(DEFERRED);
    },
  };
}
