import type { Db } from '../open';

export interface CycleGroupRow {
  label: string;
  customers: number;
  revenue: number;
}

export interface CycleSummaryRow {
  departed: number;
  revenue: number;
  noContact: number;
  unmapped: number;
  queued: number;
  called: number;
  recovered: number;
  bySegment: CycleGroupRow[];
  byValueBand: CycleGroupRow[];
  byReason: (CycleGroupRow & { category: string | null; mapped: boolean })[];
}

export interface CycleListRow {
  id: string;
  name: string;
  kind: 'monthly' | 'quarterly';
  starts_on: string;
  ends_on: string;
  departed: number;
  revenue: number;
}

export function listCyclesWithCounts(db: Db): CycleListRow[] {
  return db
    .prepare(
      `SELECT cy.id, cy.name, cy.kind, cy.starts_on, cy.ends_on,
         count(c.id) AS departed, coalesce(sum(c.monthly_revenue), 0) AS revenue
       FROM cycles cy LEFT JOIN customers c ON c.cycle_id = cy.id
       GROUP BY cy.id ORDER BY cy.starts_on DESC`,
    )
    .all() as CycleListRow[];
}

/**
 * What departed in a cycle and how the recovery is going. "Queued" uses the same selection the
 * queue does (selected, callable again); called and recovered count customers, not calls.
 */
export function cycleSummary(db: Db, cycleId: string, maxAttempts: number): CycleSummaryRow {
  const totals = db
    .prepare(
      `SELECT count(*) AS departed, coalesce(sum(monthly_revenue), 0) AS revenue,
         coalesce(sum(phone IS NULL AND email IS NULL), 0) AS noContact,
         coalesce(sum(stated_reason_id IS NULL AND stated_reason_text IS NOT NULL), 0) AS unmapped,
         coalesce(sum(selected = 1 AND do_not_contact = 0 AND call_blocked = 0
           AND (last_outcome IS NULL OR last_outcome IN ('callback', 'no_answer', 'considering'))
           AND (attempts < @maxAttempts OR callback_at IS NOT NULL)), 0) AS queued
       FROM customers WHERE cycle_id = @cycleId`,
    )
    .get({ cycleId, maxAttempts }) as Pick<CycleSummaryRow, 'departed' | 'revenue' | 'noContact' | 'unmapped' | 'queued'>;
  const calls = db
    .prepare(
      `SELECT count(DISTINCT k.customer_id) AS called,
         count(DISTINCT CASE WHEN k.outcome = 'recovered' THEN k.customer_id END) AS recovered
       FROM calls k JOIN customers c ON c.id = k.customer_id WHERE c.cycle_id = ?`,
    )
    .get(cycleId) as { called: number; recovered: number };
  const group = (expr: string) =>
    db
      .prepare(
        `SELECT coalesce(${expr}, '') AS label, count(*) AS customers, coalesce(sum(monthly_revenue), 0) AS revenue
         FROM customers WHERE cycle_id = ? GROUP BY 1 ORDER BY revenue DESC, label`,
      )
      .all(cycleId) as CycleGroupRow[];
  const byReason = db
    .prepare(
      `SELECT coalesce(r.name, c.stated_reason_text, '') AS label, rc.name AS category, r.id IS NOT NULL AS mapped,
         count(*) AS customers, coalesce(sum(c.monthly_revenue), 0) AS revenue
       FROM customers c LEFT JOIN reasons r ON r.id = c.stated_reason_id
       LEFT JOIN reason_categories rc ON rc.id = r.category_id
       WHERE c.cycle_id = ? GROUP BY r.id, CASE WHEN r.id IS NULL THEN c.stated_reason_text END
       ORDER BY revenue DESC, label`,
    )
    .all(cycleId) as (CycleGroupRow & { category: string | null; mapped: number })[];
  return {
    ...totals,
    ...calls,
    bySegment: group('segment'),
    byValueBand: group('value_band'),
    byReason: byReason.map((r) => ({ ...r, mapped: r.mapped === 1 })),
  };
}
