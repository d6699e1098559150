import type { ImportPreview } from '../../../../shared/api/import';
import type { ImportMapping } from '../../../../shared/domain/importMapping';

const n = (x: number) => x.toLocaleString();

type MappingChange = Pick<ImportMapping, 'dateFormat' | 'importActive'>;

const FORMATS = [
  { value: 'dmy', label: 'Day first (DD/MM/YYYY)' },
  { value: 'mdy', label: 'Month first (MM/DD/YYYY)' },
] as const;

/** How dates with slashes are read: said when the file showed it, asked when every date fits both. */
function DateFormatChoice({ dates, onChange }: { dates: ImportPreview['dates']; onChange: (change: MappingChange) => void }) {
  const format = dates.format;
  const why =
    format === null
      ? 'Every date in the file fits both readings, so its rows wait for your choice.'
      : dates.chosen
        ? 'As you chose.'
        : dates.example
          ? `Worked out from the file: “${dates.example.value}” (line ${dates.example.line}, ${dates.example.column}) can only be read ${format === 'dmy' ? 'day first' : 'month first'}.`
          : '';
  return (
    <div role="radiogroup" aria-labelledby="date-format-label" aria-describedby="date-format-why" className="date-format">
      <p id="date-format-label">
        <strong>Dates such as 03/04/2026 are written</strong>
      </p>
      {FORMATS.map((f) => (
        <label key={f.value} className="radio">
          <input type="radio" name="date-format" value={f.value} checked={format === f.value} onChange={() => onChange({ dateFormat: f.value })} />
          {f.label}
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
  if (preview.fileError) {
    return (
      <p className="field-error" role="alert">
        {preview.fileError}
      </p>
    );
  }
  return (
    <section aria-labelledby="preview-title" className="import-preview">
      <h3 id="preview-title">Preview</h3>
      <dl className="counts">
        <div>
          <dt>New departed customers</dt>
          <dd>{n(preview.newCount)}</dd>
        </div>
        <div>
          <dt>Already here, updated</dt>
          <dd>{n(preview.updatedCount)}</dd>
        </div>
        <div>
          <dt>Skipped (did not depart)</dt>
          <dd>{n(preview.skipped)}</dd>
        </div>
        {preview.active > 0 && (
          <div>
            <dt>Of those, still active (left out)</dt>
            <dd>{n(preview.active)}</dd>
          </div>
        )}
        <div>
          <dt>Invalid rows</dt>
          <dd>{n(preview.invalid)}</dd>
        </div>
        <div>
          <dt>No contact details (imported, not queued)</dt>
          <dd>{n(preview.noContact)}</dd>
        </div>
      </dl>
      <p className="muted">
        Read as {preview.encoding === 'utf8' ? 'UTF-8' : 'Windows-1252'} text separated by “{preview.separator}”.
        {preview.cycles.length > 0 && ` Cycles: ${preview.cycles.map((c) => `${c.name} (${n(c.customers)})`).join(', ')}.`}
      </p>
      {preview.warnings.length > 0 && (
        <ul aria-label="Before you import" className="import-warnings">
          {preview.warnings.map((w) => (
            <li key={w}>{w}</li>
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
          {mapping?.importActive === true ? 'Import active rows as departed anyway' : `Import the ${n(preview.active)} active rows as departed anyway`}
        </label>
      )}
      {onMappingChange && preview.dates.slashed && <DateFormatChoice dates={preview.dates} onChange={onMappingChange} />}
      {preview.unmapped.length > 0 && (
        <p>
          Stated reasons that map to no reason yet (kept as written; map them under “Unmapped reasons”):{' '}
          {preview.unmapped.map((u) => `“${u.text}” (${n(u.customers)})`).join(', ')}
        </p>
      )}
      {preview.errors.length > 0 && (
        <table className="errors">
          <caption>
            {preview.errors.length < preview.invalid ? `The first ${preview.errors.length} problems` : 'Problems'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Value</th>
              <th scope="col">What is wrong</th>
            </tr>
          </thead>
          <tbody>
            {preview.errors.map((e, i) => (
              <tr key={`${e.line}-${i}`}>
                <td>{e.line}</td>
                <td>{e.column ?? '—'}</td>
                <td>{e.value ?? '—'}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
