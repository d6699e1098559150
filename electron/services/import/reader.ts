import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import iconv from 'iconv-lite';
import { parse, CsvError } from 'csv-parse';
import { ImportFileError } from './errors';
import type { Sniffed } from './encoding';
import { detectSeparator } from './separator';

export interface CsvRecord {
  /** The line of the file the record starts on (the header is line 1). */
  line: number;
  fields: string[];
}

/** Longer records are nearly always a quote that is never closed; refusing them bounds memory. */
export const MAX_RECORD_CHARS = 1_000_000;

export async function readSeparator(path: string, sniffed: Sniffed): Promise<',' | ';'> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(64 * 1024, sniffed.size));
    await handle.read(head, 0, head.length, 0);
    return detectSeparator(iconv.decode(head, sniffed.encoding));
  } finally {
    await handle.close();
  }
}

function explain(error: CsvError, line: number): ImportFileError {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new ImportFileError(
        `Line ${line}: a quoted value is never closed (a " is missing), so the rest of the file cannot be read.`,
        line,
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new ImportFileError(
        `Line ${line}: a quoted value is followed by more text before the separator. A quote inside a quoted value must be doubled ("").`,
        line,
      );
    case 'CSV_MAX_RECORD_SIZE':
      return new ImportFileError(
        `Line ${line}: a row is longer than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters, most likely because a quote is never closed.`,
        line,
      );
    default:
      return new ImportFileError(`Line ${line}: the file cannot be read as CSV (${error.message}).`, line);
  }
}

function countLineBreaks(fields: string[]): number {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) n += 1;
  return n;
}

/**
 * Streams the records of a CSV file, decoded, with the line each starts on. Blank lines are
 * skipped. csv-parse counts lines itself, but miscounts CRLF inside quoted values; counting the
 * line breaks in the values keeps the numbers right for every line ending.
 */
export async function* readCsv(
  path: string,
  sniffed: Sniffed,
  separator: ',' | ';',
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<CsvRecord> {
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  let bytes = 0;
  if (onBytes) {
    input.on('data', (chunk) => {
      bytes += chunk.length;
      onBytes(bytes);
    });
  }
  const parser = parse({
    delimiter: separator,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  pipeline(input, iconv.decodeStream(sniffed.encoding), parser, () => {
    // Errors surface through the parser's iterator below.
  });
  let line = 1;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const start = line;
      line += 1 + countLineBreaks(fields);
      if (fields.every((f) => f.trim() === '')) continue;
      yield { line: start, fields };
    }
  } catch (error) {
    if (error instanceof CsvError) throw explain(error, line);
    throw error;
  } finally {
    input.destroy();
  }
}
