import type { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import type { ExportDataset } from '../../../shared/api/exports';
import type { CsvOptions } from '../../../shared/csv/write';
import { workerEntry } from '../workers/entry';
import { openExport, type ExportWords } from './datasets';
import { exportWordsFor } from './words';
import { exportInWorkers, type WorkerExportOptions } from './parallel';
import { streamCsv } from './stream';

/** Without `words`, the file is headed in English (the command line) with the database's currency. */
export type WriteExportOptions = Omit<WorkerExportOptions, 'csv' | 'words'> & CsvOptions & { words?: ExportWords };

let workersEnabled = true;

/** Set by tests that compare an export written on this thread with one written by the workers. */
export function setExportWorkersEnabled(enabled: boolean): void {
  workersEnabled = enabled;
}

/**
 * Writes a whole dataset of the database file at `dbPath` to `out` as CSV, the same bytes however
 * it runs: on worker threads (parallel.ts) when their code is there, which is always from source
 * and in the built app; otherwise on this thread, on a read-only connection of its own.
 * Resolves with the number of rows written; `out` is left open for the caller to finish.
 */
export async function writeExport(dbPath: string, dataset: ExportDataset, out: Writable, options: WriteExportOptions): Promise<number> {
  const { bom, separator, words: given, ...rest } = options;
  const csv: CsvOptions = { bom, separator };
  const entry = workersEnabled ? workerEntry(import.meta.url, './worker.ts', 'export-worker.js') : null;
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const words = given ?? exportWordsFor(db, 'en');
    if (entry) {
      db.close();
      return await exportInWorkers(entry, dbPath, dataset, out, { ...rest, csv, words });
    }
    const { total, rows, columns } = openExport(db, dataset, words, { count: rest.onTotal !== undefined });
    if (total !== null) rest.onTotal?.(total);
    return await streamCsv(rows, columns, out, { ...csv, onProgress: rest.onProgress });
  } finally {
    if (db.open) db.close();
  }
}
