import type { Db } from '../open';
import type { AssignedCustomer } from '../../shared/sync/hubApi';

/**
 * Customers a manager assigned through the hub, as stored on the console of the person called.
 * A pull only adds and fills in: a value the hub leaves empty never blanks one this console has,
 * and nothing is deleted (a pull that comes back empty or partial must not lose local work).
 */
export function prepareAssignedCustomerUpsert(db: Db): (c: AssignedCustomer, cycleId: string | null, assigneeId: string, now: string) => 'added' | 'updated' {
  const exists = db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck();
  const knownReason = db.prepare('SELECT 1 FROM reasons WHERE id = ?').pluck();
  const upsert = db.prepare(`
    INSERT INTO customers (external_id, name, company, phone, email, timezone, segment, product,
      monthly_revenue, tenure_months, departed_at, stated_reason_text, stated_reason_id,
      frontline_rep, frontline_team, notes, cycle_id, assigned_to, created_at, updated_at)
    VALUES (@externalId, @name, @company, @phone, @email, @timezone, @segment, @product,
      @monthlyRevenue, @tenureMonths, @departedAt, @statedReasonText, @statedReasonId,
      @frontlineRep, @frontlineTeam, @notes, @cycleId, @assignee, @now, @now)
    ON CONFLICT(external_id) DO UPDATE SET
      name = coalesce(excluded.name, customers.name),
      company = coalesce(excluded.company, customers.company),
      phone = coalesce(excluded.phone, customers.phone),
      email = coalesce(excluded.email, customers.email),
      timezone = coalesce(excluded.timezone, customers.timezone),
      segment = coalesce(excluded.segment, customers.segment),
      product = coalesce(excluded.product, customers.product),
      monthly_revenue = coalesce(excluded.monthly_revenue, customers.monthly_revenue),
      tenure_months = coalesce(excluded.tenure_months, customers.tenure_months),
      departed_at = coalesce(excluded.departed_at, customers.departed_at),
      stated_reason_text = coalesce(excluded.stated_reason_text, customers.stated_reason_text),
      stated_reason_id = coalesce(excluded.stated_reason_id, customers.stated_reason_id),
      frontline_rep = coalesce(excluded.frontline_rep, customers.frontline_rep),
      frontline_team = coalesce(excluded.frontline_team, customers.frontline_team),
      notes = coalesce(excluded.notes, customers.notes),
      cycle_id = coalesce(excluded.cycle_id, customers.cycle_id),
      assigned_to = excluded.assigned_to,
      updated_at = excluded.updated_at`);
  return (c, cycleId, assigneeId, now) => {
    const existed = exists.get(c.externalId) !== undefined;
    // A reason the manager's console has and this one lacks stays as text only.
    const statedReasonId = c.statedReasonId !== null && knownReason.get(c.statedReasonId) !== undefined ? c.statedReasonId : null;
    const { cycle: _cycle, ...fields } = c;
    upsert.run({ ...fields, statedReasonId, cycleId, assignee: assigneeId, now });
    return existed ? 'updated' : 'added';
  };
}

export interface AssignedCustomerRow {
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
  frontline_rep: string | null;
  frontline_team: string | null;
  notes: string | null;
  cycle_id: string | null;
  cycle_name: string | null;
  cycle_kind: 'monthly' | 'quarterly' | null;
  cycle_starts_on: string | null;
  cycle_ends_on: string | null;
  assignee_name: string;
}

/** Customers assigned to someone on this console, with the assignee's name (what a hub token is named). */
export function listAssignedCustomers(db: Db, cycleId?: string): AssignedCustomerRow[] {
  return db
    .prepare(
      `SELECT c.external_id, c.name, c.company, c.phone, c.email, c.timezone, c.segment, c.product,
         c.monthly_revenue, c.tenure_months, c.departed_at, c.stated_reason_text, c.stated_reason_id,
         c.frontline_rep, c.frontline_team, c.notes, c.cycle_id, cy.name AS cycle_name, cy.kind AS cycle_kind,
         cy.starts_on AS cycle_starts_on, cy.ends_on AS cycle_ends_on, p.name AS assignee_name
       FROM customers c
       JOIN people p ON p.id = c.assigned_to
       LEFT JOIN cycles cy ON cy.id = c.cycle_id
       WHERE (@cycle IS NULL OR c.cycle_id = @cycle)
       ORDER BY c.id`,
    )
    .all({ cycle: cycleId ?? null }) as AssignedCustomerRow[];
}
