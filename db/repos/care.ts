import type { Db } from '../open';
import { expectOneRow, prepared } from '../statements';
import type { EnrolmentStatus, Verdict } from '../../shared/domain/care';

/** One recovery followed in intensive care. */
export interface EnrolmentRow {
  id: string;
  customer_id: number;
  recovery_call_id: string;
  recovered_on: string;
  owner_id: string;
  status: EnrolmentStatus;
  next_review_on: string | null;
  enrolled_at: string;
  relost_on: string | null;
  relost_at: string | null;
  relost_by: string | null;
  relost_source: 'import' | 'manager' | null;
  relost_note: string;
  withdrawn_at: string | null;
}

/** An enrolment with what a list shows about its customer, owner and reviews. */
export interface EnrolmentListRow extends EnrolmentRow {
  external_id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  monthly_revenue: number | null;
  owner_name: string;
  reviews: number;
  last_verdict: Verdict | null;
  last_reviewed_on: string | null;
}

const LIST_SELECT = `SELECT e.*, c.external_id, c.name, c.phone, c.email, c.monthly_revenue, p.name AS owner_name,
    (SELECT count(*) FROM care_reviews r WHERE r.enrolment_id = e.id) AS reviews,
    (SELECT r.verdict FROM care_reviews r WHERE r.enrolment_id = e.id ORDER BY r.reviewed_at DESC, r.rowid DESC LIMIT 1) AS last_verdict,
    (SELECT r.reviewed_on FROM care_reviews r WHERE r.enrolment_id = e.id ORDER BY r.reviewed_at DESC, r.rowid DESC LIMIT 1) AS last_reviewed_on
  FROM care_enrolments e
  JOIN customers c ON c.id = e.customer_id
  JOIN people p ON p.id = e.owner_id`;

export function insertEnrolment(
  db: Db,
  e: { id: string; customerId: number; recoveryCallId: string; recoveredOn: string; ownerId: string; nextReviewOn: string; enrolledAt: string },
): void {
  prepared(
    db,
    `INSERT INTO care_enrolments (id, customer_id, recovery_call_id, recovered_on, owner_id, status, next_review_on, enrolled_at)
     VALUES (@id, @customerId, @recoveryCallId, @recoveredOn, @ownerId, 'active', @nextReviewOn, @enrolledAt)`,
  ).run(e);
}

export function getEnrolment(db: Db, id: string): EnrolmentListRow | undefined {
  return prepared(db, `${LIST_SELECT} WHERE e.id = ?`).get(id) as EnrolmentListRow | undefined;
}

export function activeEnrolmentOf(db: Db, customerId: number): EnrolmentRow | undefined {
  return prepared(db, "SELECT * FROM care_enrolments WHERE customer_id = ? AND status = 'active'").get(customerId) as EnrolmentRow | undefined;
}

export function enrolmentOfCall(db: Db, callId: string): EnrolmentRow | undefined {
  return prepared(db, 'SELECT * FROM care_enrolments WHERE recovery_call_id = ?').get(callId) as EnrolmentRow | undefined;
}

/** Followed customers, earliest review first: overdue ones lead, then due, then upcoming. */
export function listActiveEnrolments(db: Db, ownerId?: string): EnrolmentListRow[] {
  const where = ownerId === undefined ? "e.status = 'active'" : "e.status = 'active' AND e.owner_id = @ownerId";
  return prepared(db, `${LIST_SELECT} WHERE ${where} ORDER BY e.next_review_on, c.monthly_revenue DESC NULLS LAST, e.id`).all({ ownerId }) as EnrolmentListRow[];
}

/** One owner's reviews falling on or before a day, earliest first. */
export function listReviewsDueBy(db: Db, ownerId: string, lastDay: string): EnrolmentListRow[] {
  return prepared(db, `${LIST_SELECT} WHERE e.status = 'active' AND e.owner_id = ? AND e.next_review_on <= ? ORDER BY e.next_review_on, e.id`)
    .all(ownerId, lastDay) as EnrolmentListRow[];
}

export function listRelostEnrolments(db: Db, ownerId?: string): EnrolmentListRow[] {
  const where = ownerId === undefined ? "e.status = 'relost'" : "e.status = 'relost' AND e.owner_id = @ownerId";
  return prepared(db, `${LIST_SELECT} WHERE ${where} ORDER BY e.relost_on DESC, e.id`).all({ ownerId }) as EnrolmentListRow[];
}

export function setOwner(db: Db, id: string, ownerId: string): void {
  expectOneRow(prepared(db, 'UPDATE care_enrolments SET owner_id = ? WHERE id = ?').run(ownerId, id), 'setOwner');
}

export function setNextReview(db: Db, id: string, nextReviewOn: string): void {
  prepared(db, "UPDATE care_enrolments SET next_review_on = ? WHERE id = ? AND status = 'active'").run(nextReviewOn, id);
}

export function markEnrolmentRelost(
  db: Db,
  id: string,
  r: { relostOn: string; relostAt: string; relostBy: string | null; source: 'import' | 'manager'; note: string },
): void {
  prepared(
    db,
    `UPDATE care_enrolments SET status = 'relost', next_review_on = NULL, relost_on = @relostOn, relost_at = @relostAt,
       relost_by = @relostBy, relost_source = @source, relost_note = @note
     WHERE id = @id AND status = 'active'`,
  ).run({ id, ...r });
}

/** A recovery taken back by a correction of its call: kept for the record, out of every list and figure. */
export function withdrawEnrolment(db: Db, id: string, at: string): void {
  expectOneRow(prepared(db, "UPDATE care_enrolments SET status = 'withdrawn', next_review_on = NULL, withdrawn_at = ? WHERE id = ?").run(at, id), 'withdrawEnrolment');
}

/** A withdrawn recovery given back by a later correction; its re-loss, if any, no longer stands. */
export function reactivateEnrolment(db: Db, id: string, nextReviewOn: string): void {
  prepared(
    db,
    `UPDATE care_enrolments SET status = 'active', next_review_on = ?, withdrawn_at = NULL, relost_on = NULL, relost_at = NULL,
       relost_by = NULL, relost_source = NULL, relost_note = '' WHERE id = ? AND status = 'withdrawn'`,
  ).run(nextReviewOn, id);
}

/** The recovery call's diagnosed primary reason and the offer the customer accepted on it. */
export interface RecoveryRow {
  call_id: string;
  caller_name: string;
  reason_id: string | null;
  reason_name: string | null;
  category_name: string | null;
  offer_id: string | null;
  offer_name: string | null;
}

export function getRecovery(db: Db, callId: string): RecoveryRow | undefined {
  return prepared(
      db,
      `SELECT k.id AS call_id, p.name AS caller_name, r.id AS reason_id, r.name AS reason_name, rc.name AS category_name,
         (SELECT co.offer_id FROM call_offers co JOIN offers o ON o.id = co.offer_id
            WHERE co.call_id = k.id AND co.answer = 'accepted' ORDER BY o.name LIMIT 1) AS offer_id,
         (SELECT o.name FROM call_offers co JOIN offers o ON o.id = co.offer_id
            WHERE co.call_id = k.id AND co.answer = 'accepted' ORDER BY o.name LIMIT 1) AS offer_name
       FROM calls k
       JOIN people p ON p.id = k.caller_id
       LEFT JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1
       LEFT JOIN reasons r ON r.id = cr.reason_id
       LEFT JOIN reason_categories rc ON rc.id = r.category_id
       WHERE k.id = ?`,
    )
    .get(callId) as RecoveryRow | undefined;
}
