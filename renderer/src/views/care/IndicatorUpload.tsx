import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { formatCount, formatMoney } from '../../lib/format';
import type { IndicatorImport } from '../../../../shared/api/care';
import { api } from '../../api/client';
import { useAppStore } from '../../store';

const cell = (n: number | null) => (n === null ? '—' : formatCount(n));

export function IndicatorPreview({ result }: { result: IndicatorImport }) {
  const { t } = useTranslation();
  return (
    <div className="indicator-preview">
      {result.errorCount > 0 ? (
        <div role="alert">
          <p>
            {t('care.indicators.problems', { count: result.errorCount, file: result.fileName })}
          </p>
          <ul aria-label={t('care.indicators.problemList')}>
            {result.errors.map((e, i) => (
              <li key={i}>
                {e.line === null ? t('care.indicators.wholeFile') : t('care.indicators.line', { line: e.line })}
                {e.column ? `, ${e.column}` : ''}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p role="status">
          {result.applied
            ? t('care.indicators.imported', { count: result.rows })
            : t('care.indicators.ready', { count: result.rows, file: result.fileName })}
        </p>
      )}
      {result.ignoredColumns.length > 0 && <p className="muted">{t('care.indicators.ignored', { columns: result.ignoredColumns.join(', ') })}</p>}
      {!result.applied && result.errorCount === 0 && result.preview.length > 0 && (
        <table>
          <caption>{result.rows > result.preview.length ? t('care.indicators.previewPart', { shown: result.preview.length, total: result.rows }) : t('care.indicators.preview')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('care.indicators.lineColumn')}</th>
              <th scope="col">{t('care.indicators.customer')}</th>
              <th scope="col">{t('care.indicators.serviceContacts')}</th>
              <th scope="col">{t('care.indicators.purchases')}</th>
              <th scope="col">{t('care.indicators.spend')}</th>
              <th scope="col">{t('care.indicators.supportTickets')}</th>
              <th scope="col">{t('care.indicators.satisfaction')}</th>
            </tr>
          </thead>
          <tbody>
            {result.preview.map((p) => (
              <tr key={p.line}>
                <td>{formatCount(p.line)}</td>
                <th scope="row">{p.name ?? p.externalId}</th>
                <td>{cell(p.serviceContacts)}</td>
                <td>{cell(p.purchases)}</td>
                <td>{p.spend === null ? '—' : formatMoney(p.spend)}</td>
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
  const { t } = useTranslation();

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
      <h2 id={`${id}-title`}>{t('care.indicators.title')}</h2>
      <p className="muted">
        <Trans i18nKey="care.indicators.help" components={{ 1: <code />, 3: <code />, 5: <code />, 7: <code />, 9: <code />, 11: <code /> }} />
      </p>
      <label htmlFor={`${id}-file`}>{t('care.indicators.file')}</label>
      <input id={`${id}-file`} type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => void choose(e.target.files?.[0])} />
      {result && <IndicatorPreview result={result} />}
      {file && result && !result.applied && result.errorCount === 0 && result.rows > 0 && (
        <button type="button" className="primary" disabled={busy} onClick={() => void run(file, false)}>
          {t('care.indicators.import', { count: result.rows })}
        </button>
      )}
    </section>
  );
}
