import type { ImportMapping } from '../../../shared/domain/importMapping';
import { currencyFromAmounts } from '../../../shared/i18n/currency';
import type { Sniffed } from './encoding';
import { ImportFileError } from './errors';
import { readCsvBatches } from './reader';

/** Enough amounts to tell a file's currency; the rest of the file is not read twice for it. */
const SCAN_AMOUNTS = 1000;

/**
 * The currency the file's revenue is written in, from its signs and codes ("1.234,56 EUR", "€ 12",
 * "£3.50"): the one every amount that names a currency names, or null when none does, they disagree,
 * or revenue is not mapped. Read from the first thousand amounts, before the rows are.
 */
export async function readImportCurrency(path: string, sniffed: Sniffed, separator: ',' | ';', mapping: ImportMapping): Promise<string | null> {
  const column = mapping.columns.monthlyRevenue;
  if (column === undefined) return null;
  const amounts: string[] = [];
  let index: number | null = null;
  try {
    reading: for await (const batch of readCsvBatches(path, sniffed, separator)) {
      let first = 0;
      if (index === null) {
        const headers = (batch[0]?.fields ?? []).map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
        index = headers.indexOf(column);
        if (index === -1) return null;
        first = 1;
      }
      for (let r = first; r < batch.length; r += 1) {
        const value = (batch[r]?.fields[index] ?? '').trim();
        if (value === '') continue;
        amounts.push(value);
        if (amounts.length >= SCAN_AMOUNTS) break reading;
      }
    }
  } catch (error) {
    // A file that cannot be read is the reading's to report, with its line; the amounts seen so far stand.
    if (!(error instanceof ImportFileError)) throw error;
  }
  return currencyFromAmounts(amounts);
}
