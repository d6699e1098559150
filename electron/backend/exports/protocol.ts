import type { ExportValue } from '../../../db/repos/exports';
import type { ExportDataset } from '../../../shared/api/exports';
import type { CsvOptions } from '../../../shared/csv/write';
import type { ExportWords } from './datasets';

/** What an export worker is started with: one dataset of one database, written one way. */
export interface ExportWorkerData {
  dbPath: string;
  dataset: ExportDataset;
  csv: CsvOptions;
  words: ExportWords;
}

/**
 * One range of an export's order, from the key `from` (null: the first row). The worker writing it
 * finds where it ends, which is where the next range starts.
 */
export interface ExportRange {
  index: number;
  from: ExportValue[] | null;
  /** How many rows each range has (the last may have fewer). */
  rows: number;
}

export type ToExportWorker =
  /** Open (again) a read transaction and read from it, which fixes its snapshot. */
  | { type: 'begin' }
  /** Count the rows in that snapshot. */
  | { type: 'count' }
  /** Find where one range ends, say so, then write it as CSV (with the header first when it is range 0). */
  | { type: 'range'; range: ExportRange }
  /** A part's bytes, written to the file and handed back to be filled again (no allocation per part). */
  | { type: 'reuse'; bytes: ArrayBuffer };

export type FromExportWorker =
  | { type: 'booted' }
  | { type: 'begun' }
  | { type: 'counted'; rows: number }
  /** Where a range ends and the next starts; null when it is the last (an export without a split is one range). */
  | { type: 'cut'; index: number; to: ExportValue[] | null }
  /**
   * The next bytes of a range (its ArrayBuffer transferred, not copied; the first `length` bytes
   * count), with how many of the range's rows they end with. The last part of a range says so,
   * even when it is empty.
   */
  | { type: 'part'; index: number; bytes: ArrayBuffer; length: number; rows: number; last: boolean }
  | { type: 'failed'; message: string };
