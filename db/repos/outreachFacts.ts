import type { Db } from '../open';
import { prepared } from '../statements';
import { emailClosed, phoneClosed, postClosed, RECOVERABLE, type ClosedWhy } from './contactRules';

/** What an outreach needs to know of one customer to address them and fill a message. */
export interface CustomerFactsRow {
  id: number;
  external_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  do_not_contact: number;
  segment: string | null;
  product: string | null;
  monthly_revenue: number | null;
  stated_reason_text: string | null;
  stated_reason_id: string | null;
  stated_category_id: string | null;
  /** The latest call's primary diagnosed reason, if a call diagnosed one. */
  diagnosed_reason_id: string | null;
  diagnosed_category_id: string | null;
  /** The customer's own words from their latest call that recorded any. */
  call_words: string | null;
  last_outcome: string | null;
  /** Whoever called them last, or failing that the person they are assigned to. */
  agent_name: string | null;
  /** The reactivation period agreed on their latest call that agreed one. */
  reactivation_until: string | null;
  /** Whether their reason (diagnosed, else stated) is one the company may contact them about. */
  recoverable: number;
  /** Why each channel is closed, or null when it is open (db/repos/contactRules.ts). */
  phone_closed: ClosedWhy | null;
  email_closed: ClosedWhy | null;
  post_closed: ClosedWhy | null;
}

const FACTS_SQL = `
SELECT c.id, c.external_id, c.name, c.email, c.phone, c.do_not_contact, c.segment, c.product, c.monthly_revenue,
  c.stated_reason_text, c.stated_reason_id, sr.category_id AS stated_category_id,
  dk.primary_reason_id AS diagnosed_reason_id, dr.category_id AS diagnosed_category_id,
  (SELECT k.customer_words FROM calls k WHERE k.customer_id = c.id AND k.customer_words <> ''
     ORDER BY k.completed_at DESC, k.id DESC LIMIT 1) AS call_words,
  lk.outcome AS last_outcome,
  coalesce(lp.name, ap.name) AS agent_name,
  (SELECT k.reactivation_until FROM calls k WHERE k.customer_id = c.id AND k.reactivation_until IS NOT NULL
     ORDER BY k.completed_at DESC, k.id DESC LIMIT 1) AS reactivation_until,
  coalesce(drc.recoverable, src.recoverable, 1) AS recoverable,
  ${phoneClosed('c', RECOVERABLE('c'))} AS phone_closed,
  ${emailClosed('c', RECOVERABLE('c'))} AS email_closed,
  ${postClosed('c', RECOVERABLE('c'))} AS post_closed
FROM customers c
LEFT JOIN reasons sr ON sr.id = c.stated_reason_id
LEFT JOIN reason_categories src ON src.id = sr.category_id
LEFT JOIN calls lk ON lk.id = (SELECT k.id FROM calls k WHERE k.customer_id = c.id ORDER BY k.completed_at DESC, k.id DESC LIMIT 1)
LEFT JOIN people lp ON lp.id = lk.caller_id
LEFT JOIN people ap ON ap.id = c.assigned_to
LEFT JOIN calls dk ON dk.id = (SELECT k.id FROM calls k WHERE k.customer_id = c.id AND k.primary_reason_id IS NOT NULL
  ORDER BY k.completed_at DESC, k.id DESC LIMIT 1)
LEFT JOIN reasons dr ON dr.id = dk.primary_reason_id
LEFT JOIN reason_categories drc ON drc.id = dr.category_id
WHERE c.id = +?`;

export function customerFacts(db: Db, customerId: number): CustomerFactsRow | undefined {
  return prepared(db, FACTS_SQL).get(customerId) as CustomerFactsRow | undefined;
}

/** Whether an unsubscribe for this channel reached the console from the hub. */
export function hasObjection(db: Db, externalId: string, channel: 'email'): boolean {
  return prepared(db, 'SELECT 1 FROM outreach_objections WHERE external_id = ? AND channel = ?').get(externalId, channel) !== undefined;
}

/** Customers for the preview picker: by name or customer id, departed ones first. */
export function searchCustomers(db: Db, query: string, limit: number): { id: number; external_id: string; name: string | null }[] {
  const like = `%${query.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return prepared(
    db,
    `SELECT id, external_id, name FROM customers
     WHERE name LIKE @like ESCAPE '\\' OR external_id LIKE @like ESCAPE '\\' OR email LIKE @like ESCAPE '\\'
     ORDER BY departed_at IS NULL, name LIMIT @limit`,
  ).all({ like, limit }) as { id: number; external_id: string; name: string | null }[];
}
