import { said, type Said } from '../../../shared/i18n/said';
/**
 * Cell values as real exports write them: decimal commas, thousands separators, currency signs,
 * blank cells, dates in a few spellings (slashed ones read as the file's format says). Each parser returns the value, null for a
 * blank cell, or an error message.
 */
/** A failure carries its English words (the command line) and the same sentence by key (the preview). */
export type Parsed<T> = { ok: true; value: T | null } | { ok: false; message: string; said: Said };

const CURRENCY = /^(?:[$€£¥]|USD|EUR|GBP|CHF)\s*|\s*(?:[$€£¥]|USD|EUR|GBP|CHF)$/gi;
const SPACES = /[\s\u00a0\u202f\u2009']/g;
const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;
const PLAIN_WHOLE = /^\d+$/;

/**
 * A decimal number. `decimalComma` is the file's convention (true for `;`-separated exports):
 * it decides "1,234" and "1.234", the only spellings that are ambiguous on their own.
 */
export function parseDecimal(raw: string, decimalComma: boolean): Parsed<number> {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: true, value: null };
  // Most cells are plain digits with at most a decimal point, which no rule below changes (a dot
  // is a thousands separator only in files that write decimal commas).
  if (decimalComma ? PLAIN_WHOLE.test(trimmed) : PLAIN_DECIMAL.test(trimmed)) return { ok: true, value: Number(trimmed) };
  let s = trimmed.replace(CURRENCY, '').replace(SPACES, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Both appear: whichever comes last separates the decimals.
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    const groups = s.split(',').length - 1;
    const decimals = s.length - lastComma - 1;
    s = groups === 1 && (decimalComma || decimals !== 3) ? s.replace(',', '.') : s.replace(/,/g, '');
  } else if (lastDot >= 0) {
    const groups = s.split('.').length - 1;
    const decimals = s.length - lastDot - 1;
    if (groups > 1 || (decimalComma && decimals === 3)) s = s.replace(/\./g, '');
  }
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { ok: false, message: `"${trimmed}" is not a number.`, said: said('errors.importRow.notANumber', { value: trimmed }) };
  return { ok: true, value: Number(s) };
}

export function parseWholeNumber(raw: string, decimalComma: boolean): Parsed<number> {
  const n = parseDecimal(raw, decimalComma);
  if (!n.ok || n.value === null) return n;
  if (!Number.isInteger(n.value)) return { ok: false, message: `"${raw.trim()}" is not a whole number.`, said: said('errors.importRow.notWhole', { value: raw.trim() }) };
  return n;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASHED_ISO = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SLASHED = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/;

export type DateFormat = 'dmy' | 'mdy';
const FORMAT_WORDS: Record<DateFormat, string> = { dmy: 'day first (DD/MM/YYYY)', mdy: 'month first (MM/DD/YYYY)' };

/** The two numbers before the year of a date written with slashes (03/04/2026), or null for any other spelling. */
export function slashedParts(raw: string): [number, number] | null {
  const m = SLASHED.exec(raw.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/**
 * A calendar date as YYYY-MM-DD. Dates with slashes (03/04/2026) are read as `format` says; without
 * one they are refused rather than guessed: a wrong guess would put customers in the wrong cycle
 * without anyone noticing. (The import works the format out from the whole column: dateFormat.ts.)
 */
export function parseDate(raw: string, format?: DateFormat): Parsed<string> {
  const s = raw.trim();
  if (s === '') return { ok: true, value: null };
  let m = ISO.exec(s) ?? SLASHED_ISO.exec(s);
  let date: string | null = null;
  if (m) date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  else if ((m = DOTTED.exec(s))) date = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  else if ((m = SLASHED.exec(s))) {
    if (format === undefined) {
      return {
        ok: false,
        message: `"${s}" could be read day first or month first: choose whether dates are day first (DD/MM/YYYY) or month first (MM/DD/YYYY) in the preview.`,
        said: said('errors.importRow.dateAmbiguous', { value: s }),
      };
    }
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    date = format === 'dmy' ? isoDate(y, b, a) : isoDate(y, a, b);
    if (date === null) return { ok: false, message: `"${s}" is not a date written ${FORMAT_WORDS[format]}, as this file's dates are read.`, said: said(`errors.importRow.notDate.${format}`, { value: s }) };
  }
  if (date === null) return { ok: false, message: `"${s}" is not a date; write dates as YYYY-MM-DD (or DD.MM.YYYY).`, said: said('errors.importRow.notDate.any', { value: s }) };
  return { ok: true, value: date };
}

export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** Trimmed text, null when blank, an error when longer than `max`. */
export function parseText(raw: string, max: number): Parsed<string> {
  const s = raw.trim();
  if (s === '') return { ok: true, value: null };
  if (s.length > max) return { ok: false, message: `The text is ${s.length} characters long; at most ${max} fit.`, said: said('errors.importRow.tooLong', { length: s.length, max }) };
  return { ok: true, value: s };
}
