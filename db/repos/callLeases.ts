import type { Db } from '../open';
import { prepared } from '../statements';

/** The customer a person has open in a call (db/migrations/016_call_leases.ts). */
export interface CallLeaseRow {
  customer_id: number;
  call_id: string;
  person_id: string;
  leased_at: string;
  expires_at: string;
}

/** The lease on a customer that has not expired at `now`, with the holder's name. */
export function activeLease(db: Db, customerId: number, now: string): (CallLeaseRow & { person_name: string | null }) | undefined {
  return prepared(
    db,
    `SELECT l.*, p.name AS person_name FROM call_leases l LEFT JOIN people p ON p.id = l.person_id
     WHERE l.customer_id = ? AND l.expires_at > ?`,
  ).get(customerId, now) as (CallLeaseRow & { person_name: string | null }) | undefined;
}

/** Every customer under a lease that has not expired at `now`. */
export function leasedCustomerIds(db: Db, now: string): Set<number> {
  return new Set(prepared(db, 'SELECT customer_id FROM call_leases WHERE expires_at > ?').pluck().all(now) as number[]);
}

/** Takes (or takes over) the lease on a customer; the caller has checked that nobody else holds it. */
export function takeLease(db: Db, lease: { customerId: number; callId: string; personId: string; now: string; expiresAt: string }): void {
  prepared(
    db,
    `INSERT INTO call_leases (customer_id, call_id, person_id, leased_at, expires_at) VALUES (@customerId, @callId, @personId, @now, @expiresAt)
     ON CONFLICT(customer_id) DO UPDATE SET call_id = excluded.call_id, person_id = excluded.person_id, leased_at = excluded.leased_at, expires_at = excluded.expires_at`,
  ).run(lease);
}

/** Pushes the expiry of a person's lease on a customer further; false when they hold none. */
export function renewLease(db: Db, customerId: number, personId: string, expiresAt: string): boolean {
  return prepared(db, 'UPDATE call_leases SET expires_at = ? WHERE customer_id = ? AND person_id = ?').run(expiresAt, customerId, personId).changes === 1;
}

/** Releases a lease on a customer held by this person or for this call; false when there was none. */
export function releaseLease(db: Db, customerId: number, holder: { personId: string; callId?: string }): boolean {
  return (
    prepared(db, 'DELETE FROM call_leases WHERE customer_id = ? AND (person_id = ? OR call_id = ?)').run(customerId, holder.personId, holder.callId ?? null)
      .changes === 1
  );
}
