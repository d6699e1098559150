import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ImportPreview } from '../../../../shared/api/import';
import type { ImportMapping } from '../../../../shared/domain/importMapping';

import { formatCount as n } from '../../lib/format';
import { say, sayOr } from '../../i18n/said';

type MappingChange = Pick<ImportMapping, 'dateFormat' | 'importActive'>;

const FORMATS = ['dmy', 'mdy'] as const;

/** How dates with slashes are read: said when the file showed it, asked when every date fits both. */
function DateFormatChoice({ dates, onChange, t }: { dates: ImportPreview['dates']; onChange: (change: MappingChange) => void; t: TFunction }) {
  const format = dates.format;
  const why =
    format === null
      ? t('admin.preview.dates.undecided')
      : dates.chosen
        ? t('admin.preview.dates.chosen')
        : dates.example
          ? t(`admin.preview.dates.workedOut.${format}`, { value: dates.example.value, line: n(dates.example.line), column: dates.example.column })
          : '';
  return (
    <div role="radiogroup" aria-labelledby="date-format-label" aria-describedby="date-format-why" className="date-format">
      <p id="date-format-label">
        <strong>{t('admin.preview.dates.question')}</strong>
      </p>
      {FORMATS.map((f) => (
        <label key={f} className="radio">
          <input type="radio" name="date-format" value={f} checked={format === f} onChange={() => onChange({ dateFormat: f })} />
          {t(`admin.preview.dates.${f}`)}
        </label>
      ))}
      <p id="date-format-why" className={format === null ? 'field-error' : 'muted'}>
        {why}
      </p>
    </div>
  );
}

export interface ImportPreviewViewProps {
  preview: ImportPreview;
  /** The mapping the preview was made with. */
  mapping?: ImportMapping | null;
  /** A choice made in the preview (date format, active rows): the mapping changes and the file is read again. */
  onMappingChange?: (change: MappingChange) => void;
}

/** What an import will do, before anything is written: the counts, the cycles, the warnings, the first problems. */
export function ImportPreviewView({ preview, mapping, onMappingChange }: ImportPreviewViewProps) {
  const { t } = useTranslation();
  if (preview.fileError) {
    return (
      <p className="field-error" role="alert">
        {preview.fileError}
      </p>
    );
  }
  return (
    <section aria-labelledby="preview-title" className="import-preview">
      <h3 id="preview-title">{t('admin.preview.title')}</h3>
      <dl className="counts">
        <div>
          <dt>{t('admin.preview.new')}</dt>
          <dd>{n(preview.newCount)}</dd>
        </div>
        <div>
          <dt>{t('admin.preview.updated')}</dt>
          <dd>{n(preview.updatedCount)}</dd>
        </div>
        <div>
          <dt>{t('admin.preview.skipped')}</dt>
          <dd>{n(preview.skipped)}</dd>
        </div>
        {preview.active > 0 && (
          <div>
            <dt>{t('admin.preview.active')}</dt>
            <dd>{n(preview.active)}</dd>
          </div>
        )}
        <div>
          <dt>{t('admin.preview.invalid')}</dt>
          <dd>{n(preview.invalid)}</dd>
        </div>
        <div>
          <dt>{t('admin.preview.noContact')}</dt>
          <dd>{n(preview.noContact)}</dd>
        </div>
      </dl>
      <p className="muted">
        {t('admin.preview.readAs', { encoding: preview.encoding === 'utf8' ? 'UTF-8' : 'Windows-1252', separator: preview.separator })}
        {preview.cycles.length > 0 && ` ${t('admin.preview.cycles', { list: preview.cycles.map((c) => `${c.name} (${n(c.customers)})`).join(', ') })}`}
      </p>
      {preview.warnings.length > 0 && (
        <ul aria-label={t('admin.preview.warnings')} className="import-warnings">
          {preview.warnings.map((w) => (
            <li key={w.key}>{say(w, t)}</li>
          ))}
        </ul>
      )}
      {onMappingChange && (preview.active > 0 || mapping?.importActive === true) && (
        <label className="radio">
          <input
            type="checkbox"
            checked={mapping?.importActive === true}
            onChange={(e) => onMappingChange({ importActive: e.target.checked ? true : undefined })}
          />
          {mapping?.importActive === true ? t('admin.preview.importActiveOn') : t('admin.preview.importActive', { count: preview.active, total: n(preview.active) })}
        </label>
      )}
      {onMappingChange && preview.dates.slashed && <DateFormatChoice dates={preview.dates} onChange={onMappingChange} t={t} />}
      {preview.unmapped.length > 0 && (
        <p>
          {t('admin.preview.unmapped', { list: preview.unmapped.map((u) => `“${u.text}” (${n(u.customers)})`).join(', ') })}
        </p>
      )}
      {preview.errors.length > 0 && (
        <table className="errors">
          <caption>
            {preview.errors.length < preview.invalid ? t('admin.preview.firstProblems', { count: preview.errors.length, total: n(preview.errors.length) }) : t('admin.preview.problems')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.preview.line')}</th>
              <th scope="col">{t('admin.preview.column')}</th>
              <th scope="col">{t('admin.preview.value')}</th>
              <th scope="col">{t('admin.preview.wrong')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.errors.map((e, i) => (
              <tr key={`${e.line}-${i}`}>
                <td>{e.line}</td>
                <td>{e.column ?? '—'}</td>
                <td>{e.value ?? '—'}</td>
                <td>{sayOr(e.said, e.message, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
