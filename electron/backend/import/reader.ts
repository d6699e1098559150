import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { CsvParser, type CsvRecord } from './csvParser';
import type { Sniffed } from './encoding';
import { detectSeparator } from './separator';

export { MAX_RECORD_CHARS, type CsvRecord } from './csvParser';

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

const isBlank = (fields: string[]): boolean => fields.every((f) => f.trim() === '');

/**
 * Streams the records of a CSV file, decoded, with the line each starts on, a chunk of the file at
 * a time: one batch of records per chunk read, so the caller's work per record runs in a plain
 * loop rather than through a promise each. Blank lines are skipped (their lines still count).
 * A file that cannot be read as CSV throws an ImportFileError that names the line.
 */
export async function* readCsvBatches(
  path: string,
  sniffed: Sniffed,
  separator: ',' | ';',
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<CsvRecord[]> {
  const decoder = iconv.getDecoder(sniffed.encoding);
  const parser = new CsvParser(separator);
  let bytes = 0;
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      onBytes?.(bytes);
      const records = parser.push(decoder.write(chunk)).filter((r) => !isBlank(r.fields));
      if (records.length > 0) yield records;
    }
    const rest = decoder.end();
    const records = (rest ? parser.push(rest) : []).concat(parser.end()).filter((r) => !isBlank(r.fields));
    if (records.length > 0) yield records;
  } finally {
    input.destroy();
  }
}
