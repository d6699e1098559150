import type { Db } from '../open';
import { ISSUE_IMPACT_SQL } from './issues';

/** One export: how many rows it will have, and the statement that yields them in order. */
export interface ExportQuery {
  count: string;
  select: string;
}

export const EXPORT_QUERIES = {
  customers: {
    count: 'SELECT count(*) FROM customers',
    select: `SELECT c.external_id, c.name, c.company, c.phone, c.email, c.segment, c.product, c.monthly_revenue,
      c.tenure_months, c.departed_at, cy.name AS cycle, c.stated_reason_text, r.name AS stated_reason,
      rc.name AS stated_category, c.frontline_team, c.frontline_rep, p.name AS assigned_to, c.attempts,
      c.last_outcome AS outcome, c.do_not_contact
    FROM customers c
    LEFT JOIN reasons r ON r.id = c.stated_reason_id
    LEFT JOIN reason_categories rc ON rc.id = r.category_id
    LEFT JOIN cycles cy ON cy.id = c.cycle_id
    LEFT JOIN people p ON p.id = c.assigned_to
    ORDER BY c.id`,
  },
  calls: {
    count: 'SELECT count(*) FROM calls',
    // Offers are folded into one cell per call; the correlated lookup uses the call_offers primary key.
    select: `SELECT k.id, k.completed_at, cy.name AS cycle, p.name AS caller, k.caller_role, c.external_id, c.name,
      c.segment, c.product, c.monthly_revenue, sr.name AS stated_reason, dr.name AS diagnosed_reason,
      dc.name AS diagnosed_category, k.reason_confirmed, k.outcome, k.customer_words, k.callback_at,
      (SELECT group_concat(o.name || ': ' || replace(co.answer, '_', ' '), '; ')
         FROM call_offers co JOIN offers o ON o.id = co.offer_id WHERE co.call_id = k.id) AS offers
    FROM calls k
    JOIN customers c ON c.id = k.customer_id
    JOIN people p ON p.id = k.caller_id
    LEFT JOIN cycles cy ON cy.id = coalesce(k.cycle_id, c.cycle_id)
    LEFT JOIN reasons sr ON sr.id = c.stated_reason_id
    LEFT JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1
    LEFT JOIN reasons dr ON dr.id = cr.reason_id
    LEFT JOIN reason_categories dc ON dc.id = dr.category_id
    ORDER BY k.completed_at, k.id`,
  },
  feedback: {
    count: 'SELECT count(*) FROM feedback',
    select: `SELECT f.id, f.created_at, f.status, f.status_changed_at, f.frontline_team, f.frontline_rep, f.text,
      k.id AS call_id, p.name AS caller, c.external_id, c.name, c.monthly_revenue, r.name AS diagnosed_reason
    FROM feedback f
    JOIN calls k ON k.id = f.call_id
    JOIN people p ON p.id = k.caller_id
    JOIN customers c ON c.id = f.customer_id
    LEFT JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1
    LEFT JOIN reasons r ON r.id = cr.reason_id
    ORDER BY f.frontline_team, f.frontline_rep, f.created_at, f.id`,
  },
  issues: {
    count: 'SELECT count(*) FROM issues',
    select: `SELECT i.id, i.title, i.owner, i.status, i.created_at, i.updated_at, i.fixed_at, i.description,
      (SELECT group_concat(r.name, '; ') FROM issue_reasons ir JOIN reasons r ON r.id = ir.reason_id WHERE ir.issue_id = i.id) AS reasons,
      (SELECT count(*) FROM issue_calls ic WHERE ic.issue_id = i.id) AS calls,
      coalesce(im.customers, 0) AS customers, coalesce(im.still_lost, 0) AS still_lost,
      round(coalesce(im.revenue_at_stake, 0), 2) AS revenue_at_stake
    FROM issues i
    LEFT JOIN (${ISSUE_IMPACT_SQL} GROUP BY a.issue_id) im ON im.issue_id = i.id
    ORDER BY i.created_at, i.id`,
  },
} satisfies Record<string, ExportQuery>;

export type ExportRow = Record<string, string | number | null>;

/**
 * The rows of an export as a lazy iterator. The statement stays open while it is consumed, so the
 * caller uses a connection of its own when it awaits between rows.
 */
export function iterateExport(db: Db, query: ExportQuery): { total: number; rows: IterableIterator<ExportRow> } {
  const total = db.prepare(query.count).pluck().get() as number;
  return { total, rows: db.prepare(query.select).iterate() as IterableIterator<ExportRow> };
}
