import type { Db } from '../open';
import { prepared } from '../statements';
import type { Role } from '../../shared/domain/roles';
import { queryQueuePage } from './queue';
import { readQueueSettings } from './queueSettings';
import { ensureSelectionFresh } from './selection';

/** A departed customer as written by the import and the demo. */
export interface CustomerInput {
  externalId: string;
  name: string | null;
  company: string | null;
  phone: string | null;
  email: string | null;
  timezone: string | null;
  segment: string | null;
  product: string | null;
  monthlyRevenue: number | null;
  tenureMonths: number | null;
  departedAt: string | null;
  lastActivityAt: string | null;
  statedReasonText: string | null;
  statedReasonId: string | null;
  frontlineRep: string | null;
  frontlineTeam: string | null;
  notes: string | null;
  cycleId: string | null;
}

export type UpsertResult = 'inserted' | 'updated';

/**
 * Inserts or updates by external id. Call history, assignment and do-not-contact are the console's
 * own facts, so a re-import never resets them. Attempts are counted per recovery cycle: a customer
 * re-imported into another cycle (they departed again) starts that cycle with none.
 */
export function prepareCustomerUpsert(db: Db): (c: CustomerInput, now: string, known?: boolean) => UpsertResult {
  const exists = db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck();
  const upsert = db.prepare(`
    INSERT INTO customers (external_id, name, company, phone, email, timezone, segment, product,
      monthly_revenue, tenure_months, departed_at, last_activity_at, stated_reason_text, stated_reason_id,
      frontline_rep, frontline_team, notes, cycle_id, created_at, updated_at)
    VALUES (@externalId, @name, @company, @phone, @email, @timezone, @segment, @product,
      @monthlyRevenue, @tenureMonths, @departedAt, @lastActivityAt, @statedReasonText, @statedReasonId,
      @frontlineRep, @frontlineTeam, @notes, @cycleId, @now, @now)
    ON CONFLICT(external_id) DO UPDATE SET
      name = excluded.name, company = excluded.company, phone = excluded.phone, email = excluded.email,
      timezone = excluded.timezone, segment = excluded.segment, product = excluded.product,
      monthly_revenue = excluded.monthly_revenue, tenure_months = excluded.tenure_months,
      departed_at = excluded.departed_at, last_activity_at = excluded.last_activity_at,
      stated_reason_text = excluded.stated_reason_text, stated_reason_id = excluded.stated_reason_id,
      frontline_rep = excluded.frontline_rep, frontline_team = excluded.frontline_team,
      notes = excluded.notes, cycle_id = excluded.cycle_id, updated_at = excluded.updated_at,
      attempts = CASE WHEN customers.cycle_id IS excluded.cycle_id THEN customers.attempts ELSE 0 END`);
  // `known`: the caller has just looked the customer up in this transaction (an import does), so
  // the lookup here is not repeated.
  return (c, now, known) => {
    const existed = known ?? exists.get(c.externalId) !== undefined;
    upsert.run({ ...c, now });
    return existed ? 'updated' : 'inserted';
  };
}

export function countCustomers(db: Db): number {
  return db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
}

export interface CustomerRow {
  id: number;
  external_id: string;
  name: string | null;
  company: string | null;
  phone: string | null;
  email: string | null;
  timezone: string | null;
  segment: string | null;
  product: string | null;
  monthly_revenue: number | null;
  tenure_months: number | null;
  departed_at: string | null;
  stated_reason_text: string | null;
  stated_reason_id: string | null;
  stated_reason_name: string | null;
  category_name: string | null;
  frontline_rep: string | null;
  frontline_team: string | null;
  notes: string | null;
  cycle_name: string | null;
  assigned_name: string | null;
  do_not_contact: number;
  attempts: number;
  callback_at: string | null;
}

const CUSTOMER_COLUMNS = `c.*, r.name AS stated_reason_name, rc.name AS category_name,
  cy.name AS cycle_name, p.name AS assigned_name`;
const CUSTOMER_JOINS = `FROM customers c
  LEFT JOIN reasons r ON r.id = c.stated_reason_id
  LEFT JOIN reason_categories rc ON rc.id = r.category_id
  LEFT JOIN cycles cy ON cy.id = c.cycle_id
  LEFT JOIN people p ON p.id = c.assigned_to`;

export function getCustomerRow(db: Db, id: number): CustomerRow | undefined {
  // `+?`, not `?`: a bare parameter in a join is re-planned on every run (db/statements.ts).
  return prepared(db, `SELECT ${CUSTOMER_COLUMNS} ${CUSTOMER_JOINS} WHERE c.id = +?`).get(id) as CustomerRow | undefined;
}

export interface QueueFilter {
  search?: string | undefined;
  segment?: string | undefined;
  reasonCategory?: string | undefined;
  cycleId?: string | undefined;
  /** Only this person's assigned customers (an executive's handful). */
  assignedTo?: string | undefined;
  /** Customers assigned to this person or to nobody (an agent's view). */
  assignedToOrUnassigned?: string | undefined;
  now: string;
  limit: number;
  offset: number;
}

/**
 * The queue as whole customer rows, for code that needs more than a queue item (the call screen's
 * "next customer"). Same selection, order and visibility as queue.list: it is db/repos/queue.ts
 * underneath, so there is one queue order in the console.
 */
export function queryQueue(db: Db, f: QueueFilter): { rows: CustomerRow[]; total: number } {
  ensureSelectionFresh(db, f.now.slice(0, 10));
  const viewer: { id: string; role: Role } = f.assignedTo
    ? { id: f.assignedTo, role: 'executive' }
    : f.assignedToOrUnassigned
      ? { id: f.assignedToOrUnassigned, role: 'agent' }
      : { id: '', role: 'manager' };
  const { rows, total } = queryQueuePage(db, {
    search: f.search,
    segment: f.segment,
    reasonCategory: f.reasonCategory,
    cycleId: f.cycleId,
    viewer,
    now: f.now,
    maxAttempts: readQueueSettings(db).maxAttempts,
    limit: f.limit,
    offset: f.offset,
  });
  return { rows: rows.map((r) => getCustomerRow(db, r.id)).filter((r): r is CustomerRow => r !== undefined), total };
}
