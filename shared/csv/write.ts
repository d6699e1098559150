/**
 * CSV that opens correctly in Excel and LibreOffice and cannot run there as a formula.
 * RFC 4180 quoting, CRLF line ends, UTF-8 with an optional byte-order mark (Excel on Windows reads
 * a file without one as the local code page and garbles non-Latin names).
 */
export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark; on by default because Excel needs it. */
  bom?: boolean;
  separator?: ',' | ';' | '\t';
}

export const UTF8_BOM = '\uFEFF';
export const CSV_LINE_END = '\r\n';

/**
 * Spreadsheets treat a cell starting with one of these as a formula (or, for the control
 * characters, strip them and look again). Checked on the first character only, so a multi-line
 * value starting with "=" is caught too: PapaParse's pattern misses it (ARCHITECTURE.md).
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\0']);

/** Prefixes text a spreadsheet could run as a formula with an apostrophe, the OWASP advice. */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text.charAt(0)) ? `'${text}` : text;
}

/** One cell: numbers as written, text neutralised and quoted when it holds a quote, separator or line break. */
export function csvCell(value: CsvValue, separator: string = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const safe = neutraliseFormula(value);
  const needsQuotes = safe.includes('"') || safe.includes(separator) || safe.includes('\n') || safe.includes('\r');
  return needsQuotes ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly CsvValue[], separator: string = ','): string {
  return values.map((v) => csvCell(v, separator)).join(separator) + CSV_LINE_END;
}

export function csvHeader<T>(columns: readonly CsvColumn<T>[], options: CsvOptions = {}): string {
  const bom = options.bom ?? true;
  return (bom ? UTF8_BOM : '') + csvLine(columns.map((c) => c.header), options.separator);
}

/** One line per row; a plain loop, without the two arrays map and join make (an export writes a million). */
export function csvRow<T>(columns: readonly CsvColumn<T>[], row: T, separator: string = ','): string {
  let line = '';
  for (let i = 0; i < columns.length; i += 1) {
    const column = columns[i];
    if (i > 0) line += separator;
    if (column) line += csvCell(column.value(row), separator);
  }
  return line + CSV_LINE_END;
}

/** A whole (small) table as CSV text; large exports stream row by row with csvHeader and csvRow. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>, options: CsvOptions = {}): string {
  let out = csvHeader(columns, options);
  for (const row of rows) out += csvRow(columns, row, options.separator);
  return out;
}
