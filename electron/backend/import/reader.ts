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

/** The first line break outside quotes at or after `from`: its index, or -1 when the text has none. */
function lineBreakAfter(text: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 10 || c === 13)) return i;
  }
  return -1;
}

/**
 * The parser takes the first line break for the whole file's, as csv-parse does. A file whose
 * header line ends in CRLF while its rows end in LF (a header typed on Windows above rows written
 * on Linux) was then one row of thousands of values. The rows decide: when the header ends in CRLF
 * and the first row in a bare LF, the header's CR is dropped, so LF ends every record.
 */
export function alignHeaderLineEnd(text: string): string {
  const header = lineBreakAfter(text, 0);
  if (header === -1 || text.charCodeAt(header) !== 13 || text.charCodeAt(header + 1) !== 10) return text;
  const row = lineBreakAfter(text, header + 2);
  if (row === -1 || text.charCodeAt(row) !== 10) return text;
  return text.slice(0, header) + text.slice(header + 1);
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
  let first = true;
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      onBytes?.(bytes);
      let text = decoder.write(chunk);
      if (first) {
        // The first chunk (256 KB) holds the header and the first row of any real export.
        text = alignHeaderLineEnd(text);
        first = false;
      }
      const records = parser.push(text).filter((r) => !isBlank(r.fields));
      if (records.length > 0) yield records;
    }
    const rest = decoder.end();
    const records = (rest ? parser.push(rest) : []).concat(parser.end()).filter((r) => !isBlank(r.fields));
    if (records.length > 0) yield records;
  } finally {
    input.destroy();
  }
}
