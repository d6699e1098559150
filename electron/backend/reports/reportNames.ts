import type { Db } from '../../../db/open';
import { listTaxonomyNames } from '../../../db/repos/taxonomyNames';
import { contentNames, type ContentNames, type OwnKind, type ReportLabels } from '../../../shared/content/contentNames';
import { isLanguage, type UiLanguage } from '../../../shared/i18n/languages';
import { translatorFor } from '../i18n';

/**
 * The shipped taxonomy and offers named for a reader of the printed report, by the same rule as on
 * their screen: the manager's own name for the reader's language, else a renamed entry's stored
 * name, else the catalogue's words for the shipped default.
 */
export function reportNamesFor(db: Db, language: UiLanguage): { names: ContentNames; labels: ReportLabels } {
  const t = translatorFor(language) as unknown as (key: string) => string;
  const own = listTaxonomyNames(db);
  // A pseudo-language tests the window's words; it has no names of a manager's.
  const shipped = isLanguage(language) ? language : null;
  const entries = (kind: OwnKind) => own[kind];
  const names = contentNames(t, {
    name: (kind, id) => (shipped === null ? undefined : entries(kind).find((e) => e.id === id)?.names[shipped]),
    idByText: (kind, stored) => entries(kind).find((e) => e.stored === stored)?.id,
  });
  const labels: ReportLabels = {
    notDiagnosed: t('trends.labels.notDiagnosed'),
    noSegment: t('trends.labels.noSegment'),
    executives: t('trends.labels.executives'),
    recoveryTeam: t('trends.labels.recoveryTeam'),
  };
  return { names, labels };
}
