/**
 * Amounts, numbers and dates in the person's language and the organisation's currency. Set once when
 * the language or the currency changes (renderer/src/i18n), then read by every view: formatters are
 * built once per setting, not per cell.
 */
let locale = 'en';
let currencyCode = 'USD';
let money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' });
let wholeMoney = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
let compactMoney = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });
let integer = new Intl.NumberFormat(locale);
let percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
let date = new Intl.DateTimeFormat(locale);
let dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
let day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });

export function setFormatting(nextLocale: string, currency: string): void {
  locale = nextLocale;
  currencyCode = currency;
  money = new Intl.NumberFormat(locale, { style: 'currency', currency });
  wholeMoney = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  compactMoney = new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  integer = new Intl.NumberFormat(locale);
  percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  date = new Intl.DateTimeFormat(locale);
  dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
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
  return value === null ? '—' : money.format(value);
}

/** Without cents: for figures in a table header or a chart label. */
export function formatWholeMoney(value: number): string {
  return wholeMoney.format(value);
}

/** Axis ticks: "1.2K $" / "1,2 k €", the locale's own short form. */
export function formatCompactMoney(value: number): string {
  return compactMoney.format(value);
}

export function formatCount(value: number): string {
  return integer.format(value);
}

/** A share (0.123) as the locale writes a percentage ("12.3%", "12,3 %"). */
export function formatPercent(share: number): string {
  return percent.format(share);
}

export function formatDate(iso: string | null): string {
  return iso ? date.format(new Date(iso)) : '—';
}

export function formatDateTime(iso: string | null): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

/**
 * A calendar day (YYYY-MM-DD) in the person's own words. Read as UTC so the day never shifts with
 * the desk's time zone: 28 February stays 28 February.
 */
export function formatDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  return day.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}
