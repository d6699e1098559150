import type { ImportPreview } from '../../../../shared/api/import';

const n = (x: number) => x.toLocaleString();

/** What an import will do, before anything is written: the counts, the cycles, the first problems. */
export function ImportPreviewView({ preview }: { preview: ImportPreview }) {
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
      {preview.warnings.map((w) => (
        <p key={w} role="status" className="import-warning">
          Check: {w}
        </p>
      ))}
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
