import type { ChannelOutput } from '../../../shared/api';
import type { ImportPreview, ImportResult } from '../../../shared/api/import';
import type { ImportMapping } from '../../../shared/domain/importMapping';
import { api } from '../api/client';
import type { Slice } from './types';

export type ImportPhase = 'idle' | 'uploading' | 'mapping' | 'previewing' | 'previewed' | 'writing' | 'done';
export type ImportInspection = ChannelOutput<'import.inspect'>;

export interface ImportProgressView {
  /** Which step the import is at; the window says it in the person's language. */
  label: 'sending' | 'reading' | 'writing';
  done: number;
  total: number;
}

export interface ImportSlice {
  importPhase: ImportPhase;
  importFileName: string | null;
  importUploadId: string | null;
  importInspection: ImportInspection | null;
  importMapping: ImportMapping | null;
  /** The cycle for customers without a departure date; blank means the current one. */
  importCycle: string;
  importPreview: ImportPreview | null;
  importResult: ImportResult | null;
  importProgress: ImportProgressView | null;
  chooseImportFile: (file: File) => Promise<void>;
  setImportMapping: (mapping: ImportMapping) => void;
  setImportCycle: (cycle: string) => void;
  previewImport: () => Promise<void>;
  commitImport: (skipInvalid: boolean) => Promise<void>;
  saveImportMapping: (name: string) => Promise<boolean>;
  resetImport: () => Promise<void>;
}

const PROGRESS_POLL_MS = 250;

/** The browser transport carries JSON, so each part of the file travels as base64. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function readPart(file: Blob, start: number, end: number): Promise<Uint8Array> {
  const part = file.slice(start, end);
  if (typeof part.arrayBuffer === 'function') return new Uint8Array(await part.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(new Error('The file could not be read.'));
    reader.readAsArrayBuffer(part);
  });
}

const initial = {
  importPhase: 'idle' as ImportPhase,
  importFileName: null,
  importUploadId: null,
  importInspection: null,
  importMapping: null,
  importCycle: '',
  importPreview: null,
  importResult: null,
  importProgress: null,
};

export const createImportSlice: Slice<ImportSlice> = (set, get) => ({
  ...initial,
  chooseImportFile: async (file) => {
    await get().resetImport();
    set({
      importPhase: 'uploading',
      importFileName: file.name,
      importProgress: { label: 'sending', done: 0, total: file.size },
    });
    try {
      const { uploadId, chunkBytes } = await api().call('import.begin', { fileName: file.name, size: file.size });
      set({ importUploadId: uploadId });
      for (let offset = 0; offset < file.size; offset += chunkBytes) {
        const bytes = await readPart(file, offset, Math.min(file.size, offset + chunkBytes));
        await api().call('import.chunk', { uploadId, offset, data: toBase64(bytes) });
        set({ importProgress: { label: 'sending', done: offset + bytes.length, total: file.size } });
      }
      const inspection = await api().call('import.inspect', { uploadId });
      set({ importPhase: 'mapping', importInspection: inspection, importMapping: inspection.proposed, importProgress: null });
    } catch (error) {
      get().reportError(error);
      await get().resetImport();
    }
  },
  setImportMapping: (mapping) => {
    const phase = get().importPhase;
    // A preview belongs to the mapping it was made with.
    set({ importMapping: mapping, importPreview: null, importPhase: phase === 'previewed' ? 'mapping' : phase });
  },
  setImportCycle: (cycle) => {
    const phase = get().importPhase;
    set({ importCycle: cycle, importPreview: null, importPhase: phase === 'previewed' ? 'mapping' : phase });
  },
  previewImport: async () => {
    const { importUploadId: uploadId, importMapping: mapping, importCycle: cycle } = get();
    if (!uploadId || !mapping) return;
    set({
      importPhase: 'previewing',
      importPreview: null,
      importProgress: { label: 'reading', done: 0, total: 1 },
    });
    const timer = setInterval(() => {
      api()
        .call('import.progress', { uploadId })
        .then((p) => {
          if (get().importPhase === 'previewing' && p.phase === 'reading') {
            set({ importProgress: { label: 'reading', done: p.bytesDone, total: p.bytesTotal } });
          }
        })
        .catch(() => {
          // The preview's own answer reports problems; a missed progress tick is harmless.
        });
    }, PROGRESS_POLL_MS);
    try {
      const preview = await api().call('import.preview', { uploadId, mapping, ...(cycle.trim() ? { cycle: cycle.trim() } : {}) });
      set({ importPhase: 'previewed', importPreview: preview });
    } catch (error) {
      get().reportError(error);
      set({ importPhase: 'mapping' });
    } finally {
      clearInterval(timer);
      set({ importProgress: null });
    }
  },
  commitImport: async (skipInvalid) => {
    const uploadId = get().importUploadId;
    if (!uploadId) return;
    set({ importPhase: 'writing', importProgress: { label: 'writing', done: 0, total: 0 } });
    try {
      const result = await api().call('import.commit', { uploadId, skipInvalid });
      set({ importPhase: 'done', importResult: result, importUploadId: null });
      get().notify('info', `Imported ${result.imported} new departed customers and updated ${result.updated}.`);
      void get().loadQueue();
      void get().loadQueueFilters();
      // The first import's currency signs may have named the organisation's currency: amounts follow at once.
      if (get().currencySource === 'system') void get().loadLocale();
    } catch (error) {
      get().reportError(error);
      set({ importPhase: 'previewed' });
    } finally {
      set({ importProgress: null });
    }
  },
  saveImportMapping: async (name) => {
    const mapping = get().importMapping;
    const inspection = get().importInspection;
    if (!mapping || !inspection) return false;
    try {
      const saved = await api().call('import.mappings.save', { name, mapping });
      set({ importInspection: { ...inspection, saved } });
      get().notify('info', `Mapping "${name}" saved.`);
      return true;
    } catch (error) {
      get().reportError(error);
      return false;
    }
  },
  resetImport: async () => {
    const uploadId = get().importUploadId;
    set({ ...initial });
    if (uploadId) {
      await api()
        .call('import.discard', { uploadId })
        .catch(() => {
          // The backend sweeps abandoned uploads after a day.
        });
    }
  },
});
