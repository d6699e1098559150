/**
 * The organisation's currency: an ISO 4217 code, one for the whole organisation (revenue is summed
 * across desks and on the hub, so every desk must mean the same unit).
 */

export function isCurrencyCode(code: unknown): code is string {
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) return false;
  try {
    return Intl.supportedValuesOf('currency').includes(code);
  } catch {
    return true;
  }
}

/** Signs that name one currency on their own. "$" and "kr" are shared by several and name none. */
const SIGNS: Record<string, string> = {
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  '₽': 'RUB',
  '₺': 'TRY',
  '₪': 'ILS',
  '₫': 'VND',
  '₱': 'PHP',
  'zł': 'PLN',
  'CHF': 'CHF',
  'R$': 'BRL',
  'US$': 'USD',
  'C$': 'CAD',
  'CA$': 'CAD',
  'A$': 'AUD',
  'AU$': 'AUD',
  'NZ$': 'NZD',
  'MX$': 'MXN',
};

/**
 * The currency an import's amounts are written in, read from their signs or codes ("1.234,56 EUR",
 * "€ 12", "£3.50"): the one currency named by every amount that names one, or null when none does or
 * they disagree.
 */
export function currencyFromAmounts(texts: Iterable<string>): string | null {
  let found: string | null = null;
  for (const text of texts) {
    const code = currencyOf(text);
    if (code === null) continue;
    if (found !== null && found !== code) return null;
    found = code;
  }
  return found;
}

function currencyOf(text: string): string | null {
  const letters = /\b([A-Z]{3})\b/.exec(text);
  if (letters?.[1] && isCurrencyCode(letters[1])) return letters[1];
  for (const sign of Object.keys(SIGNS).sort((a, b) => b.length - a.length)) {
    if (text.includes(sign)) return SIGNS[sign] ?? null;
  }
  return null;
}

/**
 * The currency of a locale's region, for a new console that has imported nothing yet: the regions of
 * the shipped languages and their neighbours. Without a region, or one not listed, the language's
 * most common one; US dollars only as the last resort.
 */
const BY_REGION: Record<string, string> = {
  US: 'USD', GB: 'GBP', IE: 'EUR', CA: 'CAD', AU: 'AUD', NZ: 'NZD', IN: 'INR', ZA: 'ZAR',
  DE: 'EUR', AT: 'EUR', CH: 'CHF', LI: 'CHF', LU: 'EUR', BE: 'EUR', NL: 'EUR',
  FR: 'EUR', MC: 'EUR',
  ES: 'EUR', MX: 'MXN', AR: 'ARS', CO: 'COP', CL: 'CLP', PE: 'PEN',
  IT: 'EUR', PT: 'EUR', BR: 'BRL', FI: 'EUR', GR: 'EUR', SE: 'SEK', NO: 'NOK', DK: 'DKK', PL: 'PLN', JP: 'JPY',
};
const BY_LANGUAGE: Record<string, string> = { de: 'EUR', fr: 'EUR', es: 'EUR', en: 'USD' };

export function currencyForLocale(locale: string): string {
  let region: string | undefined;
  let language = locale.toLowerCase().split(/[-_]/)[0] ?? '';
  try {
    const parsed = new Intl.Locale(locale.replace('_', '-'));
    region = parsed.region;
    language = parsed.language;
  } catch {
    // Not a locale Intl reads: fall through to the language's default.
  }
  return (region && BY_REGION[region]) || BY_LANGUAGE[language] || 'USD';
}
