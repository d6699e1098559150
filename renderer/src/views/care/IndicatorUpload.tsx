import { useId, useState } from 'react';
import type { IndicatorImport } from '../../../../shared/api/care';
import { api } from '../../api/client';
import { useAppStore } from '../../store';

const cell = (n: number | null) => (n === null ? '—' : String(n));

export function IndicatorPreview({ result }: { result: IndicatorImport }) {
  return (
    <div className="indicator-preview">
      {result.errorCount > 0 ? (
        <div role="alert">
          <p>
            {result.errorCount} problem{result.errorCount === 1 ? '' : 's'} in {result.fileName}: nothing will be imported until the file is fixed.
          </p>
          <ul aria-label="Problems in the file">
            {result.errors.map((e, i) => (
              <li key={i}>
                {e.line === null ? 'File' : `Line ${e.line}`}
                {e.column ? `, ${e.column}` : ''}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p role="status">
          {result.applied
            ? `Imported indicators for ${result.rows} customer${result.rows === 1 ? '' : 's'}; their next review starts from them.`
            : `${result.rows} row${result.rows === 1 ? '' : 's'} ready to import from ${result.fileName}.`}
        </p>
      )}
      {result.ignoredColumns.length > 0 && <p className="muted">Columns not read: {result.ignoredColumns.join(', ')}.</p>}
      {!result.applied && result.errorCount === 0 && result.preview.length > 0 && (
        <table>
          <caption>Preview{result.rows > result.preview.length ? ` (first ${result.preview.length} of ${result.rows})` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Customer</th>
              <th scope="col">Service contacts</th>
              <th scope="col">Purchases</th>
              <th scope="col">Spend</th>
              <th scope="col">Support tickets</th>
              <th scope="col">Satisfaction</th>
            </tr>
          </thead>
          <tbody>
            {result.preview.map((p) => (
              <tr key={p.line}>
                <td>{p.line}</td>
                <th scope="row">{p.name ?? p.externalId}</th>
                <td>{cell(p.serviceContacts)}</td>
                <td>{cell(p.purchases)}</td>
                <td>{cell(p.spend)}</td>
                <td>{cell(p.supportTickets)}</td>
                <td>{cell(p.satisfaction)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * A manager's upload of indicator files: the file is checked and previewed first, then imported
 * whole with one more click. Nothing is written while any row has a problem.
 */
export function IndicatorUpload({ onImported }: { onImported: () => void }) {
  const id = useId();
  const reportError = useAppStore((s) => s.reportError);
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [result, setResult] = useState<IndicatorImport | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (f: { name: string; content: string }, dryRun: boolean) => {
    setBusy(true);
    try {
      const r = await api().call('care.importIndicators', { fileName: f.name, content: f.content, dryRun });
      setResult(r);
      if (r.applied) onImported();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const choose = async (picked: File | undefined) => {
    setResult(null);
    if (!picked) return setFile(null);
    const f = { name: picked.name, content: await picked.text() };
    setFile(f);
    await run(f, true);
  };

  return (
    <section className="indicator-upload" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Import indicators</h2>
      <p className="muted">
        A CSV keyed by customer id: <code>customer_id</code> and any of <code>service_contacts</code>, <code>purchases</code>, <code>spend</code>,{' '}
        <code>support_tickets</code>, <code>satisfaction</code> (1 to 5). They fill in the next review of each customer.
      </p>
      <label htmlFor={`${id}-file`}>Indicator file</label>
      <input id={`${id}-file`} type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => void choose(e.target.files?.[0])} />
      {result && <IndicatorPreview result={result} />}
      {file && result && !result.applied && result.errorCount === 0 && result.rows > 0 && (
        <button type="button" className="primary" disabled={busy} onClick={() => void run(file, false)}>
          Import {result.rows} row{result.rows === 1 ? '' : 's'}
        </button>
      )}
    </section>
  );
}
