import type { Db } from '../../../db/open';
import { type Staging } from '../../../db/importStaging';
import { loadReasonPhrases } from '../../../db/repos/taxonomy';
import { listCycles } from '../../../db/repos/cycles';
import { knownCustomerCycles } from '../../../db/repos/customers';
import { cycleFor, type CycleKind, type CyclePeriod } from '../../../shared/domain/cycles';
import { normalizeReasonText } from '../../../shared/domain/taxonomy';
import { IMPORT_FIELDS, type ImportField, type ImportMapping } from '../../../shared/domain/importMapping';
import { sniffFile, type Sniffed } from './encoding';
import { ImportFileError, type RowError } from './errors';
import { readCsvBatches, readSeparator } from './reader';
import { createRowMapper, type RowCustomer } from './rows';

/** A departed customer ready to be written, with the cycle they belong to. */
export interface StagedCustomer extends RowCustomer {
  cycleId: string;
}

/** What an import will do, found before anything is written. */
export interface ImportPlan {
  encoding: Sniffed['encoding'];
  bom: boolean;
  separator: ',' | ';';
  /** Departed customers not yet in the console. */
  newCount: number;
  /** Departed customers already in the console (matched by customer id). */
  updatedCount: number;
  /** Rows that did not depart. */
  skipped: number;
  /** Rows with at least one error. */
  invalid: number;
  /** Valid departed customers without phone or email: imported and counted, never queued. */
  noContact: number;
  /** Stated reasons that map to no reason, with how many customers gave each. */
  unmapped: { text: string; customers: number }[];
  /** The first errors (all of them up to MAX_ERRORS). */
  errors: RowError[];
  cycles: (CyclePeriod & { customers: number })[];
  mappedFields: ImportField[];
}

export const MAX_ERRORS = 1000;

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
  if (headers === null) throw new ImportFileError('The file is empty.');
  return { sniffed, separator, headers, sample };
}

/**
 * Reads the whole file once, streaming: validates every row, finds duplicates, maps stated
 * reasons, and stages the departed customers. Nothing is written to the console's database.
 */
export async function stageImport(db: Db, path: string, staging: Staging, options: StageOptions): Promise<ImportPlan> {
  const sniffed = await sniffFile(path);
  const separator = await readSeparator(path, sniffed);
  const phrases = loadReasonPhrases(db);
  const knownCycles = new Map(listCycles(db).map((cy) => [cy.id, cy]));
  const plan: ImportPlan = {
    encoding: sniffed.encoding,
    bom: sniffed.bom,
    separator,
    newCount: 0,
    updatedCount: 0,
    skipped: 0,
    invalid: 0,
    noContact: 0,
    unmapped: [],
    errors: [],
    cycles: [],
    mappedFields: IMPORT_FIELDS.filter((f) => options.mapping.columns[f] !== undefined),
  };
  const unmapped = new Map<string, { text: string; customers: number }>();
  const cycles = new Map<string, CyclePeriod & { customers: number }>();
  const addError = (...errors: RowError[]) => {
    for (const e of errors) if (plan.errors.length < MAX_ERRORS) plan.errors.push(e);
  };

  // Both depend on a handful of distinct values (departure days, reason texts), not on the row.
  const cycleOfDay = new Map<string, CyclePeriod>();
  const cycleOf = (day: string): CyclePeriod => {
    let cycle = cycleOfDay.get(day);
    if (cycle === undefined) {
      cycle = cycleFor(day, options.cycleKind);
      cycleOfDay.set(day, cycle);
    }
    return cycle;
  };
  const reasonKeys = new Map<string, string>();
  const reasonKey = (text: string): string => {
    let key = reasonKeys.get(text);
    if (key === undefined) {
      key = normalizeReasonText(text);
      reasonKeys.set(text, key);
    }
    return key;
  };

  let mapper: ReturnType<typeof createRowMapper> | null = null;
  const progress = options.onProgress && ((bytes: number) => options.onProgress?.(bytes, sniffed.size));
  for await (const batch of readCsvBatches(path, sniffed, separator, progress)) {
    let first = 0;
    if (mapper === null) {
      const header = batch[0];
      if (header === undefined) continue;
      mapper = createRowMapper(header.fields, options.mapping, { decimalComma: separator === ';', today: options.today });
      first = 1;
    }
    // Valid departed rows of the chunk, as two lists rather than an object each.
    const lines: number[] = [];
    const departed: RowCustomer[] = [];
    for (let i = first; i < batch.length; i += 1) {
      const record = batch[i] as (typeof batch)[number];
      const outcome = mapper.map(record.fields, record.line);
      if (outcome.kind === 'skipped') {
        plan.skipped += 1;
        continue;
      }
      // A row with the wrong number of values has no trustworthy id to compare.
      const id =
        outcome.kind === 'departed'
          ? outcome.customer.externalId
          : record.fields.length === mapper.headers.length
            ? idOf(record.fields, mapper.headers, options.mapping)
            : '';
      const earlier = id ? staging.claimId(id, record.line) : null;
      if (earlier === null && outcome.kind === 'departed') {
        lines.push(record.line);
        departed.push(outcome.customer);
        continue;
      }
      const errors = outcome.kind === 'invalid' ? [...outcome.errors] : [];
      if (earlier !== null) {
        errors.push({
          line: record.line,
          column: options.mapping.columns.externalId,
          value: id,
          message: `Customer id "${id}" also appears on line ${earlier}; each customer can appear only once in a file.`,
        });
      }
      plan.invalid += 1;
      addError(...errors);
    }
    if (departed.length === 0) continue;

    // Which of the chunk's customers the console has already: one query per chunk, not per row.
    const known = knownCustomerCycles(db, departed.map((c) => c.externalId));
    const staged: { line: number; data: StagedCustomer }[] = [];
    for (let i = 0; i < departed.length; i += 1) {
      const c = departed[i] as RowCustomer;
      const knownCycle = known.get(c.externalId);
      // Without a departure date a customer stays in the cycle of the import that first brought
      // them: re-importing the same export next month must not move them into next month.
      const cycle =
        (c.departedAt && cycleOf(c.departedAt)) || (knownCycle && knownCycles.get(knownCycle)) || options.importCycle;
      const seen = cycles.get(cycle.id);
      if (seen) seen.customers += 1;
      else cycles.set(cycle.id, { ...cycle, customers: 1 });
      if (c.phone === null && c.email === null) plan.noContact += 1;
      if (c.statedReason !== null) {
        const key = reasonKey(c.statedReason);
        if (!phrases.has(key)) {
          const u = unmapped.get(key);
          if (u) u.customers += 1;
          else unmapped.set(key, { text: c.statedReason, customers: 1 });
        }
      }
      if (known.has(c.externalId)) plan.updatedCount += 1;
      else plan.newCount += 1;
      staged.push({ line: lines[i] as number, data: { ...c, cycleId: cycle.id } });
    }
    staging.addRows(staged);
  }
  if (mapper === null) throw new ImportFileError('The file is empty.');
  staging.seal();
  if (plan.newCount + plan.updatedCount + plan.skipped + plan.invalid === 0) {
    throw new ImportFileError('The file has a header line but no rows of customers.', 1);
  }
  plan.unmapped = [...unmapped.values()].sort((a, b) => b.customers - a.customers || a.text.localeCompare(b.text));
  plan.cycles = [...cycles.values()].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return plan;
}

function idOf(fields: string[], headers: string[], mapping: ImportMapping): string {
  const i = headers.indexOf(mapping.columns.externalId);
  return i === -1 ? '' : (fields[i] ?? '').trim();
}
