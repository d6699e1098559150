import type { Db } from '../open';
import { batchedInsert, prepared } from '../statements';
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

/** The columns an import writes, in the order customerValues gives them. */
const CUSTOMER_FIELDS = `name, company, phone, email, timezone, segment, product, monthly_revenue, tenure_months, departed_at,
  last_activity_at, stated_reason_text, stated_reason_id, frontline_rep, frontline_team, notes`;
const customerValues = (c: CustomerInput) =>
  [
    c.name,
    c.company,
    c.phone,
    c.email,
    c.timezone,
    c.segment,
    c.product,
    c.monthlyRevenue,
    c.tenureMonths,
    c.departedAt,
    c.lastActivityAt,
    c.statedReasonText,
    c.statedReasonId,
    c.frontlineRep,
    c.frontlineTeam,
    c.notes,
  ] as const;

export interface CustomerWrites {
  /**
   * A customer the caller has just found absent, in the same transaction. The row may wait for
   * others to be inserted with it: `flush` before reading customers.
   */
  insert(c: CustomerInput, now: string): void;
  /**
   * A customer the caller has just found present: their record is replaced. Call history,
   * assignment and do-not-contact are the console's own facts, so they are kept. Attempts are
   * counted per recovery cycle: a customer re-imported into another cycle (they departed again)
   * starts that cycle with none. Waiting inserts go first.
   */
  update(c: CustomerInput, now: string): void;
  /** Inserts the customers still waiting. */
  flush(): void;
}

/**
 * Statements for writing many customers in one transaction (an import): positional parameters
 * (binding twenty named ones from an object cost a tenth of the time of a row), new customers
 * inserted several to a statement.
 */
export function prepareCustomerWrites(db: Db): CustomerWrites {
  const inserts = batchedInsert(db, `INSERT INTO customers (external_id, ${CUSTOMER_FIELDS}, cycle_id, created_at, updated_at)`, 20);
  // SET expressions read the row as it was, so attempts compare with the old cycle.
  const update = db.prepare(`UPDATE customers SET
      (${CUSTOMER_FIELDS}) = (${Array.from({ length: 16 }, () => '?').join(', ')}),
      attempts = CASE WHEN cycle_id IS ? THEN attempts ELSE 0 END, cycle_id = ?, updated_at = ?
    WHERE external_id = ?`);
  return {
    insert: (c, now) => {
      inserts.add([c.externalId, ...customerValues(c), c.cycleId, now, now]);
    },
    update: (c, now) => {
      inserts.flush();
      update.run(...customerValues(c), c.cycleId, c.cycleId, now, c.externalId);
    },
    flush: () => inserts.flush(),
  };
}

/** Inserts or updates by external id, as CustomerWrites does, for callers that write a few customers. */
export function prepareCustomerUpsert(db: Db): (c: CustomerInput, now: string, known?: boolean) => UpsertResult {
  const exists = db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck();
  const writes = prepareCustomerWrites(db);
  // `known`: the caller has just looked the customer up in this transaction, so the lookup here
  // is not repeated.
  return (c, now, known) => {
    const existed = known ?? exists.get(c.externalId) !== undefined;
    if (existed) writes.update(c, now);
    else {
      writes.insert(c, now);
      writes.flush();
    }
    return existed ? 'updated' : 'inserted';
  };
}

export function countCustomers(db: Db): number {
  return db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
}

/**
 * The cycle of each of these customers the console already has, by external id (null when they
 * have none); customers it does not have are absent. One query for a whole chunk of an import,
 * each id looked up through the unique index.
 */
export function knownCustomerCycles(db: Db, externalIds: readonly string[]): Map<string, string | null> {
  const rows = prepared(
    db,
    'SELECT external_id, cycle_id FROM customers WHERE external_id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(externalIds)) as { external_id: string; cycle_id: string | null }[];
  return new Map(rows.map((r) => [r.external_id, r.cycle_id]));
}

/** The stored records (every column) of those of these customers the console has, by external id. */
export function customerRecordsByExternalId<T extends { external_id: string }>(db: Db, externalIds: readonly string[]): Map<string, T> {
  if (externalIds.length === 0) return new Map();
  const rows = prepared(db, 'SELECT * FROM customers WHERE external_id IN (SELECT value FROM json_each(?))').all(
    JSON.stringify(externalIds),
  ) as T[];
  return new Map(rows.map((r) => [r.external_id, r]));
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
  last_outcome: string | null;
  selected: number;
  /** Held out of this cycle's calls as the control group (the selection pass sets it). */
  control_group: number;
  /** After an unanswered call: the retry cadence's earliest next try. */
  next_attempt_at: string | null;
  /** Where an inferred zone came from ('phone', 'country', 'state', 'postal'); null when the file gave it. */
  timezone_source: string | null;
  /** Every zone a customer could be in when nothing narrowed their country (JSON array). */
  timezone_candidates: string | null;
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
