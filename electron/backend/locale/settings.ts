import type { Db } from '../../../db/open';
import { getSetting, setSetting } from '../../../db/repos/settings';
import { currencyForLocale, isCurrencyCode } from '../../../shared/i18n/currency';
import { isLanguage, isUiLanguage, negotiateLanguage, type Language, type UiLanguage } from '../../../shared/i18n/languages';

export const LOCALE_SETTING_KEYS = {
  /** Chosen at first run: the language of people on this desk who have not chosen one. */
  deskLanguage: 'desk.language',
  currency: 'org.currency',
  /** The language the company writes to its customers in: default messages are sent in it. */
  customerLanguage: 'org.customerLanguage',
} as const;

const personLanguageKey = (personId: string) => `person.${personId}.language`;

/** A person's language, else the desk's; null when neither was chosen (the system's applies). */
export function languageOf(db: Db, personId: string | null): UiLanguage | null {
  const own = personId ? getSetting<unknown>(db, personLanguageKey(personId)) : undefined;
  if (isUiLanguage(own)) return own;
  const desk = getSetting<unknown>(db, LOCALE_SETTING_KEYS.deskLanguage);
  return isUiLanguage(desk) ? desk : null;
}

export function setLanguageOf(db: Db, personId: string | null, language: UiLanguage | null): void {
  setSetting(db, personId ? personLanguageKey(personId) : LOCALE_SETTING_KEYS.deskLanguage, language);
}

/** The system's own locale, for defaults: the process's under `winback serve` and the desktop alike. */
export function systemLocale(): string {
  return Intl.DateTimeFormat().resolvedOptions().locale;
}

export function organisationCurrency(db: Db): { currency: string; source: 'setting' | 'system' } {
  const stored = getSetting<unknown>(db, LOCALE_SETTING_KEYS.currency);
  if (isCurrencyCode(stored)) return { currency: stored, source: 'setting' };
  return { currency: currencyForLocale(systemLocale()), source: 'system' };
}

export function setOrganisationCurrency(db: Db, currency: string): void {
  setSetting(db, LOCALE_SETTING_KEYS.currency, currency);
}

/**
 * The first import's amounts name the currency when nothing else has ("1.234,56 EUR", "€ 12"): kept
 * as the organisation's, unless a manager chose one already. Returns whether it was kept.
 */
export function adoptImportedCurrency(db: Db, detected: string | null): boolean {
  if (detected === null || !isCurrencyCode(detected) || organisationCurrency(db).source === 'setting') return false;
  setOrganisationCurrency(db, detected);
  return true;
}

/**
 * The language the company writes to its customers in. Kept from the first manager's language at
 * setup (`adoptCustomerLanguage`). A console set up before the setting existed writes in its desk's
 * language, else in English, as it always did. A pseudo-language tests the window, never customers.
 */
export function customerLanguage(db: Db): { language: Language; source: 'setting' | 'desk' } {
  const stored = getSetting<unknown>(db, LOCALE_SETTING_KEYS.customerLanguage);
  if (isLanguage(stored)) return { language: stored, source: 'setting' };
  const desk = languageOf(db, null);
  return { language: isLanguage(desk) ? desk : 'en', source: 'desk' };
}

export function setCustomerLanguage(db: Db, language: Language): void {
  setSetting(db, LOCALE_SETTING_KEYS.customerLanguage, language);
}

/**
 * At setup, the first manager's language (their own choice, the desk's, else the system's, as their
 * window shows it) becomes the one the company writes in, unless a manager chose one already.
 */
export function adoptCustomerLanguage(db: Db, managerId: string): void {
  if (customerLanguage(db).source === 'setting') return;
  const own = languageOf(db, managerId);
  setCustomerLanguage(db, isLanguage(own) ? own : negotiateLanguage([systemLocale()]));
}
