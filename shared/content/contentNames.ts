import type { AgreementReport, OfferMatrix, RecoveryReport, RecoveryRow } from '../api/reports';
import type { ReasonsReport } from '../reports/reasons';
import type { OfferEconomicsReport, OfferEconomicsRow } from '../reports/offerEconomics';
import { DEFAULT_OFFERS } from '../domain/offers';
import { DEFAULT_TAXONOMY } from '../domain/taxonomy';
import { nameToShow } from '../i18n/taxonomyNames';

/**
 * The shipped taxonomy and offers named in one language, for the window (renderer/src/i18n/content.ts)
 * and the printed report alike, so both follow the one rule (`nameToShow`). The database keeps one
 * canonical text per id; a default still carrying its default text is said by the catalogue's
 * `content.*` key, a manager's own name for the language wins over both.
 */
const CATEGORIES = new Map(DEFAULT_TAXONOMY.map((c) => [c.id, c]));
const REASONS = new Map(DEFAULT_TAXONOMY.flatMap((c) => c.reasons.map((r) => [r.id, r.name] as const)));
const OFFERS = new Map(DEFAULT_OFFERS.map((o) => [o.id, o]));
/** Earlier calls in a briefing and some report rows carry the text only, not the id. */
const REASON_BY_TEXT = new Map([...REASONS].map(([id, name]) => [name, id] as const));
const CATEGORY_BY_TEXT = new Map(DEFAULT_TAXONOMY.map((c) => [c.name, c.id] as const));
const OFFER_BY_TEXT = new Map(DEFAULT_OFFERS.map((o) => [o.name, o.id] as const));

/** A catalogue lookup by a key built from an id (so not checkable against the catalogue's type). */
export type SayKey = (key: string) => string;

export type OwnKind = 'reasons' | 'categories';
/** Where a manager's own names for the language are found. */
export interface OwnNamesLookup {
  name: (kind: OwnKind, id: string) => string | undefined;
  /** An entry with own names, by its stored text. */
  idByText: (kind: OwnKind, stored: string) => string | undefined;
}

export const NO_OWN_LOOKUP: OwnNamesLookup = { name: () => undefined, idByText: () => undefined };

export interface ContentNames {
  reason: (id: string, stored: string) => string;
  reasonText: (stored: string) => string;
  category: (id: string, stored: string) => string;
  categoryText: (stored: string) => string;
  categoryApproach: (id: string, stored: string) => string;
  offer: (id: string, stored: string) => string;
  offerText: (stored: string) => string;
  offerTalkingPoints: (id: string, stored: string) => string;
}

export function contentNames(say: SayKey, own: OwnNamesLookup): ContentNames {
  const reason = (id: string, stored: string) => nameToShow(own.name('reasons', id), stored, REASONS.get(id), () => say(`content.reasons.${id}`));
  const category = (id: string, stored: string) => nameToShow(own.name('categories', id), stored, CATEGORIES.get(id)?.name, () => say(`content.categories.${id}.name`));
  const offer = (id: string, stored: string) => (OFFERS.get(id)?.name === stored ? say(`content.offers.${id}.name`) : stored);
  return {
    reason,
    reasonText: (stored) => {
      const id = own.idByText('reasons', stored) ?? REASON_BY_TEXT.get(stored);
      return id ? reason(id, stored) : stored;
    },
    category,
    categoryText: (stored) => {
      const id = own.idByText('categories', stored) ?? CATEGORY_BY_TEXT.get(stored);
      return id ? category(id, stored) : stored;
    },
    categoryApproach: (id, stored) => (CATEGORIES.get(id)?.approach === stored ? say(`content.categories.${id}.approach`) : stored),
    offer,
    offerText: (stored) => {
      const id = OFFER_BY_TEXT.get(stored);
      return id ? say(`content.offers.${id}.name`) : stored;
    },
    offerTalkingPoints: (id, stored) => (OFFERS.get(id)?.talkingPoints === stored ? say(`content.offers.${id}.talkingPoints`) : stored),
  };
}

/**
 * The reports' rows with the shipped taxonomy and offers in the reader's language, before any chart,
 * table, CSV or printed page reads them. A stated reason the import could not map shows as written.
 */
export function localiseReasonsReport(n: ContentNames, report: ReasonsReport): ReasonsReport {
  return {
    ...report,
    rows: report.rows.map((r) => ({
      ...r,
      category: r.categoryId === null ? r.category : n.category(r.categoryId, r.category),
      reason: r.reasonId === null ? r.reason : n.reason(r.reasonId, r.reason),
    })),
  };
}

/** The backend names a row without a key in English ("Not diagnosed"): said by the catalogue instead. */
function recoveryRows(rows: RecoveryRow[], label: (key: string, stored: string) => string, none?: string): RecoveryRow[] {
  return rows.map((r) => ({ ...r, label: r.key === null ? (none ?? r.label) : label(r.key, r.label) }));
}

/** The labels a report says itself, from the catalogue's `trends.labels`. */
export interface ReportLabels {
  notDiagnosed: string;
  noSegment: string;
  executives: string;
  recoveryTeam: string;
}

export function localiseRecoveryReport(n: ContentNames, labels: ReportLabels, report: RecoveryReport): RecoveryReport {
  const groups: Record<string, string> = { executive: labels.executives, team: labels.recoveryTeam };
  return {
    ...report,
    byReason: recoveryRows(report.byReason, (key, stored) => n.reason(key, stored), labels.notDiagnosed).map((r) =>
      r.category === undefined ? r : { ...r, category: r.key === null ? labels.notDiagnosed : n.categoryText(r.category) },
    ),
    byOffer: recoveryRows(report.byOffer, (key, stored) => n.offer(key, stored)),
    bySegment: recoveryRows(report.bySegment, (_key, stored) => stored, labels.noSegment),
    byCallerGroup: recoveryRows(report.byCallerGroup, (key, stored) => groups[key] ?? stored),
  };
}

export function localiseOfferMatrix(n: ContentNames, labels: ReportLabels, matrix: OfferMatrix): OfferMatrix {
  return {
    cells: matrix.cells.map((c) => ({
      ...c,
      reason: c.reasonId === null ? labels.notDiagnosed : n.reason(c.reasonId, c.reason),
      category: c.reasonId === null ? labels.notDiagnosed : n.categoryText(c.category),
      offer: n.offer(c.offerId, c.offer),
    })),
  };
}

export function localiseAgreement(n: ContentNames, report: AgreementReport): AgreementReport {
  return {
    ...report,
    mismatches: report.mismatches.map((m) => ({
      ...m,
      stated: n.reason(m.statedReasonId, m.stated),
      diagnosed: n.reason(m.diagnosedReasonId, m.diagnosed),
    })),
  };
}

/** Offer economics with shipped offers and reasons in the reader's language (the printed report's table). */
export function localiseOfferEconomics(n: ContentNames, report: OfferEconomicsReport): OfferEconomicsReport {
  const named = (r: OfferEconomicsRow): OfferEconomicsRow => ({
    ...r,
    offer: n.offer(r.offerId, r.offer),
    reason: r.reasonId === null ? r.reason : n.reason(r.reasonId, r.reason),
  });
  return { ...report, rows: report.rows.map(named), byOffer: report.byOffer.map(named) };
}
