/**
 * CSV that opens correctly in Excel and LibreOffice and cannot run there as a formula.
 * RFC 4180 quoting, CRLF line ends, UTF-8 with an optional byte-order mark (Excel on Windows reads
 * a file without one as the local code page and garbles non-Latin names).
 */
export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
  /**
   * The column has few distinct values (labels, names looked up by id): a streamed export encodes
   * each value's cell once and remembers it, instead of checking the same text on every row.
   */
  repeats?: boolean;
  /**
   * With `repeats`: what the cell is remembered by, when that is cheaper to read than the value
   * (the id a name is looked up by, the code a label is shown for). It must decide the value.
   */
  key?: (row: T) => string | number | null;
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
/** The same characters by code, for a check on every cell of a million-row export without a lookup by string. */
const IS_TRIGGER = new Uint8Array(128);
for (const ch of FORMULA_TRIGGERS) IS_TRIGGER[ch.charCodeAt(0)] = 1;

/** Prefixes text a spreadsheet could run as a formula with an apostrophe, the OWASP advice. */
export function neutraliseFormula(text: string): string {
  // charCodeAt(0) of an empty string is NaN, which is not below 128.
  const first = text.charCodeAt(0);
  return first < 128 && IS_TRIGGER[first] === 1 ? `'${text}` : text;
}

/** A cell needs quotes when it holds a quote, the separator or a line break: one scan, not four. */
const NEEDS_QUOTES: Record<string, RegExp> = { ',': /[",\r\n]/, ';': /[";\r\n]/, '\t': /["\t\r\n]/ };

/** One cell: numbers as written, text neutralised and quoted when it holds a quote, separator or line break. */
export function csvCell(value: CsvValue, separator: string = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const safe = neutraliseFormula(value);
  const pattern = NEEDS_QUOTES[separator];
  const needsQuotes = pattern
    ? pattern.test(safe)
    : safe.includes('"') || safe.includes(separator) || safe.includes('\n') || safe.includes('\r');
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

/** Distinct values a `repeats` column remembers the cells of; beyond these, cells are encoded anew. */
const REMEMBERED_CELLS = 4096;

/**
 * Lines for rows of these columns, as csvRow writes them; columns marked `repeats` remember the
 * cell of each value (or key) they have seen. One writer per export: the remembered cells are its own.
 */
export function csvRowWriter<T>(columns: readonly CsvColumn<T>[], separator: string = ','): (row: T) => string {
  const values = columns.map((c) => c.value);
  const keys = columns.map((c) => (c.repeats ? (c.key ?? null) : null));
  const remembered = columns.map((c) => (c.repeats ? new Map<CsvValue, string>() : null));
  return (row) => {
    let line = '';
    for (let i = 0; i < values.length; i += 1) {
      if (i > 0) line += separator;
      const value = values[i] as (row: T) => CsvValue;
      const cells = remembered[i];
      if (!cells) {
        line += csvCell(value(row), separator);
        continue;
      }
      const key = keys[i];
      const by: CsvValue = key ? key(row) : value(row);
      let cell = cells.get(by);
      if (cell === undefined) {
        cell = csvCell(key ? value(row) : by, separator);
        if (cells.size < REMEMBERED_CELLS) cells.set(by, cell);
      }
      line += cell;
    }
    return line + CSV_LINE_END;
  };
}

/** A whole (small) table as CSV text; large exports stream row by row with csvHeader and csvRow. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>, options: CsvOptions = {}): string {
  let out = csvHeader(columns, options);
  for (const row of rows) out += csvRow(columns, row, options.separator);
  return out;
}
