import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse';
import { CsvParser, type CsvRecord } from '../../electron/backend/import/csvParser';
import { ImportFileError } from '../../electron/backend/import/errors';

/** What csv-parse makes of the text with the options the import used to read files with. */
function csvParse(text: string, separator: ',' | ';'): Promise<{ records: string[][]; error: string | null }> {
  return new Promise((resolve) => {
    const records: string[][] = [];
    const parser = parse({
      delimiter: separator,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: 1_000_000,
      // Collected as they are made: on an error, records still waiting to be read are dropped.
      on_record: (record: string[]) => {
        records.push(record);
        return record;
      },
    });
    parser.on('readable', () => {
      while (parser.read() !== null);
    });
    parser.on('error', (e: Error & { code?: string }) => resolve({ records, error: e.code ?? e.message }));
    parser.on('end', () => resolve({ records, error: null }));
    parser.end(text);
  });
}

/** The same text through CsvParser, fed in pieces cut at the given places. */
function ours(text: string, separator: ',' | ';', cuts: number[]): { records: CsvRecord[]; error: ImportFileError | null } {
  const parser = new CsvParser(separator);
  const records: CsvRecord[] = [];
  let from = 0;
  try {
    for (const cut of [...cuts, text.length]) {
      if (cut > from) parser.push(text.slice(from, cut), records);
      from = Math.max(from, cut);
    }
    parser.end(records);
    return { records, error: null };
  } catch (error) {
    if (error instanceof ImportFileError) return { records, error };
    throw error;
  }
}

/** Line numbers as the reader counted them before: one per record plus the LFs inside its values. */
function linesOf(records: string[][]): number[] {
  let line = 1;
  return records.map((fields) => {
    const start = line;
    line += 1 + fields.join('').split('\n').length - 1;
    return start;
  });
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the import CSV parser reads files exactly as csv-parse does', () => {
  it('random text of separators, quotes, line breaks of every kind and accents, cut into random chunks', async () => {
    const rnd = seeded(20261116);
    const alphabet = ['a', 'b', 'é', ' ', ',', ';', '"', '""', '\n', '\r', '\r\n', '"a,b"', 'x"y', '"\r\n"'];
    for (let round = 0; round < 3000; round += 1) {
      const parts: string[] = [];
      const length = Math.floor(rnd() * 40);
      for (let i = 0; i < length; i += 1) parts.push(alphabet[Math.floor(rnd() * alphabet.length)] ?? 'a');
      const text = parts.join('');
      const separator = rnd() < 0.5 ? ',' : ';';
      const cuts = Array.from({ length: Math.floor(rnd() * 4) }, () => Math.floor(rnd() * (text.length + 1))).sort((a, b) => a - b);
      const expected = await csvParse(text, separator);
      const actual = ours(text, separator, cuts);
      const context = JSON.stringify({ text, separator, cuts });
      if (expected.error === null) {
        expect(actual.error, context).toBeNull();
        expect(
          actual.records.map((r) => r.fields),
          context,
        ).toEqual(expected.records);
        expect(
          actual.records.map((r) => r.line),
          context,
        ).toEqual(linesOf(expected.records));
      } else {
        expect(expected.error, context).toBe('CSV_QUOTE_NOT_CLOSED');
        expect(actual.error?.message, context).toMatch(/a quoted value is never closed/);
        // The line of the record that never ends: after every record csv-parse could read.
        const lines = linesOf(expected.records);
        const last = expected.records.at(-1);
        const line = last ? (lines.at(-1) ?? 1) + 1 + last.join('').split('\n').length - 1 : 1;
        expect(actual.error?.line, context).toBe(line);
        expect(
          actual.records.map((r) => r.fields),
          context,
        ).toEqual(expected.records);
      }
    }
  });

  it('an export with quoted names, blank cells and CRLF line ends', async () => {
    const text =
      'Customer ID,Name,Notes\r\nA-1,"Example, Ada","Said ""call me""\r\nlater"\r\n\r\nA-2,,\r\nA-3,Bruno x"y,\r\n';
    const expected = await csvParse(text, ',');
    const actual = ours(text, ',', [7, 30, 31, 60]);
    expect(actual.records.map((r) => r.fields)).toEqual(expected.records);
    expect(actual.records.map((r) => r.line)).toEqual([1, 2, 4, 5, 6]);
    expect(actual.records[1]?.fields).toEqual(['A-1', 'Example, Ada', 'Said "call me"\r\nlater']);
  });

  it('refuses a record longer than the limit, at the line it starts on', () => {
    const parser = new CsvParser(',', 100);
    expect(parser.push('id,notes\nA-1,short\n').map((r) => r.fields)).toEqual([
      ['id', 'notes'],
      ['A-1', 'short'],
    ]);
    expect(() => parser.push(`A-2,"${'x'.repeat(60)}\n${'y'.repeat(60)}`)).toThrow(
      'Line 3: a row is longer than 100 characters, most likely because a quote is never closed.',
    );
  });
});
