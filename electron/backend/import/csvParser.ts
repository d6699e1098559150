import { said } from '../../../shared/i18n/said';
import { ImportFileError } from './errors';

export interface CsvRecord {
  /** The line of the file the record starts on (the header is line 1). */
  line: number;
  fields: string[];
}

/** Longer records are nearly always a quote that is never closed; refusing them bounds memory. */
export const MAX_RECORD_CHARS = 1_000_000;

const QUOTE = 34;
const LF = 10;
const CR = 13;

type RecordDelimiter = '' | '\n' | '\r\n' | '\r';

/** What parsing one record from a position found. */
const NEED_MORE = -1;

/**
 * An incremental CSV parser for decoded text, fed chunk by chunk.
 *
 * Why not a library: the import read files with csv-parse, which alone took 3.4 s of a 100,000-row
 * import (measured beside this parser at 0.38 s on the benchmark's file; papaparse 0.51 s). Papaparse
 * was the other candidate, but it gives no line number per record (every row error names its line)
 * and reads stray quotes differently from csv-parse, so files that imported before would import
 * differently. This parser keeps csv-parse's reading exactly, proven by the differential test in
 * test/unit/import-csv-parser.test.ts; csv-parse still reads the small files (demo, indicators).
 * It reads exports the way the
 * import always has (csv-parse with relax_quotes, relax_column_count and no skipping of blank
 * lines), checked against csv-parse by a differential test, at a fraction of the cost: fields are
 * sliced out of the chunk instead of being copied a character at a time, and a whole chunk of
 * records comes back from one call.
 *
 * - The record delimiter is the first line break outside quotes (CRLF, LF or CR); from then on only
 *   that one ends a record, and the others are text.
 * - A field that starts with `"` is quoted: `""` inside is one quote, separators and line breaks are
 *   text. A closing quote followed by anything but a separator or the end of the record does not
 *   close it: the value keeps both quotes and runs on to the next separator, as csv-parse's
 *   relax_quotes does. A quote anywhere else is text.
 * - A blank line is a record with one empty field; the caller decides to skip it.
 * - Each record carries the line it starts on, counting every LF, including those inside values.
 */
export class CsvParser {
  private text = '';
  private line = 1;
  private recordDelimiter: RecordDelimiter = '';
  private readonly delimiter: number;
  // Scratch state of the record being parsed, kept on the instance to avoid allocations per record.
  private fields: string[] = [];
  private recordChars = 0;
  private newlines = 0;

  constructor(
    separator: ',' | ';',
    private readonly maxRecordChars: number = MAX_RECORD_CHARS,
  ) {
    this.delimiter = separator.charCodeAt(0);
  }

  /** Adds decoded text; returns the records it completes. An unfinished last record waits for more. */
  push(chunk: string, out: CsvRecord[] = []): CsvRecord[] {
    this.text = this.text.length === 0 ? chunk : this.text + chunk;
    this.parse(false, out);
    return out;
  }

  /** The end of the file: the last record, even without a line break after it. */
  end(out: CsvRecord[] = []): CsvRecord[] {
    this.parse(true, out);
    return out;
  }

  private parse(final: boolean, out: CsvRecord[]): void {
    const text = this.text;
    let pos = 0;
    while (pos < text.length) {
      const start = this.line;
      const next = this.record(text, pos, final);
      if (next === NEED_MORE) break;
      out.push({ line: start, fields: this.fields });
      this.fields = [];
      this.line += 1 + this.newlines;
      pos = next;
    }
    this.text = pos === 0 ? text : text.slice(pos);
  }

  /** Parses the record at `pos` into this.fields; returns where the next one starts, or NEED_MORE. */
  private record(text: string, pos: number, final: boolean): number {
    this.fields = [];
    this.recordChars = 0;
    this.newlines = 0;
    const len = text.length;
    const delimiter = this.delimiter;
    for (;;) {
      let value: string;
      let p = pos;
      if (text.charCodeAt(p) === QUOTE) {
        // A quoted field: chunks between quotes, `""` for a quote.
        value = '';
        p += 1;
        let closed = false;
        for (;;) {
          const q = text.indexOf('"', p);
          if (q === -1) {
            this.countNewlines(text, p, len);
            this.checkSize(value.length + (len - p));
            if (final) {
              throw new ImportFileError(said('errors.importFile.quoteNeverClosed', { line: String(this.line) }), this.line);
            }
            return NEED_MORE;
          }
          this.countNewlines(text, p, q);
          value += text.slice(p, q);
          this.checkSize(value.length);
          if (q + 1 >= len && !final) return NEED_MORE;
          const after = text.charCodeAt(q + 1);
          if (after === QUOTE) {
            value += '"';
            p = q + 2;
            continue;
          }
          if (q + 1 >= len || after === delimiter) {
            p = q + 1;
            closed = true;
            break;
          }
          const breakLength = this.lineBreakAt(text, q + 1, final);
          if (breakLength === NEED_MORE) return NEED_MORE;
          if (breakLength > 0) {
            p = q + 1;
            closed = true;
            break;
          }
          // Text after the closing quote: the value keeps its quotes and goes on unquoted.
          value = `"${value}"`;
          p = q + 1;
          break;
        }
        if (!closed) {
          const rest = this.unquoted(text, p, final);
          if (rest === NEED_MORE) return NEED_MORE;
          value += text.slice(p, rest);
          p = rest;
        }
      } else {
        const end = this.unquoted(text, p, final);
        if (end === NEED_MORE) return NEED_MORE;
        value = text.slice(p, end);
        p = end;
      }
      this.recordChars += value.length;
      this.checkSize(0);
      this.fields.push(value);
      // p is at a separator, a line break or the end of the text.
      if (p >= len) return p;
      if (text.charCodeAt(p) === delimiter) {
        pos = p + 1;
        if (pos >= len && !final) return NEED_MORE;
        continue;
      }
      return p + this.recordDelimiter.length;
    }
  }

  /**
   * Where an unquoted stretch of text from `p` ends: at a separator, at the record delimiter, or at
   * the end of the file. NEED_MORE when the text runs out first.
   */
  private unquoted(text: string, p: number, final: boolean): number {
    const len = text.length;
    const delimiter = this.delimiter;
    let e = p;
    for (; e < len; e += 1) {
      const c = text.charCodeAt(e);
      if (c === delimiter) return e;
      if (c === LF || c === CR) {
        const breakLength = this.lineBreakAt(text, e, final);
        if (breakLength === NEED_MORE) return NEED_MORE;
        if (breakLength > 0) return e;
        if (c === LF) this.newlines += 1;
      }
    }
    if (!final) {
      this.checkSize(e - p);
      return NEED_MORE;
    }
    return e;
  }

  /**
   * The length of the record delimiter at `i` (0 when the character there is text). The first line
   * break outside quotes decides the delimiter for the whole file.
   */
  private lineBreakAt(text: string, i: number, final: boolean): number {
    const c = text.charCodeAt(i);
    if (c !== LF && c !== CR) return 0;
    if (this.recordDelimiter === '') {
      if (c === CR && i + 1 >= text.length && !final) return NEED_MORE;
      this.recordDelimiter = c === LF ? '\n' : text.charCodeAt(i + 1) === LF ? '\r\n' : '\r';
      return this.recordDelimiter.length;
    }
    switch (this.recordDelimiter) {
      case '\n':
        return c === LF ? 1 : 0;
      case '\r':
        return c === CR ? 1 : 0;
      default:
        if (c !== CR) return 0;
        if (i + 1 >= text.length && !final) return NEED_MORE;
        return text.charCodeAt(i + 1) === LF ? 2 : 0;
    }
  }

  private countNewlines(text: string, from: number, to: number): void {
    for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) this.newlines += 1;
  }

  /** Refuses a record whose values, with `pending` more characters, pass the limit. */
  private checkSize(pending: number): void {
    if (this.recordChars + pending > this.maxRecordChars) {
      throw new ImportFileError(said('errors.importFile.rowTooLong', { line: String(this.line), max: this.maxRecordChars }), this.line);
    }
  }
}
