import type { CareDetail, CareItem, CareList, Retention } from '../../shared/api/care';
import type { Session } from '../../shared/api/session';
import type { Role } from '../../shared/domain/roles';

export const TODAY = '2027-03-03';

export function careSession(role: Role = 'agent'): Session {
  const user = role === 'manager' ? { id: 'm1', name: 'Mia Manager', role } : { id: 'p1', name: 'Ann Agent', role };
  return { user, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' };
}

export function item(over: Partial<CareItem> = {}): CareItem {
  return {
    enrolmentId: 'e1',
    customerId: 7,
    externalId: '7590-VHVEG',
    name: 'Ada Example',
    monthlyRevenue: 99.5,
    ownerId: 'p1',
    ownerName: 'Ann Agent',
    recoveredOn: '2026-08-31',
    nextReviewOn: '2027-02-28',
    reviewState: 'overdue',
    reviewStateText: 'Overdue by 3 days',
    reviews: 0,
    lastVerdict: null,
    lastReviewedOn: null,
    ...over,
  };
}

export function careList(over: Partial<CareList> = {}): CareList {
  return {
    today: TODAY,
    intervalMonths: 6,
    items: [
      item(),
      item({ enrolmentId: 'e2', customerId: 8, externalId: '5575-GNVDE', name: 'Bruno Sample', recoveredOn: '2026-12-01', nextReviewOn: '2027-06-01', reviewState: 'upcoming', reviewStateText: 'In 90 days', reviews: 1, lastVerdict: 'healthy', lastReviewedOn: '2026-12-20' }),
    ],
    relost: [],
    ...over,
  };
}

export function detail(over: Partial<CareDetail> = {}): CareDetail {
  return {
    enrolmentId: 'e1',
    customerId: 7,
    externalId: '7590-VHVEG',
    name: 'Ada Example',
    phone: '+1 555-0107',
    email: null,
    monthlyRevenue: 99.5,
    status: 'active',
    ownerId: 'p1',
    ownerName: 'Ann Agent',
    nextReviewOn: '2027-02-28',
    today: TODAY,
    intervalMonths: 6,
    since: '2026-08-31',
    recovery: {
      callId: 'k1',
      recoveredOn: '2026-08-31',
      recoveredBy: 'Ann Agent',
      reasonId: 'price.too-expensive',
      reasonName: 'Too expensive',
      categoryName: 'Price / value for money',
      offerId: 'offer.loyalty-discount',
      offerName: '15% off for 3 months',
    },
    imported: null,
    reviews: [],
    ...over,
  };
}

export function retention(over: Partial<Retention> = {}): Retention {
  return {
    today: TODAY,
    recovered: 7,
    relost: 4,
    byReason: [
      { reasonId: 'price.too-expensive', reasonName: 'Too expensive', categoryName: 'Price / value for money', recovered: 5, relost: 2, relostRevenue: 130 },
      { reasonId: 'service.reliability', reasonName: 'Network reliability', categoryName: 'Service experience', recovered: 1, relost: 1, relostRevenue: 100 },
    ],
    byOffer: [
      { offerId: 'offer.loyalty-discount', offerName: '15% off for 3 months', recovered: 4, relost: 2, relostRevenue: 130 },
      { offerId: null, offerName: 'No offer accepted', recovered: 1, relost: 0, relostRevenue: 0 },
    ],
    retained: [
      { months: 6, eligible: 6, retained: 4, share: 4 / 6 },
      { months: 12, eligible: 0, retained: 0, share: null },
    ],
    ...over,
  };
}

export const SYNC_OK = { hubConfigured: false, online: null, pending: 0, lastSyncAt: null, lastError: null };
