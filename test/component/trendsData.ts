import type { AgreementReport, OfferMatrix, RecoveryReport, ReportOptions } from '../../shared/api/reports';
import type { ReasonsReport } from '../../shared/reports/reasons';

/** Report answers as the backend gives them for a small console (see test/helpers/scenario.ts). */
export const options = (scope: 'all' | 'own' = 'all'): ReportOptions => ({
  scope,
  cycles: [
    { id: '2026-11', name: 'November 2026', startsOn: '2026-11-01' },
    { id: '2026-10', name: 'October 2026', startsOn: '2026-10-01' },
  ],
  segments: ['Month-to-month', 'One year', 'Two year'],
  products: ['DSL', 'Fiber optic'],
  teams: ['Billing desk', 'Support North'],
  categories: [
    { id: 'price', name: 'Price / value for money', retired: false, reasons: [{ id: 'price.too-expensive', name: 'Too expensive', retired: false }, { id: 'price.extra-charges', name: 'Extra charges', retired: false }] },
    { id: 'service', name: 'Service experience', retired: false, reasons: [{ id: 'service.support-attitude', name: 'Attitude of support person', retired: false }] },
    { id: 'competitor', name: 'Competitor', retired: false, reasons: [{ id: 'competitor.better-offer', name: 'Competitor made a better offer', retired: false }] },
  ],
});

const row = (r: Partial<ReasonsReport['rows'][number]> & { reason: string; revenue: number; departed: number }): ReasonsReport['rows'][number] => ({
  categoryId: null,
  category: 'Unmapped',
  reasonId: null,
  calls: 0,
  recovered: 0,
  recoveryRate: 0,
  recoveredRevenue: 0,
  ...r,
});

export const statedReasons: ReasonsReport = {
  rows: [
    row({ categoryId: 'price', category: 'Price / value for money', reasonId: 'price.too-expensive', reason: 'Too expensive', departed: 2, revenue: 120, calls: 3, recovered: 2, recoveryRate: 2 / 3, recoveredRevenue: 120 }),
    row({ categoryId: 'service', category: 'Service experience', reasonId: 'service.support-attitude', reason: 'Attitude of support person', departed: 1, revenue: 80, calls: 1, recovered: 1, recoveryRate: 1, recoveredRevenue: 80 }),
    row({ categoryId: 'competitor', category: 'Competitor', reasonId: 'competitor.better-offer', reason: 'Competitor made a better offer', departed: 1, revenue: 50, calls: 2 }),
    row({ reason: 'Weird "odd", reason', departed: 1, revenue: 30, calls: 1 }),
  ],
  totals: { departed: 5, revenue: 280, calls: 7, recovered: 3, recoveryRate: 3 / 7, recoveredRevenue: 200 },
};

export const byCycle: ReasonsReport = {
  rows: [
    row({ period: '2026-10', categoryId: 'price', category: 'Price / value for money', reasonId: 'price.too-expensive', reason: 'Too expensive', departed: 1, revenue: 100 }),
    row({ period: '2026-10', categoryId: 'competitor', category: 'Competitor', reasonId: 'competitor.better-offer', reason: 'Competitor made a better offer', departed: 1, revenue: 50 }),
    row({ period: '2026-11', categoryId: 'service', category: 'Service experience', reasonId: 'service.support-attitude', reason: 'Attitude of support person', departed: 1, revenue: 80 }),
    row({ period: '2026-11', categoryId: 'price', category: 'Price / value for money', reasonId: 'price.too-expensive', reason: 'Too expensive', departed: 1, revenue: 20 }),
  ],
  totals: statedReasons.totals,
};

const rec = (key: string | null, label: string, calls: number, recovered: number, recoveredRevenue: number) => ({
  key,
  label,
  calls,
  recovered,
  recoveryRate: calls > 0 ? recovered / calls : 0,
  recoveredRevenue,
});

export const recovery: RecoveryReport = {
  totals: { calls: 7, recovered: 3, recoveryRate: 3 / 7, recoveredRevenue: 200 },
  byReason: [{ ...rec('price.too-expensive', 'Too expensive', 2, 2, 120), category: 'Price / value for money' }, { ...rec(null, 'Not diagnosed', 1, 0, 0), category: 'Not diagnosed' }],
  byOffer: [rec('offer.loyalty-discount', '15% off for 3 months', 2, 2, 120)],
  bySegment: [rec('Month-to-month', 'Month-to-month', 3, 2, 180)],
  byAgent: [{ ...rec('p-alex', 'Alex Agent', 2, 1, 100), role: 'agent' }, { ...rec('p-morgan', 'Morgan Executive', 2, 1, 20), role: 'executive' }],
  byCallerGroup: [rec('team', 'Recovery team', 5, 2, 180), rec('executive', 'Executives', 2, 1, 20)],
};

export const matrix: OfferMatrix = {
  cells: [{ reasonId: 'price.too-expensive', reason: 'Too expensive', category: 'Price / value for money', offerId: 'offer.loyalty-discount', offer: '15% off for 3 months', offered: 2, accepted: 2, recovered: 2 }],
};

export const agreement: AgreementReport = {
  compared: 5,
  agreed: 4,
  rate: 0.8,
  categoryAgreed: 5,
  categoryRate: 1,
  notComparable: 1,
  mismatches: [{ statedReasonId: 'price.too-expensive', stated: 'Too expensive', diagnosedReasonId: 'price.extra-charges', diagnosed: 'Extra charges', calls: 1 }],
};
