import type { Db } from '../../db/open';
import { prepareCustomerUpsert, type CustomerInput } from '../../db/repos/customers';
import { upsertCycle } from '../../db/repos/cycles';
import { cycleFor } from '../../shared/domain/cycles';
import type { Outcome } from '../../shared/domain/outcomes';
import type { Role } from '../../shared/domain/roles';

/**
 * Writes calls straight into the call tables, the way the call screen (and an amendment) leaves
 * them, so report tests do not depend on the call screen's code.
 */
export interface ScriptedCall {
  id: string;
  customer: string;
  callerId: string;
  callerRole: Role;
  completedAt: string;
  outcome: Outcome;
  cycleId?: string | null;
  primary?: string;
  secondary?: string[];
  offers?: { offerId: string; answer: 'accepted' | 'considering' | 'declined' | 'not_offered' }[];
}

export function addPerson(db: Db, id: string, name: string, role: Role): void {
  db.prepare('INSERT INTO people (id, name, role, created_at) VALUES (?, ?, ?, ?)').run(id, name, role, '2026-10-01T00:00:00Z');
}

export function addMonthlyCycle(db: Db, day: string): string {
  const cycle = cycleFor(day, 'monthly');
  upsertCycle(db, cycle, '2026-10-01T00:00:00Z');
  return cycle.id;
}

export function addCustomer(db: Db, c: Partial<CustomerInput> & { externalId: string }): number {
  prepareCustomerUpsert(db)(
    {
      name: null, company: null, phone: '+1 555-0100', email: null, timezone: null, segment: null, product: null,
      monthlyRevenue: null, tenureMonths: null, departedAt: null, lastActivityAt: null, statedReasonText: null,
      statedReasonId: null, frontlineRep: null, frontlineTeam: null, notes: null, cycleId: null,
      ...c,
    },
    '2026-10-01T00:00:00Z',
  );
  return db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(c.externalId) as number;
}

export function customerId(db: Db, externalId: string): number {
  return db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(externalId) as number;
}

export function insertCall(db: Db, k: ScriptedCall): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO calls (id, customer_id, caller_id, caller_role, cycle_id, started_at, completed_at, outcome, reason_confirmed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(k.id, customerId(db, k.customer), k.callerId, k.callerRole, k.cycleId ?? null, k.completedAt, k.completedAt, k.outcome, k.primary ? 1 : 0);
    writeReasons(db, k.id, k.primary, k.secondary ?? []);
    for (const o of k.offers ?? []) {
      db.prepare('INSERT INTO call_offers (call_id, offer_id, answer) VALUES (?, ?, ?)').run(k.id, o.offerId, o.answer);
    }
  })();
}

function writeReasons(db: Db, callId: string, primary: string | undefined, secondary: string[]): void {
  if (primary) db.prepare('INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES (?, ?, 1)').run(callId, primary);
  for (const r of secondary) db.prepare('INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES (?, ?, 0)').run(callId, r);
}

/** A correction as the amendment code applies it: the call's rows are rewritten in place. */
export function amendCall(
  db: Db,
  callId: string,
  change: { outcome?: Outcome; primary?: string; secondary?: string[]; offers?: ScriptedCall['offers'] },
): void {
  db.transaction(() => {
    if (change.outcome) db.prepare('UPDATE calls SET outcome = ? WHERE id = ?').run(change.outcome, callId);
    if (change.primary !== undefined) {
      db.prepare('DELETE FROM call_reasons WHERE call_id = ?').run(callId);
      writeReasons(db, callId, change.primary, change.secondary ?? []);
    }
    if (change.offers) {
      db.prepare('DELETE FROM call_offers WHERE call_id = ?').run(callId);
      for (const o of change.offers) db.prepare('INSERT INTO call_offers (call_id, offer_id, answer) VALUES (?, ?, ?)').run(callId, o.offerId, o.answer);
    }
  })();
}

export function addFeedback(
  db: Db,
  f: { id: string; callId: string; rep: string | null; team: string | null; text: string; createdAt: string; status?: 'new' | 'shared' | 'coached' | 'closed' },
): void {
  const customer = db.prepare('SELECT customer_id FROM calls WHERE id = ?').pluck().get(f.callId) as number;
  db.prepare(
    'INSERT INTO feedback (id, call_id, customer_id, frontline_rep, frontline_team, text, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(f.id, f.callId, customer, f.rep, f.team, f.text, f.status ?? 'new', f.createdAt);
}
