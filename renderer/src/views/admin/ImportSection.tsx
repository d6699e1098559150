import { useState } from 'react';
import { useAppStore } from '../../store';
import type { ImportProgressView } from '../../store/importSlice';
import { MappingEditor } from './MappingEditor';
import { ImportPreviewView } from './ImportPreviewView';
import { Field } from '../../components/Field';

export function ImportProgressBar({ progress }: { progress: ImportProgressView }) {
  const known = progress.total > 0;
  const percent = known ? Math.round((progress.done / progress.total) * 100) : null;
  return (
    <div className="import-progress">
      <progress aria-label={progress.label} max={known ? progress.total : undefined} value={known ? progress.done : undefined} />
      <span aria-live="polite">
        {progress.label}
        {percent !== null ? ` — ${percent}%` : '…'}
      </span>
    </div>
  );
}

/** Admin > Import: choose a file, correct the proposed mapping, preview, confirm. */
export function ImportSection() {
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
      <h2 id="import-title">Import departed customers</h2>
      <p className="muted">
        A CSV export, comma or semicolon separated, UTF-8 or Windows-1252. Nothing is written until you confirm, and then all of
        it is written at once or nothing is.
      </p>
      <Field label="CSV file">
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
      {fileName && <p>File: {fileName}</p>}
      {progress && <ImportProgressBar progress={progress} />}

      {inspection && mapping && phase !== 'done' && (
        <>
          {inspection.saved.length > 0 && (
            <Field label="Use a saved mapping">
              {(id) => (
                <select
                  id={id}
                  value=""
                  onChange={(e) => {
                    const saved = inspection.saved.find((m) => m.name === e.target.value);
                    if (saved) setMapping(saved.mapping);
                  }}
                >
                  <option value="">— choose —</option>
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
            <Field label="Cycle for customers without a departure date">
              {(id) => (
                <input
                  id={id}
                  value={cycle}
                  placeholder="the current one, or e.g. 2026-11"
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
            <Field label="Save this mapping as">
              {(id) => <input id={id} value={mappingName} onChange={(e) => setMappingName(e.target.value)} maxLength={80} />}
            </Field>
            <button type="submit" disabled={mappingName.trim() === ''}>
              Save mapping
            </button>
          </form>
          <div className="row">
            <button type="button" className="primary" disabled={busy} onClick={() => void runPreview()}>
              Preview
            </button>
            <button type="button" disabled={busy} onClick={() => void reset()}>
              Cancel
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
                  Skip the {preview.invalid.toLocaleString()} invalid rows and import the rest
                </label>
              )}
              <button
                type="button"
                className="primary"
                disabled={busy || blockedByInvalid}
                onClick={() => void commit(skipInvalid)}
              >
                Import {(preview.newCount + preview.updatedCount).toLocaleString()} customers
              </button>
            </div>
          )}
        </>
      )}

      {phase === 'done' && result && (
        <div role="status" className="import-result">
          <p>
            Imported {result.imported.toLocaleString()} new departed customers and updated {result.updated.toLocaleString()};
            skipped {result.skipped.toLocaleString()} that did not depart; {result.invalid.toLocaleString()} invalid rows left
            out.
          </p>
          <p>
            {result.noContact.toLocaleString()} without contact details (not queued); {result.unmapped.toLocaleString()} with an
            unmapped stated reason. {result.selected.toLocaleString()} customers are in the queue now.
          </p>
          {result.suppressed > 0 && (
            <p>{result.suppressed.toLocaleString()} are on the contact-permission ledger: imported and counted, but not queued.</p>
          )}
          <button type="button" onClick={() => void reset()}>
            Import another file
          </button>
        </div>
      )}
    </section>
  );
}
