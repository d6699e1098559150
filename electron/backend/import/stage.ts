import { said } from '../../../shared/i18n/said';
import type { Db } from '../../../db/open';
import type { Staging } from '../../../db/importStaging';
import type { CycleKind, CyclePeriod } from '../../../shared/domain/cycles';
import type { ImportMapping } from '../../../shared/domain/importMapping';
import { sniffFile, type Sniffed } from './encoding';
import { ImportFileError } from './errors';
import { ambiguousNumbersWarning, RecordMapper } from './mappedRows';
import { PlanBuilder, type ImportPlan } from './plan';
import { readCsvBatches, readSeparator } from './reader';
import { readDateFormat, type DateReading } from './dateFormat';
import { readImportCurrency } from './currencySigns';

export { MAX_ERRORS, type ImportPlan, type StagedCustomer } from './plan';

export interface StageOptions {
  mapping: ImportMapping;
  cycleKind: CycleKind;
  /** The cycle for customers whose departure date is unknown: the cycle of the import. */
  importCycle: CyclePeriod;
  today: string;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface FileHead {
  sniffed: Sniffed;
  separator: ',' | ';';
  headers: string[];
  sample: string[][];
}

/** The header and the first rows, for proposing a mapping. */
export async function readHead(path: string, sampleRows = 5): Promise<FileHead> {
  const sniffed = await sniffFile(path);
  const separator = await readSeparator(path, sniffed);
  let headers: string[] | null = null;
  const sample: string[][] = [];
  reading: for await (const batch of readCsvBatches(path, sniffed, separator)) {
    for (const record of batch) {
      if (headers === null) headers = record.fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
      else sample.push(record.fields);
      if (sample.length >= sampleRows) break reading;
    }
  }
  if (headers === null) throw new ImportFileError(said('errors.importFile.empty'));
  return { sniffed, separator, headers, sample };
}

/** The mapping with the date format the file's columns showed, when the manager chose none. */
export function withDateFormat(mapping: ImportMapping, dates: DateReading): ImportMapping {
  return dates.format !== null && mapping.dateFormat === undefined ? { ...mapping, dateFormat: dates.format } : mapping;
}

/**
 * Reads the whole file once, streaming, on the calling thread: validates every row, finds
 * duplicates, maps stated reasons, and stages the departed customers. Nothing is written to the
 * console's database. (An import written straight away reads on a worker instead: pipeline.ts.)
 */
export async function stageImport(db: Db, path: string, staging: Staging, options: StageOptions): Promise<ImportPlan> {
  const sniffed = await sniffFile(path);
  const separator = await readSeparator(path, sniffed);
  const dates = await readDateFormat(path, sniffed, separator, options.mapping);
  const mapping = withDateFormat(options.mapping, dates);
  const builder = new PlanBuilder(db, sniffed, separator, options);
  builder.plan.dates = dates;
  builder.plan.currency = await readImportCurrency(path, sniffed, separator, mapping);
  const mapper = new RecordMapper({ mapping, decimalComma: separator === ';', today: options.today }, (id, line) =>
    staging.claimId(id, line),
  );
  const progress = options.onProgress && ((bytes: number) => options.onProgress?.(bytes, sniffed.size));
  for await (const batch of readCsvBatches(path, sniffed, separator, progress)) {
    const staged = builder.add(mapper.map(batch));
    if (staged.length > 0) staging.addRows(staged.map(({ line, data }) => ({ line, data })));
  }
  staging.seal();
  const plan = builder.finish(mapper.sawHeader);
  const ambiguous = mapper.ambiguousRevenue();
  if (ambiguous) plan.warnings.push(ambiguousNumbersWarning(ambiguous, separator === ';'));
  return plan;
}
