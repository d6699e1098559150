import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import type { ImportProgressView } from '../../store/importSlice';
import { MappingEditor } from './MappingEditor';
import { ImportPreviewView } from './ImportPreviewView';
import { Field } from '../../components/Field';
import { formatCount, formattingLocaleNow } from '../../lib/format';

export function ImportProgressBar({ progress }: { progress: ImportProgressView }) {
  const { t } = useTranslation();
  const known = progress.total > 0;
  const label = t(`admin.import.progress.${progress.label}`);
  const percent = known ? Math.round((progress.done / progress.total) * 100) : null;
  return (
    <div className="import-progress">
      <progress aria-label={label} max={known ? progress.total : undefined} value={known ? progress.done : undefined} />
      <span aria-live="polite">
        {label}
        {percent !== null ? ` — ${new Intl.NumberFormat(formattingLocaleNow(), { style: 'percent' }).format(percent / 100)}` : '…'}
      </span>
    </div>
  );
}

/** Admin > Import: choose a file, correct the proposed mapping, preview, confirm. */
export function ImportSection() {
  const { t } = useTranslation();
  const phase = useAppStore((s) => s.importPhase);
  const fileName = useAppStore((s) => s.importFileName);
  const inspection = useAppStore((s) => s.importInspection);
  const mapping = useAppStore((s) => s.importMapping);
  const cycle = useAppStore((s) => s.importCycle);
  const preview = useAppStore((s) => s.importPreview);
  const result = useAppStore((s) => s.importResult);
  const progress = useAppStore((s) => s.importProgress);
  const choose = useAppStore((s) => s.chooseImportFile);
  const setMapping = useAppStore((s) => s.setImportMapping);
  const setCycle = useAppStore((s) => s.setImportCycle);
  const runPreview = useAppStore((s) => s.previewImport);
  const commit = useAppStore((s) => s.commitImport);
  const saveMapping = useAppStore((s) => s.saveImportMapping);
  const reset = useAppStore((s) => s.resetImport);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [mappingName, setMappingName] = useState('');
  const busy = phase === 'uploading' || phase === 'previewing' || phase === 'writing';
  const writable = preview !== null && preview.fileError === null && preview.newCount + preview.updatedCount > 0;
  const blockedByInvalid = preview !== null && preview.invalid > 0 && !skipInvalid;

  return (
    <section aria-labelledby="import-title" className="admin-section">
      <h2 id="import-title">{t('admin.import.title')}</h2>
      <p className="muted">{t('admin.import.intro')}</p>
      <Field label={t('admin.import.file')}>
        {(id) => (
          <input
            id={id}
            type="file"
            accept=".csv,text/csv,text/plain"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) {
                setSkipInvalid(false);
                void choose(file);
              }
            }}
          />
        )}
      </Field>
      {fileName && <p>{t('admin.import.fileName', { name: fileName })}</p>}
      {progress && <ImportProgressBar progress={progress} />}

      {inspection && mapping && phase !== 'done' && (
        <>
          {inspection.saved.length > 0 && (
            <Field label={t('admin.import.savedMapping')}>
              {(id) => (
                <select
                  id={id}
                  value=""
                  onChange={(e) => {
                    const saved = inspection.saved.find((m) => m.name === e.target.value);
                    if (saved) setMapping(saved.mapping);
                  }}
                >
                  <option value="">{t('admin.choose')}</option>
                  {inspection.saved.map((m) => (
                    <option key={m.name} value={m.name}>
                      {m.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <MappingEditor headers={inspection.headers} mapping={mapping} onChange={setMapping} />
          <div className="row">
            <Field label={t('admin.import.cycle')}>
              {(id) => (
                <input
                  id={id}
                  value={cycle}
                  placeholder={t('admin.import.cyclePlaceholder')}
                  onChange={(e) => setCycle(e.target.value)}
                />
              )}
            </Field>
          </div>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (mappingName.trim()) void saveMapping(mappingName.trim());
            }}
          >
            <Field label={t('admin.import.saveAs')}>
              {(id) => <input id={id} value={mappingName} onChange={(e) => setMappingName(e.target.value)} maxLength={80} />}
            </Field>
            <button type="submit" disabled={mappingName.trim() === ''}>
              {t('admin.import.saveMapping')}
            </button>
          </form>
          <div className="row">
            <button type="button" className="primary" disabled={busy} onClick={() => void runPreview()}>
              {t('admin.import.preview')}
            </button>
            <button type="button" disabled={busy} onClick={() => void reset()}>
              {t('admin.cancel')}
            </button>
          </div>
        </>
      )}

      {preview && phase !== 'done' && (
        <>
          <ImportPreviewView
            preview={preview}
            mapping={mapping}
            onMappingChange={(change) => {
              if (!mapping) return;
              const next = { ...mapping, ...change };
              if (next.importActive === undefined) delete next.importActive;
              setMapping(next);
              void runPreview();
            }}
          />
          {writable && (
            <div className="row">
              {preview.invalid > 0 && (
                <label className="radio">
                  <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
                  {t('admin.import.skipInvalid', { count: preview.invalid, total: formatCount(preview.invalid) })}
                </label>
              )}
              <button
                type="button"
                className="primary"
                disabled={busy || blockedByInvalid}
                onClick={() => void commit(skipInvalid)}
              >
                {t('admin.import.commit', { count: preview.newCount + preview.updatedCount, total: formatCount(preview.newCount + preview.updatedCount) })}
              </button>
            </div>
          )}
        </>
      )}

      {phase === 'done' && result && (
        <div role="status" className="import-result">
          <p>
            {t('admin.import.done.written', {
              imported: formatCount(result.imported),
              updated: formatCount(result.updated),
              skipped: formatCount(result.skipped),
              invalid: formatCount(result.invalid),
            })}
          </p>
          <p>
            {t('admin.import.done.queued', {
              noContact: formatCount(result.noContact),
              unmapped: formatCount(result.unmapped),
              count: result.selected,
              selected: formatCount(result.selected),
            })}
          </p>
          {result.suppressed > 0 && <p>{t('admin.import.done.suppressed', { count: result.suppressed, total: formatCount(result.suppressed) })}</p>}
          <button type="button" onClick={() => void reset()}>
            {t('admin.import.another')}
          </button>
        </div>
      )}
    </section>
  );
}
