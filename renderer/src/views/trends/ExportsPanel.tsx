import { EXPORT_DATASETS, EXPORT_DATASET_LABELS, type ExportDataset } from '../../../../shared/api/exports';
import { useAppStore } from '../../store';
import type { ExportProgress } from '../../store/exportsSlice';

function describe(p: ExportProgress): string {
  switch (p.phase) {
    case 'writing':
      return `Writing ${p.rows.toLocaleString()} of ${p.total.toLocaleString()} rows…`;
    case 'downloading':
      return `Saving ${Math.round(p.received / 1024).toLocaleString()} of ${Math.round(p.bytes / 1024).toLocaleString()} KB…`;
    case 'saved':
      return `Saved ${p.rows.toLocaleString()} rows as ${p.fileName}.`;
    case 'failed':
      return 'The export did not finish.';
  }
}

/** Writing rows counts for the first half of the bar, bringing the file over for the second. */
function fraction(p: ExportProgress): number {
  if (p.phase === 'saved') return 1;
  if (p.phase === 'downloading') return 0.5 + (p.bytes > 0 ? (p.received / p.bytes) * 0.5 : 0.5);
  return p.total > 0 ? (p.rows / p.total) * 0.5 : 0;
}

export function ExportRow({ dataset, progress, onStart }: { dataset: ExportDataset; progress: ExportProgress | undefined; onStart: () => void }) {
  const label = EXPORT_DATASET_LABELS[dataset];
  const busy = progress?.phase === 'writing' || progress?.phase === 'downloading';
  return (
    <li className="export-row">
      <button type="button" onClick={onStart} disabled={busy}>
        Export {label.toLowerCase()} (CSV)
      </button>
      {progress && (
        <>
          <progress max={1} value={fraction(progress)} aria-label={`Export of ${label.toLowerCase()}`} />
          <span className="muted" aria-live="polite">
            {describe(progress)}
          </span>
        </>
      )}
    </li>
  );
}

/** Whole tables out of the console: streamed by the backend, so a million calls stay fast. */
export function ExportsPanel() {
  const progress = useAppStore((s) => s.exportsProgress);
  const runExport = useAppStore((s) => s.runExport);
  return (
    <section className="chart-panel no-print" aria-labelledby="exports-title">
      <h2 id="exports-title">Exports</h2>
      <p className="muted">Whole tables as CSV for Excel or LibreOffice: UTF-8, and no cell can run as a formula.</p>
      <ul className="export-list">
        {EXPORT_DATASETS.map((d) => (
          <ExportRow key={d} dataset={d} progress={progress[d]} onStart={() => void runExport(d)} />
        ))}
      </ul>
    </section>
  );
}
