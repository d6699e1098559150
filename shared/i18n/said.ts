/**
 * A sentence the core says to a person, as a catalogue key and its parameters instead of words: the
 * window says it in the person's language and formats its amounts, numbers and times by the person's
 * locale (an error, the queue's "why", a calling-hours reason, an import's warning). The core renders
 * the same value in English for the command line and its logs.
 *
 * A parameter is a plain string (a name, an id, a time zone: data, said as written), a number
 * (formatted by the locale; `count` also picks the plural), a decimal read from a file, an amount in a currency, a signed score,
 * a wall-clock time in a zone, a calendar day, another sentence, or a list of any of these.
 */
export interface Said {
  key: string;
  params?: Record<string, SaidParam> | undefined;
}
export type SaidParam =
  | string
  | number
  | { amount: number; currency: string }
  | { signed: number }
  /** A number written without thousands separators: a value read from a file, where a separator would mislead. */
  | { decimal: number }
  | { at: string; timeZone: string }
  | { day: string }
  | Said
  | { list: SaidParam[]; join: 'and' | 'comma' | 'sentences' };

/** Builds a sentence; the key is checked against the English catalogue where the caller types it. */
export function said(key: string, params?: Record<string, SaidParam>): Said {
  return params === undefined ? { key } : { key, params };
}

/** What renders a key with its filled parameters: i18next's `t` for one language. */
export type Translate = (key: string, params: Record<string, unknown>) => string;

/**
 * A sentence in words, by a language's translator and formatting locale. The library interpolates and
 * picks plurals; this only turns the structured parameters into the locale's words first.
 */
export function renderSaid(value: Said, translate: Translate, locale: string): string {
  const params: Record<string, unknown> = {};
  for (const [name, param] of Object.entries(value.params ?? {})) {
    // `count` stays a number: i18next picks the plural form from it (and shows it as written).
    params[name] = name === 'count' && typeof param === 'number' ? param : renderParam(param, translate, locale);
  }
  return translate(value.key, params);
}

function renderParam(param: SaidParam, translate: Translate, locale: string): string {
  if (typeof param === 'string') return param;
  if (typeof param === 'number') return formatter(locale, 'number').format(param);
  if ('key' in param) return renderSaid(param, translate, locale);
  if ('amount' in param) return currencyFormatter(locale, param.currency).format(param.amount);
  if ('signed' in param) return formatter(locale, 'signed').format(param.signed);
  if ('decimal' in param) return formatter(locale, 'decimal').format(param.decimal);
  if ('day' in param) return formatter(locale, 'day').format(new Date(`${param.day}T00:00:00Z`));
  if ('at' in param) return zoneFormatter(locale, param.timeZone).format(new Date(param.at));
  const words = param.list.map((item) => renderParam(item, translate, locale));
  if (param.join === 'sentences') return words.join(' ');
  // A priority's parts read as a plain enumeration ("revenue +31, 2 attempts -20"), not a sentence with "and".
  if (param.join === 'comma') return words.join(', ');
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(words);
}

/** Making an Intl formatter costs tens of microseconds, using one a few: kept per locale and kind. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function kept<T extends Intl.NumberFormat | Intl.DateTimeFormat>(id: string, make: () => T): T {
  let f = formatters.get(id);
  if (!f) {
    f = make();
    // Locales, currencies and zones are few; the bound only guards against a flood of odd zones.
    if (formatters.size > 500) formatters.clear();
    formatters.set(id, f);
  }
  return f as T;
}

function formatter(locale: string, kind: 'number' | 'signed' | 'decimal'): Intl.NumberFormat;
function formatter(locale: string, kind: 'day'): Intl.DateTimeFormat;
function formatter(locale: string, kind: 'number' | 'signed' | 'decimal' | 'day'): Intl.NumberFormat | Intl.DateTimeFormat {
  if (kind === 'decimal') return kept(`${locale} decimal`, () => new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 6 }));
  if (kind === 'day') return kept(`${locale} day`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }));
  if (kind === 'signed') return kept(`${locale} signed`, () => new Intl.NumberFormat(locale, { signDisplay: 'always', maximumFractionDigits: 1 }));
  return kept(`${locale} number`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }));
}

function currencyFormatter(locale: string, currency: string): Intl.NumberFormat {
  return kept(`${locale} ${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency }));
}

/** A wall-clock time as the customer's zone reads it: calling hours and callbacks are theirs. */
function zoneFormatter(locale: string, timeZone: string): Intl.DateTimeFormat {
  return kept(`${locale} at ${timeZone}`, () => {
    try {
      return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    } catch {
      return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short', timeZoneName: 'short' });
    }
  });
}
