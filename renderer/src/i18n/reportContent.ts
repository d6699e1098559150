import type { TFunction } from 'i18next';
import type { AgreementReport, OfferMatrix, RecoveryReport, RecoveryRow } from '../../../shared/api/reports';
import type { ReasonsReport } from '../../../shared/reports/reasons';
import { categoryName, categoryText, offerName, reasonName } from './content';

/**
 * The reports' rows with the shipped taxonomy and offers in the person's language, before any chart,
 * table or CSV reads them. Reports name reasons, categories and offers by their stored text beside
 * their ids (content.ts says why the database keeps one text per id); a manager's own names, and a
 * stated reason the import could not map, show as written.
 */
export function localiseReasonsReport(t: TFunction, report: ReasonsReport): ReasonsReport {
  return {
    ...report,
    rows: report.rows.map((r) => ({
      ...r,
      category: r.categoryId === null ? r.category : categoryName(t, r.categoryId, r.category),
      reason: r.reasonId === null ? r.reason : reasonName(t, r.reasonId, r.reason),
    })),
  };
}

/** The backend names a row without a key in English ("Not diagnosed"): said here by the catalogue. */
function recoveryRows(rows: RecoveryRow[], label: (key: string, stored: string) => string, none?: string): RecoveryRow[] {
  return rows.map((r) => ({ ...r, label: r.key === null ? (none ?? r.label) : label(r.key, r.label) }));
}

export function localiseRecoveryReport(t: TFunction, report: RecoveryReport): RecoveryReport {
  const notDiagnosed = t('trends.labels.notDiagnosed');
  const groups: Record<string, string> = { executive: t('trends.labels.executives'), team: t('trends.labels.recoveryTeam') };
  return {
    ...report,
    byReason: recoveryRows(report.byReason, (key, stored) => reasonName(t, key, stored), notDiagnosed).map((r) =>
      r.category === undefined ? r : { ...r, category: r.key === null ? notDiagnosed : categoryText(t, r.category) },
    ),
    byOffer: recoveryRows(report.byOffer, (key, stored) => offerName(t, key, stored)),
    bySegment: recoveryRows(report.bySegment, (_key, stored) => stored, t('trends.labels.noSegment')),
    byCallerGroup: recoveryRows(report.byCallerGroup, (key, stored) => groups[key] ?? stored),
  };
}

export function localiseOfferMatrix(t: TFunction, matrix: OfferMatrix): OfferMatrix {
  return {
    cells: matrix.cells.map((c) => ({
      ...c,
      reason: c.reasonId === null ? t('trends.labels.notDiagnosed') : reasonName(t, c.reasonId, c.reason),
      category: c.reasonId === null ? t('trends.labels.notDiagnosed') : categoryText(t, c.category),
      offer: offerName(t, c.offerId, c.offer),
    })),
  };
}

export function localiseAgreement(t: TFunction, report: AgreementReport): AgreementReport {
  return {
    ...report,
    mismatches: report.mismatches.map((m) => ({
      ...m,
      stated: reasonName(t, m.statedReasonId, m.stated),
      diagnosed: reasonName(t, m.diagnosedReasonId, m.diagnosed),
    })),
  };
}
