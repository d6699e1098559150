import type { AgreementReport, OfferMatrix, RecoveryReport, RecoveryRow } from '../../../shared/api/reports';
import type { Person } from '../../../shared/api/session';
import type { Db } from '../../../db/open';
import { agreement, offerMatrix, recoveryBy, type RecoveryGroup } from '../../../db/repos/reportsRecovery';
import { listReasonLabels, offerNames, peopleById, type ReasonLabel } from '../../../db/repos/reportsLookups';
import { rate } from '../../../db/repos/reportsFilters';
import { resolveReportQuery, type ReportFilterInput } from './scope';

export const NOT_DIAGNOSED = 'Not diagnosed';
export const NO_SEGMENT = 'No segment';
export const CALLER_GROUP_LABELS: Record<string, string> = { executive: 'Executives', team: 'Recovery team' };

function reasonIndex(db: Db): Map<string, ReasonLabel> {
  return new Map(listReasonLabels(db).map((r) => [r.id, r]));
}

const labelled = (g: RecoveryGroup, label: string, extra: Partial<RecoveryRow> = {}): RecoveryRow => ({
  key: g.key,
  label,
  ...extra,
  calls: g.calls,
  recovered: g.recovered,
  recoveryRate: g.recoveryRate,
  recoveredRevenue: g.recoveredRevenue,
});

/** Recovery by reason, offer, segment, agent, and executives against the team. */
export function buildRecoveryReport(db: Db, filters: ReportFilterInput, user: Person | null): RecoveryReport {
  const q = resolveReportQuery(db, filters, user);
  const reasons = reasonIndex(db);
  const offers = offerNames(db);
  const people = peopleById(db);
  const total = recoveryBy(db, 'all', q)[0];
  return {
    totals: {
      calls: total?.calls ?? 0,
      recovered: total?.recovered ?? 0,
      recoveryRate: total?.recoveryRate ?? 0,
      recoveredRevenue: total?.recoveredRevenue ?? 0,
    },
    byReason: recoveryBy(db, 'reason', q).map((g) => {
      const r = g.key === null ? undefined : reasons.get(g.key);
      return labelled(g, r?.name ?? g.key ?? NOT_DIAGNOSED, { category: r?.categoryName ?? NOT_DIAGNOSED });
    }),
    byOffer: recoveryBy(db, 'offer', q).map((g) => labelled(g, (g.key !== null && offers.get(g.key)) || (g.key ?? ''))),
    bySegment: recoveryBy(db, 'segment', q).map((g) => labelled(g, g.key ?? NO_SEGMENT)),
    byAgent: recoveryBy(db, 'agent', q).map((g) => {
      const p = g.key === null ? undefined : people.get(g.key);
      return { ...labelled(g, p?.name ?? g.key ?? ''), role: p?.role ?? 'agent' };
    }),
    byCallerGroup: recoveryBy(db, 'callerGroup', q).map((g) => labelled(g, CALLER_GROUP_LABELS[g.key ?? ''] ?? g.key ?? '')),
  };
}

export function buildOfferMatrix(db: Db, filters: ReportFilterInput, user: Person | null): OfferMatrix {
  const q = resolveReportQuery(db, filters, user);
  const reasons = reasonIndex(db);
  const offers = offerNames(db);
  return {
    cells: offerMatrix(db, q).map((m) => {
      const r = m.reason_id === null ? undefined : reasons.get(m.reason_id);
      return {
        reasonId: m.reason_id,
        reason: r?.name ?? m.reason_id ?? NOT_DIAGNOSED,
        category: r?.categoryName ?? NOT_DIAGNOSED,
        offerId: m.offer_id,
        offer: offers.get(m.offer_id) ?? m.offer_id,
        offered: m.offered,
        accepted: m.accepted,
        recovered: m.recovered,
      };
    }),
  };
}

export function buildAgreement(db: Db, filters: ReportFilterInput, user: Person | null): AgreementReport {
  const q = resolveReportQuery(db, filters, user);
  const reasons = reasonIndex(db);
  const { counts, mismatches } = agreement(db, q);
  const name = (id: string) => reasons.get(id)?.name ?? id;
  return {
    compared: counts.compared,
    agreed: counts.agreed,
    rate: rate(counts.agreed, counts.compared),
    categoryAgreed: counts.category_agreed,
    categoryRate: rate(counts.category_agreed, counts.compared),
    notComparable: counts.not_comparable,
    mismatches: mismatches.map((m) => ({
      statedReasonId: m.stated_reason_id,
      stated: name(m.stated_reason_id),
      diagnosedReasonId: m.diagnosed_reason_id,
      diagnosed: name(m.diagnosed_reason_id),
      calls: m.calls,
    })),
  };
}
