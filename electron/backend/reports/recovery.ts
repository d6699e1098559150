import type { AgreementReport, OfferMatrix, RecoveryReport, RecoveryRow } from '../../../shared/api/reports';
import type { Person } from '../../../shared/api/session';
import type { Db } from '../../../db/open';
import type { RecoveryGroup } from '../../../db/repos/reportsRecovery';
import type { Logger } from '../types';
import { runReport } from '../reportWorkers/runner';
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
export async function buildRecoveryReport(db: Db, filters: ReportFilterInput, user: Person | null, log?: Logger): Promise<RecoveryReport> {
  const q = resolveReportQuery(db, filters, user);
  const groups = await runReport(db, { kind: 'recovery', query: q }, log);
  const reasons = reasonIndex(db);
  const offers = offerNames(db);
  const people = peopleById(db);
  const total = groups.all[0];
  return {
    totals: {
      calls: total?.calls ?? 0,
      recovered: total?.recovered ?? 0,
      recoveryRate: total?.recoveryRate ?? 0,
      recoveredRevenue: total?.recoveredRevenue ?? 0,
    },
    byReason: groups.reason.map((g) => {
      const r = g.key === null ? undefined : reasons.get(g.key);
      return labelled(g, r?.name ?? g.key ?? NOT_DIAGNOSED, { category: r?.categoryName ?? NOT_DIAGNOSED });
    }),
    byOffer: groups.offer.map((g) => labelled(g, (g.key !== null && offers.get(g.key)) || (g.key ?? ''))),
    bySegment: groups.segment.map((g) => labelled(g, g.key ?? NO_SEGMENT)),
    byAgent: groups.agent.map((g) => {
      const p = g.key === null ? undefined : people.get(g.key);
      return { ...labelled(g, p?.name ?? g.key ?? ''), role: p?.role ?? 'agent' };
    }),
    byCallerGroup: groups.callerGroup.map((g) => labelled(g, CALLER_GROUP_LABELS[g.key ?? ''] ?? g.key ?? '')),
  };
}

export async function buildOfferMatrix(db: Db, filters: ReportFilterInput, user: Person | null, log?: Logger): Promise<OfferMatrix> {
  const q = resolveReportQuery(db, filters, user);
  const cells = await runReport(db, { kind: 'offerMatrix', query: q }, log);
  const reasons = reasonIndex(db);
  const offers = offerNames(db);
  return {
    cells: cells.map((m) => {
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

export async function buildAgreement(db: Db, filters: ReportFilterInput, user: Person | null, log?: Logger): Promise<AgreementReport> {
  const q = resolveReportQuery(db, filters, user);
  const { counts, mismatches } = await runReport(db, { kind: 'agreement', query: q }, log);
  const reasons = reasonIndex(db);
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
