import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { EXPORT_DATASETS, type ExportDataset } from '../../../../shared/api/exports';
import { useAppStore } from '../../store';
import type { ExportProgress } from '../../store/exportsSlice';
import { formatCount } from '../../lib/format';

function describe(p: ExportProgress, t: TFunction): string {
  switch (p.phase) {
    case 'writing':
      return t('trends.exports.writing', { rows: formatCount(p.rows), total: formatCount(p.total) });
    case 'downloading':
      return t('trends.exports.downloading', { received: formatCount(Math.round(p.received / 1024)), bytes: formatCount(Math.round(p.bytes / 1024)) });
    case 'saved':
      return t('trends.exports.saved', { count: p.rows, fileName: p.fileName });
    case 'failed':
      return t('trends.exports.failed');
  }
}

/** Writing rows counts for the first half of the bar, bringing the file over for the second. */
function fraction(p: ExportProgress): number {
  if (p.phase === 'saved') return 1;
  if (p.phase === 'downloading') return 0.5 + (p.bytes > 0 ? (p.received / p.bytes) * 0.5 : 0.5);
  return p.total > 0 ? (p.rows / p.total) * 0.5 : 0;
}

export function ExportRow({ dataset, progress, onStart }: { dataset: ExportDataset; progress: ExportProgress | undefined; onStart: () => void }) {
  const { t } = useTranslation();
  const label = t(`trends.exports.dataset.${dataset}`);
  const busy = progress?.phase === 'writing' || progress?.phase === 'downloading';
  return (
    <li className="export-row">
      <button type="button" onClick={onStart} disabled={busy}>
        {t('trends.exports.button', { dataset: label })}
      </button>
      {progress && (
        <>
          <progress max={1} value={fraction(progress)} aria-label={t('trends.exports.progress', { dataset: label })} />
          <span className="muted" aria-live="polite">
            {describe(progress, t)}
          </span>
        </>
      )}
    </li>
  );
}

/** Whole tables out of the console: streamed by the backend, so a million calls stay fast. */
export function ExportsPanel() {
  const { t } = useTranslation();
  const progress = useAppStore((s) => s.exportsProgress);
  const runExport = useAppStore((s) => s.runExport);
  return (
    <section className="chart-panel no-print" aria-labelledby="exports-title">
      <h2 id="exports-title">{t('trends.exports.title')}</h2>
      <p className="muted">{t('trends.exports.hint')}</p>
      <ul className="export-list">
        {EXPORT_DATASETS.map((d) => (
          <ExportRow key={d} dataset={d} progress={progress[d]} onStart={() => void runExport(d)} />
        ))}
      </ul>
    </section>
  );
}
