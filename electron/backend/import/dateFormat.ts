import type { ImportMapping } from '../../../shared/domain/importMapping';
import type { Sniffed } from './encoding';
import { ImportFileError } from './errors';
import { readCsvBatches } from './reader';
import { slashedParts, type DateFormat } from './values';

/** What the file's date columns say about dates written with slashes, for the preview. */
export interface DateReading {
  /** Whether any date in the mapped date columns is written with slashes (03/04/2026). */
  slashed: boolean;
  /** How they are read: the manager's choice, else what the column shows, else null (ask). */
  format: DateFormat | null;
  /** True when the manager chose the format (the mapping's dateFormat). */
  chosen: boolean;
  /** The first date that settled the format (a day or a month past 12), when the file did. */
  example: { line: number; column: string; value: string } | null;
}

const SCAN_WITHOUT_SLASHES = 1000;

export const NO_SLASHED_DATES: DateReading = { slashed: false, format: null, chosen: false, example: null };

/**
 * Works out whether a file writes its dates day first or month first, from the whole of its date
 * columns: the first date whose first number is past 12 (25/10/2026) makes the column day first,
 * one whose second number is past 12 (10/25/2026) month first. Reading stops at that date; a later
 * row that contradicts it is an error on its own line. When every date fits both readings
 * (03/04/2026), the format stays null and the preview asks. European exports are mostly day first,
 * American ones month first: guessing either would move customers into the wrong cycle unseen.
 */
export async function readDateFormat(path: string, sniffed: Sniffed, separator: ',' | ';', mapping: ImportMapping): Promise<DateReading> {
  const columns = [mapping.columns.departedAt, mapping.columns.lastActivityAt].filter((c): c is string => c !== undefined);
  if (mapping.dateFormat !== undefined) return { slashed: true, format: mapping.dateFormat, chosen: true, example: null };
  if (columns.length === 0) return NO_SLASHED_DATES;
  let indexes: { column: string; index: number }[] | null = null;
  let slashed = false;
  let datedRows = 0;
  try {
    for await (const batch of readCsvBatches(path, sniffed, separator)) {
      let first = 0;
      if (indexes === null) {
        const headers = (batch[0]?.fields ?? []).map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
        indexes = columns.map((column) => ({ column, index: headers.indexOf(column) })).filter((c) => c.index !== -1);
        if (indexes.length === 0) return NO_SLASHED_DATES;
        first = 1;
      }
      for (let r = first; r < batch.length; r += 1) {
        const record = batch[r];
        if (record === undefined) continue;
        let dated = false;
        for (const { column, index } of indexes) {
          const value = (record.fields[index] ?? '').trim();
          if (value !== '') dated = true;
          const parts = slashedParts(value);
          if (parts === null) continue;
          slashed = true;
          const [a, b] = parts;
          const format: DateFormat | null = a > 12 && b <= 12 ? 'dmy' : b > 12 && a <= 12 ? 'mdy' : null;
          if (format) return { slashed, format, chosen: false, example: { line: record.line, column, value } };
        }
        if (dated) datedRows += 1;
        // A file whose first thousand dates have no slashes writes them otherwise (ISO, dotted): the
        // rest is not read twice (a fifth of a second on 100,000 rows). A slashed date further down
        // is then refused on its line, and the preview still offers the choice (PlanBuilder.finish).
        if (!slashed && datedRows >= SCAN_WITHOUT_SLASHES) return NO_SLASHED_DATES;
      }
    }
  } catch (error) {
    // A file that cannot be read is the reading's to report, with its line; the dates seen so far stand.
    if (!(error instanceof ImportFileError)) throw error;
  }
  return { slashed, format: null, chosen: false, example: null };
}
