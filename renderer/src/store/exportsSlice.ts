import type { ExportDataset } from '../../../shared/api/exports';
import { api } from '../api/client';
import { CSV_TYPE, saveBlob } from '../lib/download';
import type { Slice } from './types';

export interface ExportProgress {
  /** Writing rows in the backend, then bringing the file over, then saved (or failed). */
  phase: 'writing' | 'downloading' | 'saved' | 'failed';
  fileName: string;
  rows: number;
  total: number;
  bytes: number;
  received: number;
}

export interface ExportsSlice {
  exportsProgress: Partial<Record<ExportDataset, ExportProgress>>;
  runExport: (dataset: ExportDataset) => Promise<void>;
}

const POLL_MS = 200;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const createExportsSlice: Slice<ExportsSlice> = (set, get) => {
  const update = (dataset: ExportDataset, patch: Partial<ExportProgress>) =>
    set((s) => {
      const current = s.exportsProgress[dataset];
      if (!current) return {};
      return { exportsProgress: { ...s.exportsProgress, [dataset]: { ...current, ...patch } } };
    });
  return {
    exportsProgress: {},
    runExport: async (dataset) => {
      const client = api();
      let jobId: string | null = null;
      try {
        let status = await client.call('exports.start', { dataset, bom: true });
        jobId = status.jobId;
        set((s) => ({
          exportsProgress: {
            ...s.exportsProgress,
            [dataset]: { phase: 'writing', fileName: status.fileName, rows: 0, total: status.total, bytes: 0, received: 0 },
          },
        }));
        while (status.state === 'running') {
          await wait(POLL_MS);
          status = await client.call('exports.status', { jobId: status.jobId });
          update(dataset, { rows: status.rows, total: status.total, bytes: status.bytes });
        }
        if (status.state === 'failed') throw new Error(status.error ?? 'The export failed.');
        update(dataset, { phase: 'downloading', rows: status.rows, bytes: status.bytes });
        // Each part becomes a Blob at once: the browser keeps blob data outside the page's memory
        // (on disk when large), so a file of hundreds of megabytes does not pile up as strings.
        const parts: Blob[] = [];
        let offset = 0;
        for (;;) {
          const part = await client.call('exports.read', { jobId: status.jobId, offset });
          parts.push(new Blob([part.text], { type: CSV_TYPE }));
          offset = part.nextOffset;
          update(dataset, { received: offset });
          if (part.done) break;
        }
        saveBlob(status.fileName, new Blob(parts, { type: CSV_TYPE }));
        update(dataset, { phase: 'saved' });
        get().notify('info', `Saved ${status.rows.toLocaleString()} rows to ${status.fileName}.`);
      } catch (error) {
        update(dataset, { phase: 'failed' });
        get().reportError(error);
      } finally {
        if (jobId !== null) await client.call('exports.discard', { jobId }).catch(() => undefined);
      }
    },
  };
};
