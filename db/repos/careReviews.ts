import type { Db } from '../open';
import type { OutreachKind, Verdict } from '../../shared/domain/care';

export interface ReviewRow {
  id: string;
  enrolment_id: string;
  due_on: string;
  reviewed_at: string;
  reviewed_on: string;
  reviewer_id: string;
  reviewer_name: string;
  service_contacts: number | null;
  purchases: number | null;
  spend: number | null;
  support_tickets: number | null;
  satisfaction: number | null;
  note: string;
  verdict: Verdict;
  outreach: OutreachKind;
  outreach_note: string;
  next_review_on: string;
}

export interface ReviewInsert {
  id: string;
  enrolmentId: string;
  dueOn: string;
  reviewedAt: string;
  reviewedOn: string;
  reviewerId: string;
  serviceContacts: number | null;
  purchases: number | null;
  spend: number | null;
  supportTickets: number | null;
  satisfaction: number | null;
  note: string;
  verdict: Verdict;
  outreach: OutreachKind;
  outreachNote: string;
  nextReviewOn: string;
}

export function insertReview(db: Db, r: ReviewInsert): void {
  db.prepare(
    `INSERT INTO care_reviews (id, enrolment_id, due_on, reviewed_at, reviewed_on, reviewer_id, service_contacts, purchases,
       spend, support_tickets, satisfaction, note, verdict, outreach, outreach_note, next_review_on)
     VALUES (@id, @enrolmentId, @dueOn, @reviewedAt, @reviewedOn, @reviewerId, @serviceContacts, @purchases,
       @spend, @supportTickets, @satisfaction, @note, @verdict, @outreach, @outreachNote, @nextReviewOn)`,
  ).run(r);
}

const SELECT = 'SELECT r.*, p.name AS reviewer_name FROM care_reviews r JOIN people p ON p.id = r.reviewer_id';

export function getReview(db: Db, id: string): ReviewRow | undefined {
  return db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as ReviewRow | undefined;
}

/** The reviews of one enrolment, latest first. */
export function listReviews(db: Db, enrolmentId: string): ReviewRow[] {
  return db.prepare(`${SELECT} WHERE r.enrolment_id = ? ORDER BY r.reviewed_at DESC, r.rowid DESC`).all(enrolmentId) as ReviewRow[];
}
