import type { Db } from '../../../db/open';
import type { Logger } from '../types';
import { inImportTransaction, ImportWriter, type CommitContext, type ImportCounts } from './commit';
import { sniffFile } from './encoding';
import { openRowStream, warmParseWorker } from './parseThread';
import { everyRowInvalid, PlanBuilder, type ImportPlan, type PlanOptions } from './plan';
import { readSeparator } from './reader';
import { readDateFormat } from './dateFormat';
import { readImportCurrency } from './currencySigns';
import { withDateFormat } from './stage';

export interface PipelineOptions extends PlanOptions {
  today: string;
  /** Where the worker may keep the ids of a large file (deleted after). */
  stagingPath: string;
  skipInvalid: boolean;
  /** Called as the write transaction starts, before the file has been read. */
  onWriting?: () => void;
}

/** Thrown inside the transaction to roll it back: a row is invalid and invalid rows are not skipped. */
class Abandoned extends Error {}

/**
 * An import written as its file is read: the parse worker reads and validates the rows on the
 * other core while this thread plans and writes them, batch by batch, in ONE transaction. It ends
 * the same as reading the whole file first and then writing (stage.ts, then commit.ts): the same
 * plan, the same rows, ids and events in file order. When a row turns out invalid and invalid
 * rows are not skipped, the transaction is rolled back and the rest of the file is only read for
 * the plan; a file error (or a crash) anywhere leaves the database as it was.
 *
 * Null when the worker cannot run: the caller then reads first and writes after.
 */
export async function importPipelined(
  db: Db,
  path: string,
  options: PipelineOptions,
  ctx: CommitContext,
  log?: Logger,
): Promise<{ plan: ImportPlan; written: ImportCounts | null } | null> {
  warmParseWorker();
  const sniffed = await sniffFile(path);
  const separator = await readSeparator(path, sniffed);
  const dates = await readDateFormat(path, sniffed, separator, options.mapping);
  const currency = await readImportCurrency(path, sniffed, separator, options.mapping);
  const job = { path, sniffed, separator, mapping: withDateFormat(options.mapping, dates), today: options.today, stagingPath: options.stagingPath };
  const rows = await openRowStream(job, log);
  if (rows === null) return null;
  try {
    const builder = new PlanBuilder(db, sniffed, separator, options);
    builder.plan.dates = dates;
    builder.plan.currency = currency;
    let written: ImportCounts | null = null;
    try {
      options.onWriting?.();
      written = inImportTransaction(db, () => {
        const writer = new ImportWriter(db, builder.plan.mappedFields, ctx);
        const cyclesWritten = new Set<string>();
        for (let batch = rows.next(); batch !== null; batch = rows.next()) {
          const staged = builder.add(batch);
          if (builder.plan.invalid > 0 && !options.skipInvalid) throw new Abandoned('A row is invalid.');
          // A customer's cycle is written before the customer (a foreign key), each cycle once, in
          // the order the file first names them (the console orders cycles by their dates).
          for (const [id, cycle] of builder.cyclesSeen) {
            if (cyclesWritten.has(id)) continue;
            cyclesWritten.add(id);
            writer.addCycles([cycle]);
          }
          writer.write(
            staged.map((s) => s.data),
            staged.filter((s) => s.known).map((s) => s.data.externalId),
          );
        }
        const plan = builder.finish(rows.sawHeader);
        if (everyRowInvalid(plan)) throw new Abandoned('Every row is invalid.');
        return writer.finish(plan);
      });
    } catch (error) {
      if (!(error instanceof Abandoned)) throw error;
      // Nothing is written; the rest of the file is read for the plan's counts and errors.
      for (let batch = rows.next(); batch !== null; batch = rows.next()) builder.add(batch);
    }
    return { plan: builder.finish(rows.sawHeader), written };
  } finally {
    rows.close();
  }
}
