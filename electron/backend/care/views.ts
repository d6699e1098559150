import type { CareDetail, CareItem, CareList, DueReview, Recovery, RelostItem } from '../../../shared/api/care';
import type { Person } from '../../../shared/api/session';
import { addDays, describeReviewState, REVIEW_DUE_WINDOW_DAYS, reviewState } from '../../../shared/domain/care';
import type { Db } from '../../../db/open';
import {
  getEnrolment,
  getRecovery,
  listActiveEnrolments,
  listRelostEnrolments,
  listReviewsDueBy,
  type EnrolmentListRow,
} from '../../../db/repos/care';
import { listReviews } from '../../../db/repos/careReviews';
import { getImportedIndicators } from '../../../db/repos/careIndicators';
import type { ServiceDeps } from '../types';
import { consoleDay, reviewIntervalMonths } from './clock';
import { appError } from '../i18n/errors';

export function recoveryOf(db: Db, row: { recovery_call_id: string; recovered_on: string }): Recovery {
  const r = getRecovery(db, row.recovery_call_id);
  return {
    callId: row.recovery_call_id,
    recoveredOn: row.recovered_on,
    recoveredBy: r?.caller_name ?? 'unknown',
    reasonId: r?.reason_id ?? null,
    reasonName: r?.reason_name ?? null,
    categoryName: r?.category_name ?? null,
    offerId: r?.offer_id ?? null,
    offerName: r?.offer_name ?? null,
  };
}

export function toCareItem(row: EnrolmentListRow, today: string): CareItem {
  const due = row.next_review_on ?? today;
  return {
    enrolmentId: row.id,
    customerId: row.customer_id,
    externalId: row.external_id,
    name: row.name,
    monthlyRevenue: row.monthly_revenue,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    recoveredOn: row.recovered_on,
    nextReviewOn: due,
    reviewState: reviewState(due, today),
    reviewStateText: describeReviewState(due, today),
    reviews: row.reviews,
    lastVerdict: row.last_verdict,
    lastReviewedOn: row.last_reviewed_on,
  };
}

export function toRelostItem(db: Db, row: EnrolmentListRow): RelostItem {
  return {
    enrolmentId: row.id,
    customerId: row.customer_id,
    externalId: row.external_id,
    name: row.name,
    monthlyRevenue: row.monthly_revenue,
    relostOn: row.relost_on ?? '',
    source: row.relost_source ?? 'manager',
    note: row.relost_note,
    recovery: recoveryOf(db, row),
  };
}

export function listCare(deps: ServiceDeps, person: Person, scope: 'mine' | 'all'): CareList {
  const today = consoleDay(deps.now());
  const ownerId = scope === 'mine' ? person.id : undefined;
  return {
    today,
    intervalMonths: reviewIntervalMonths(deps.db),
    items: listActiveEnrolments(deps.db, ownerId).map((r) => toCareItem(r, today)),
    relost: listRelostEnrolments(deps.db, ownerId).map((r) => toRelostItem(deps.db, r)),
  };
}

/** The signed-in person's reviews that are due (within the week) or overdue: their queue shows them like callbacks. */
export function dueReviews(deps: ServiceDeps, person: Person): { today: string; items: DueReview[] } {
  const today = consoleDay(deps.now());
  const lastDay = addDays(today, REVIEW_DUE_WINDOW_DAYS);
  return {
    today,
    items: listReviewsDueBy(deps.db, person.id, lastDay).map((row) => {
      const item = toCareItem(row, today);
      return {
        enrolmentId: item.enrolmentId,
        customerId: item.customerId,
        externalId: item.externalId,
        name: item.name,
        nextReviewOn: item.nextReviewOn,
        reviewState: item.reviewState === 'overdue' ? 'overdue' : 'due',
        reviewStateText: item.reviewStateText,
      };
    }),
  };
}

export function requireEnrolment(db: Db, enrolmentId: string): EnrolmentListRow {
  const row = getEnrolment(db, enrolmentId);
  if (!row) throw appError('not_found', 'care.notFound', { id: String(enrolmentId) });
  return row;
}

export function getCareDetail(deps: ServiceDeps, enrolmentId: string): CareDetail {
  const { db } = deps;
  const row = requireEnrolment(db, enrolmentId);
  const reviews = listReviews(db, row.id);
  const imported = getImportedIndicators(db, row.id);
  return {
    enrolmentId: row.id,
    customerId: row.customer_id,
    externalId: row.external_id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    monthlyRevenue: row.monthly_revenue,
    status: row.status,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    nextReviewOn: row.next_review_on,
    today: consoleDay(deps.now()),
    intervalMonths: reviewIntervalMonths(db),
    since: reviews[0]?.reviewed_on ?? row.recovered_on,
    recovery: recoveryOf(db, row),
    imported: imported
      ? {
          serviceContacts: imported.service_contacts,
          purchases: imported.purchases,
          spend: imported.spend,
          supportTickets: imported.support_tickets,
          satisfaction: imported.satisfaction,
          importedAt: imported.imported_at,
          fileName: imported.file_name,
        }
      : null,
    reviews: reviews.map((r) => ({
      id: r.id,
      dueOn: r.due_on,
      reviewedOn: r.reviewed_on,
      reviewer: r.reviewer_name,
      serviceContacts: r.service_contacts,
      purchases: r.purchases,
      spend: r.spend,
      supportTickets: r.support_tickets,
      satisfaction: r.satisfaction,
      note: r.note,
      verdict: r.verdict,
      outreach: r.outreach,
      outreachNote: r.outreach_note,
      nextReviewOn: r.next_review_on,
    })),
  };
}
