/**
 * Amounts, numbers and dates in the person's language and the organisation's currency. Set once when
 * the language or the currency changes (renderer/src/i18n), then read by every view: formatters are
 * built once per setting, not per cell.
 */
let locale = 'en';
let currencyCode = 'USD';

/**
 * Each formatter is built when first used after a change, not with the change: building one is a
 * fraction of a millisecond to a few (Chromium loads its locale data then), and the Queue's first
 * paint uses two of the eight.
 */
function formatter<T>(make: () => T): { get: () => T; reset: () => void } {
  let built: T | null = null;
  return {
    get: () => (built ??= make()),
    reset: () => {
      built = null;
    },
  };
}

const money = formatter(() => new Intl.NumberFormat(locale, { style: 'currency', currency: currencyCode }));
const wholeMoney = formatter(() => new Intl.NumberFormat(locale, { style: 'currency', currency: currencyCode, maximumFractionDigits: 0 }));
const compactMoney = formatter(() => new Intl.NumberFormat(locale, { style: 'currency', currency: currencyCode, notation: 'compact', maximumFractionDigits: 1 }));
const integer = formatter(() => new Intl.NumberFormat(locale));
const percent = formatter(() => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }));
const date = formatter(() => new Intl.DateTimeFormat(locale));
const dateTime = formatter(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }));
const day = formatter(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }));
const FORMATTERS = [money, wholeMoney, compactMoney, integer, percent, date, dateTime, day];

export function setFormatting(nextLocale: string, currency: string): void {
  if (nextLocale === locale && currency === currencyCode) return;
  locale = nextLocale;
  currencyCode = currency;
  for (const f of FORMATTERS) f.reset();
}

/** The locale numbers and dates are formatted in now (for a library that takes one, e.g. a chart). */
export function formattingLocaleNow(): string {
  return locale;
}

/** The organisation's currency now (ISO 4217), for a CSV header that names the unit of its amounts. */
export function formattingCurrencyNow(): string {
  return currencyCode;
}

/** A difference of two shares in percentage points, signed ("+4.2", "−1,5"): the words around it are the catalogue's. */
export function formatSignedPoints(share: number): string {
  return new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share * 100);
}

/** A whole percentage (10 → "10%", "10 %"): a share a person chose in whole percent. */
export function formatWholePercent(percentValue: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(percentValue / 100);
}

/** A rate with one decimal ("4.5", "4,5"): calls per hour. */
export function formatOneDecimal(value: number): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

export function formatMoney(value: number | null): string {
  return value === null ? '—' : money.get().format(value);
}

/** Without cents: for figures in a table header or a chart label. */
export function formatWholeMoney(value: number): string {
  return wholeMoney.get().format(value);
}

/** Axis ticks: "1.2K $" / "1,2 k €", the locale's own short form. */
export function formatCompactMoney(value: number): string {
  return compactMoney.get().format(value);
}

export function formatCount(value: number): string {
  return integer.get().format(value);
}

/** A share (0.123) as the locale writes a percentage ("12.3%", "12,3 %"). */
export function formatPercent(share: number): string {
  return percent.get().format(share);
}

export function formatDate(iso: string | null): string {
  return iso ? date.get().format(new Date(iso)) : '—';
}

export function formatDateTime(iso: string | null): string {
  return iso ? dateTime.get().format(new Date(iso)) : '—';
}

/**
 * A calendar day (YYYY-MM-DD) in the person's own words. Read as UTC so the day never shifts with
 * the desk's time zone: 28 February stays 28 February.
 */
export function formatDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  return day.get().format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}
