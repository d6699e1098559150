import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, toCsv, UTF8_BOM, type CsvColumn } from '../../shared/csv/write';

interface Person {
  name: string;
  note: string;
  revenue: number | null;
}
const columns: CsvColumn<Person>[] = [
  { header: 'Name', value: (p) => p.name },
  { header: 'Note', value: (p) => p.note },
  { header: 'Monthly revenue', value: (p) => p.revenue },
];

const readBack = (text: string, delimiter = ','): string[][] => parse(text, { bom: true, delimiter });

describe('the CSV writer', () => {
  it.each([
    ['=', '=HYPERLINK("http://attacker.test","Click")'],
    ['+', '+1 555-0100'],
    ['-', '-2+3+cmd|" /C calc"!A0'],
    ['@', '@SUM(1+1)*cmd|" /C calc"!A0'],
    ['tab', '\t=1+1'],
    ['carriage return', '\r=1+1'],
    ['line feed', '\n=1+1'],
    ['NUL', '\0=1+1'],
    ['= on a multi-line value', '=1+1\nsecond line'],
  ])('neutralises a cell starting with %s so it reads back as text', (_name, value) => {
    const csv = toCsv(columns, [{ name: value, note: 'ok', revenue: 1 }]);
    const [header, row] = readBack(csv);
    expect(header).toEqual(['Name', 'Note', 'Monthly revenue']);
    expect(row?.[0]).toBe(`'${value}`);
    expect(row?.[1]).toBe('ok');
  });

  it('leaves ordinary text and numbers alone, negative numbers included', () => {
    expect(neutraliseFormula('Price too high')).toBe('Price too high');
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(neutraliseFormula('')).toBe('');
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('round-trips names with quotes, separators, line breaks and non-Latin text through csv-parse', () => {
    const people: Person[] = [
      { name: 'Dana "DJ" O\'Neil', note: 'said "never again", then laughed', revenue: 99.95 },
      { name: 'Smith, Jane; Jr.', note: 'line one\nline two\r\nline three', revenue: null },
      { name: 'Zoë Ångström', note: 'Ünïcödé ✓', revenue: 0 },
      { name: 'Дмитрий Иванов', note: 'Пропал интернет', revenue: 12 },
      { name: '李小龍', note: '太贵了', revenue: 3.5 },
      { name: 'محمد', note: 'السعر مرتفع', revenue: 7 },
      { name: 'Emoji 👩‍💻', note: '  padded  ', revenue: 1 },
    ];
    for (const separator of [',', ';', '\t'] as const) {
      const csv = toCsv(columns, people, { separator });
      const rows = readBack(csv, separator);
      expect(rows).toHaveLength(people.length + 1);
      rows.slice(1).forEach((row, i) => {
        const p = people[i];
        expect(row).toEqual([p?.name, p?.note, p?.revenue === null ? '' : String(p?.revenue)]);
      });
    }
  });

  it('starts with a byte-order mark unless asked not to, and ends lines with CRLF', () => {
    const withBom = toCsv(columns, [{ name: 'A', note: 'B', revenue: 1 }]);
    expect(withBom.startsWith(UTF8_BOM)).toBe(true);
    expect(withBom).toBe(`${UTF8_BOM}Name,Note,Monthly revenue\r\nA,B,1\r\n`);
    const without = toCsv(columns, [], { bom: false });
    expect(without).toBe('Name,Note,Monthly revenue\r\n');
  });

  it('for any text: reads back as written, or apostrophe-prefixed when it could run as a formula', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 40 }), (name, note) => {
        const [, row] = readBack(toCsv(columns, [{ name, note, revenue: 1 }]));
        for (const [written, read] of [[name, row?.[0]], [note, row?.[1]]] as const) {
          const dangerous = /^[=+\-@\t\r\n\0]/.test(written);
          expect(read).toBe(dangerous ? `'${written}` : written);
        }
      }),
      { numRuns: 300 },
    );
  });
});
