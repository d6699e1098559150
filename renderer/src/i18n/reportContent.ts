import type { TFunction } from 'i18next';
import type { AgreementReport, OfferMatrix, RecoveryReport } from '../../../shared/api/reports';
import type { ReasonsReport } from '../../../shared/reports/reasons';
import * as shared from '../../../shared/content/contentNames';
import { namesIn } from './content';

/**
 * The reports' rows with the shipped taxonomy and offers in the person's language, before any chart,
 * table or CSV reads them: the same as the printed report's (shared/i18n/contentNames.ts), named
 * through the window's catalogue and the manager's own names (./content.ts).
 */
const labels = (t: TFunction): shared.ReportLabels => ({
  notDiagnosed: t('trends.labels.notDiagnosed'),
  noSegment: t('trends.labels.noSegment'),
  executives: t('trends.labels.executives'),
  recoveryTeam: t('trends.labels.recoveryTeam'),
});

export function localiseReasonsReport(t: TFunction, report: ReasonsReport): ReasonsReport {
  return shared.localiseReasonsReport(namesIn(t), report);
}

export function localiseRecoveryReport(t: TFunction, report: RecoveryReport): RecoveryReport {
  return shared.localiseRecoveryReport(namesIn(t), labels(t), report);
}

export function localiseOfferMatrix(t: TFunction, matrix: OfferMatrix): OfferMatrix {
  return shared.localiseOfferMatrix(namesIn(t), labels(t), matrix);
}

export function localiseAgreement(t: TFunction, report: AgreementReport): AgreementReport {
  return shared.localiseAgreement(namesIn(t), report);
}
