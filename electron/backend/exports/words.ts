import type { ExportDataset } from '../../../shared/api/exports';
import { en } from '../../../shared/i18n/messages/en/index';
import type { UiLanguage } from '../../../shared/i18n/languages';
import type { Db } from '../../../db/open';
import { translatorFor } from '../i18n';
import { organisationCurrency } from '../locale/settings';
import type { ExportLabels, ExportWords } from './datasets';

/** Amount columns: their header names the currency, since their cells are bare numbers. */
const AMOUNTS = new Set(['monthlyRevenue', 'revenueAtStake']);

/**
 * A CSV file's words in the language of the person exporting (English for the command line), with
 * the organisation's currency in the headers of amount columns: "Monthly revenue (EUR)".
 */
export function exportWords(language: UiLanguage, currency: string): ExportWords {
  const t = translatorFor(language) as unknown as (key: string, options?: Record<string, string>) => string;
  const headers: Record<string, string> = {};
  const datasets = en.csvExport as Record<ExportDataset, Record<string, string>> & Record<string, unknown>;
  for (const dataset of ['customers', 'calls', 'feedback', 'issues'] as const) {
    for (const key of Object.keys(datasets[dataset])) {
      const header = t(`csvExport.${dataset}.${key}`);
      headers[`${dataset}.${key}`] = AMOUNTS.has(key) ? t('csvExport.amount', { header, currency }) : header;
    }
  }
  // Codes become the person's words; every code of a group has a key (the catalogue tests say so).
  const group = (prefix: string, codes: Record<string, unknown>) =>
    Object.fromEntries(Object.keys(codes).map((code) => [code, t(`${prefix}.${code}`)]));
  const labels: ExportLabels = {
    outcome: group('card.outcome', en.card.outcome),
    // The card says them inside a sentence ("no"); a cell starts with its answer ("No (2026-11-16)").
    consent: Object.fromEntries(Object.entries(group('card.consent.answer', en.card.consent.answer)).map(([code, word]) => [code, word.charAt(0).toLocaleUpperCase(language) + word.slice(1)])),
    issueStatus: group('issues.status', en.issues.status),
  };
  return { headers, yes: t('csvExport.yes'), no: t('csvExport.no'), labels };
}

/** The words for an export of this database: its organisation's currency, in this language. */
export function exportWordsFor(db: Db, language: UiLanguage): ExportWords {
  return exportWords(language, organisationCurrency(db).currency);
}
