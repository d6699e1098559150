import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { csvHeader, csvRowWriter, type CsvColumn, type CsvOptions } from '../../../shared/csv/write';

export interface StreamCsvOptions extends CsvOptions {
  /** Called with the number of rows written so far, every `progressEvery` rows and at the end. */
  onProgress?: (rows: number) => void;
  progressEvery?: number;
}

/** Rows are gathered into pieces of about this size before a write: fewer, larger writes. */
const PIECE_CHARS = 64 * 1024;

/**
 * The buffer of an export's file stream: room for a few pieces, so rows keep being written while
 * the disk takes earlier pieces (with the default buffer of one piece the loop stopped at every
 * write until the disk had it).
 */
export const EXPORT_FILE_BUFFER_BYTES = 256 * 1024;

/**
 * Writes rows as CSV to a stream, honouring backpressure: when the stream's buffer is full the
 * loop waits for it to drain before pulling the next row, so memory stays flat however many rows
 * the iterator yields. A stream error stops the loop and rejects (the iterator is closed by for-of).
 */
export async function streamCsv<T>(
  rows: Iterable<T>,
  columns: readonly CsvColumn<T>[],
  out: Writable,
  options: StreamCsvOptions = {},
): Promise<number> {
  const every = options.progressEvery ?? 5000;
  let failure: Error | null = null;
  const onError = (error: Error) => {
    failure = error;
  };
  out.on('error', onError);
  const write = async (piece: string) => {
    if (failure) throw failure;
    if (!out.write(piece)) await once(out, 'drain');
  };
  const line = csvRowWriter(columns, options.separator);
  let count = 0;
  try {
    let piece = csvHeader(columns, options);
    for (const row of rows) {
      piece += line(row);
      count += 1;
      if (piece.length >= PIECE_CHARS) {
        await write(piece);
        piece = '';
      }
      if (count % every === 0) options.onProgress?.(count);
    }
    if (piece.length > 0) await write(piece);
    options.onProgress?.(count);
    return count;
  } finally {
    out.off('error', onError);
  }
}

/** Ends a file stream and waits until every byte is on disk (or the stream failed). */
export async function finish(out: Writable): Promise<void> {
  if (out.writableFinished) return;
  out.end();
  await once(out, 'finish');
}
