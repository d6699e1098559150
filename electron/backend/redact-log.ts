import type { Logger } from './types';

type Fields = Record<string, string | number | boolean>;

/**
 * The last guard before a log line is written: logs leave the desk in support tickets, so customer
 * names, phone numbers and emails must never reach them. Fields whose name says they hold such data
 * are dropped whatever their value; text that looks like an email or a phone number is masked in the
 * message and in every string field. Callers should not rely on it: it catches mistakes.
 */
const SENSITIVE_FIELD = /name|phone|mobile|mail|address/i;
const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/gi;
/**
 * Runs of digits with phone separators, standing alone: not glued to letters or other digits, so the
 * hex groups of a UUID or a version string are not mistaken for one.
 */
const PHONE_CANDIDATE = /(?<![\w.+-])\+?\(?\d[\d ().-]{5,}\d(?![\w])/g;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/g;

export const REDACTED_EMAIL = '[email removed]';
export const REDACTED_PHONE = '[phone removed]';

function looksLikePhone(run: string): boolean {
  // ISO dates (2026-11-16), alone or followed by an hour, are not phone numbers.
  const digits = run.replace(ISO_DATE, '').replace(/\D/g, '').length;
  return digits >= 7 && digits <= 17;
}

export function redactText(text: string): string {
  return text
    .replace(EMAIL, REDACTED_EMAIL)
    .replace(PHONE_CANDIDATE, (run) => (looksLikePhone(run) ? REDACTED_PHONE : run));
}

export function redactFields(fields: Fields | undefined): Fields | undefined {
  if (!fields) return undefined;
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SENSITIVE_FIELD.test(key)) continue;
    out[key] = typeof value === 'string' ? redactText(value) : value;
  }
  return out;
}

export function redactingLogger(inner: Logger): Logger {
  const wrap = (write: Logger['info']) => (message: string, fields?: Fields) => write(redactText(message), redactFields(fields));
  return { info: wrap(inner.info.bind(inner)), warn: wrap(inner.warn.bind(inner)), error: wrap(inner.error.bind(inner)) };
}

/**
 * The same guard for anything else that reaches the log file (uncaught errors, library messages):
 * every argument becomes redacted text. An error keeps its name and stack frames, with its message
 * masked, since messages can quote the data that failed.
 */
export function redactLogData(data: readonly unknown[]): string[] {
  return data.map((item) => {
    if (item instanceof Error) {
      const frames = (item.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
      return [`${item.name}: ${redactText(item.message)}`, ...frames].join('\n');
    }
    if (typeof item === 'string') return redactText(item);
    if (typeof item === 'number' || typeof item === 'boolean' || item === null || item === undefined) return String(item);
    try {
      const json = JSON.stringify(item) as string | undefined;
      return json === undefined ? '[unprintable value]' : redactText(json);
    } catch {
      return '[unprintable value]';
    }
  });
}
