import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { ExportValue } from '../../../db/repos/exports';
import type { ExportDataset } from '../../../shared/api/exports';
import type { CsvOptions } from '../../../shared/csv/write';
import type { WorkerEntry } from '../workers/entry';
import { DATASETS, type ExportWords } from './datasets';
import type { FromExportWorker } from './protocol';
import { shareOneSnapshot } from './snapshot';
import { ExportThread } from './threads';

/**
 * Rows per range: about 5 MB of CSV for calls. A range written ahead of the one being written waits
 * whole in memory, so the ranges in flight cost a few times this; more ranges cost only a short
 * index walk each.
 */
export const ROWS_PER_RANGE = 20_000;
/** The desk machines the console runs on have two cores. */
export const EXPORT_WORKERS = 2;
/** Bytes handed to the file but not yet written before the writer waits: enough for large writes. */
const UNWRITTEN_BYTES = 4 * 1024 * 1024;

export interface WorkerExportOptions {
  csv: CsvOptions;
  /** The file's headers and words in the exporting person's language (exports/words.ts). */
  words: ExportWords;
  /** Rows per range (tests use small ranges so a few thousand rows cross several). */
  rowsPerRange?: number;
  workers?: number;
  /** Called once with the number of rows the export will have. */
  onTotal?: (rows: number) => void;
  /** Called with the number of rows written so far, as parts of the file are written. */
  onProgress?: (rows: number) => void;
}

type Part = Extract<FromExportWorker, { type: 'part' }> & { from: ExportThread };

/**
 * Writes one export on worker threads. Each worker reads ranges of the export's order on its own
 * read-only connection, all on one snapshot (snapshot.ts), and formats them into CSV bytes; this
 * side only writes the parts to `out`, strictly in order, waiting for the file when it is behind.
 * A range is given out only while fewer than (workers + 1) ranges are unwritten, so memory holds
 * at most a few ranges however slow the disk. Resolves with the number of rows written; rejects on
 * the first failure of a worker or of `out`, with every worker stopped.
 */
export async function exportInWorkers(
  entry: WorkerEntry,
  dbPath: string,
  dataset: ExportDataset,
  out: Writable,
  options: WorkerExportOptions,
): Promise<number> {
  const split = DATASETS[dataset].query.split !== undefined;
  const count = split ? Math.max(1, options.workers ?? EXPORT_WORKERS) : 1;
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    fail = reject;
  });
  // Observed through race(); a failure while nothing is awaited must not be an unhandled rejection.
  failed.catch(() => undefined);
  const race = <T>(p: Promise<T>): Promise<T> => Promise.race([p, failed]);
  out.on('error', fail);
  const threads = Array.from({ length: count }, () => new ExportThread(entry, { dbPath, dataset, csv: options.csv, words: options.words }, fail));
  try {
    await race(Promise.all(threads.map((t) => t.booted)));
    const readers = await shareOneSnapshot(dbPath, threads, race);
    const [first] = readers;
    if (!first) throw new Error('An export needs at least one worker.');
    options.onTotal?.((await race(first.ask({ type: 'count' }, 'counted'))).rows);
    return await writeInOrder(readers, out, options.rowsPerRange ?? ROWS_PER_RANGE, race, options.onProgress);
  } finally {
    out.off('error', fail);
    await Promise.all(threads.map((t) => t.stop()));
  }
}

async function writeInOrder(
  readers: readonly ExportThread[],
  out: Writable,
  rowsPerRange: number,
  race: <T>(p: Promise<T>) => Promise<T>,
  onProgress?: (rows: number) => void,
): Promise<number> {
  /** Where each range starts, once the range before it has been cut. */
  const starts = new Map<number, ExportValue[] | null>([[0, null]]);
  const parts = new Map<number, Part[]>();
  const idle = [...readers];
  let last: number | null = null;
  let assigned = 0;
  let current = 0;
  let wake: (() => void) | null = null;

  const assign = () => {
    while (assigned < current + readers.length + 1 && starts.has(assigned)) {
      const thread = idle.shift();
      if (!thread) return;
      thread.send({ type: 'range', range: { index: assigned, from: starts.get(assigned) ?? null, rows: rowsPerRange } });
      assigned += 1;
    }
  };
  for (const thread of readers) {
    thread.onRange = (news) => {
      if (news.type === 'cut') {
        if (news.to === null) last = news.index;
        else starts.set(news.index + 1, news.to);
      } else {
        const part = { ...news, from: thread };
        const queue = parts.get(news.index);
        if (queue) queue.push(part);
        else parts.set(news.index, [part]);
        if (news.last) idle.push(thread);
      }
      assign();
      wake?.();
    };
  }
  assign();

  let rows = 0;
  for (;;) {
    const part = parts.get(current)?.shift();
    if (!part) {
      await race(
        new Promise<void>((resolve) => {
          wake = resolve;
        }),
      );
      wake = null;
      continue;
    }
    if (part.length > 0) {
      const { from, bytes } = part;
      // Handed back once written: the workers fill the same few parts again instead of this
      // thread holding written ones until its garbage collector runs.
      out.write(Buffer.from(bytes, 0, part.length), (error) => {
        if (!error) from.send({ type: 'reuse', bytes }, [bytes]);
      });
      if (out.writableNeedDrain && out.writableLength >= UNWRITTEN_BYTES) await race(once(out, 'drain'));
    }
    onProgress?.(rows + part.rows);
    if (part.last) {
      parts.delete(current);
      rows += part.rows;
      if (current === last) return rows;
      current += 1;
      assign();
    }
  }
}
