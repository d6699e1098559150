import type { ParsedReviewInput } from '../../../shared/api/care';
import type { Person } from '../../../shared/api/session';
import { nextReviewOn } from '../../../shared/domain/care';
import { getEnrolment, setNextReview } from '../../../db/repos/care';
import { getReview, insertReview } from '../../../db/repos/careReviews';
import { clearImportedIndicators } from '../../../db/repos/careIndicators';
import { enqueueEvent } from '../../../db/repos/outbox';
import { audit } from '../../../db/repos/audit';
import type { ServiceDeps } from '../types';
import { consoleDay, reviewIntervalMonths } from './clock';
import { requireEnrolment } from './views';
import { appError } from '../i18n/errors';

/**
 * Records a review of a followed customer and schedules the next one, one interval (as set now)
 * after today. The review, the new date, the consumed imported indicators, the audit entry and the
 * `review.completed` event for the hub are one transaction. Sending the same review id again
 * returns the review already saved: a retried click never records two.
 */
export function completeReview(deps: ServiceDeps, person: Person, input: ParsedReviewInput): { reviewId: string; nextReviewOn: string } {
  const { db } = deps;
  const saved = getReview(db, input.reviewId);
  if (saved) {
    if (saved.enrolment_id !== input.enrolmentId) throw appError('conflict', 'care.reviewIdTaken');
    return { reviewId: saved.id, nextReviewOn: saved.next_review_on };
  }
  const enrolment = requireEnrolment(db, input.enrolmentId);
  const who = enrolment.name ?? enrolment.external_id;
  if (enrolment.status !== 'active' || enrolment.next_review_on === null) {
    throw appError('conflict', enrolment.status === 'relost' ? 'care.review.relost' : 'care.review.corrected', { who });
  }
  if (person.role !== 'manager' && person.id !== enrolment.owner_id) {
    throw appError('forbidden', 'care.review.notOwner', { owner: enrolment.owner_name, who });
  }
  const now = deps.now();
  const nowIso = now.toISOString();
  const today = consoleDay(now);
  const next = nextReviewOn(today, reviewIntervalMonths(db));
  const dueOn = enrolment.next_review_on;

  db.transaction(() => {
    insertReview(db, {
      id: input.reviewId,
      enrolmentId: enrolment.id,
      dueOn,
      reviewedAt: nowIso,
      reviewedOn: today,
      reviewerId: person.id,
      serviceContacts: input.serviceContacts,
      purchases: input.purchases,
      spend: input.spend,
      supportTickets: input.supportTickets,
      satisfaction: input.satisfaction,
      note: input.note.trim(),
      verdict: input.verdict,
      outreach: input.outreach,
      outreachNote: input.outreachNote.trim(),
      nextReviewOn: next,
    });
    setNextReview(db, enrolment.id, next);
    clearImportedIndicators(db, enrolment.id);
    enqueueEvent(
      db,
      'review.completed',
      { reviewId: input.reviewId, externalId: enrolment.external_id, reviewedAt: nowIso, verdict: input.verdict, satisfaction: input.satisfaction },
      nowIso,
    );
    audit(db, { at: nowIso, actorId: person.id, action: 'care.review', entity: 'care_enrolment', entityId: enrolment.id, detail: { reviewId: input.reviewId, verdict: input.verdict, next } });
  })();
  deps.log.info('care review completed', { enrolmentId: enrolment.id, verdict: input.verdict });
  const after = getEnrolment(db, enrolment.id);
  return { reviewId: input.reviewId, nextReviewOn: after?.next_review_on ?? next };
}
