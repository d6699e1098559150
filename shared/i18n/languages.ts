/**
 * The languages the console ships, complete (a test fails when a catalogue lacks a key English has),
 * and two pseudo-languages for testing: every English string accented and lengthened, which shows
 * any text that bypasses the catalogue and any box too narrow for a longer language, and the same
 * mirrored right to left.
 */
export const LANGUAGES = ['en', 'es', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const PSEUDO_LANGUAGES = ['en-XA', 'ar-XB'] as const;
export type PseudoLanguage = (typeof PSEUDO_LANGUAGES)[number];

export type UiLanguage = Language | PseudoLanguage;

/** Each language's own name for itself: what a person looks for in a list, whatever is on screen now. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  es: 'Español',
  de: 'Deutsch',
  fr: 'Français',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isUiLanguage(value: unknown): value is UiLanguage {
  return isLanguage(value) || (typeof value === 'string' && (PSEUDO_LANGUAGES as readonly string[]).includes(value));
}

/**
 * The shipped language closest to what the system asks for (navigator.languages, or the process's
 * locale): the first whose primary subtag matches, else English.
 */
export function negotiateLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

export function isRightToLeft(language: UiLanguage): boolean {
  return language === 'ar-XB';
}

/**
 * The locale Intl formats numbers, amounts and dates in. The pseudo-languages format as English:
 * they test the words around the numbers, not the numbers. A region from the system (de-AT, fr-CA)
 * is kept when it belongs to the chosen language.
 */
export function formattingLocale(language: UiLanguage, systemLocale?: string): string {
  if (language === 'en-XA' || language === 'ar-XB') return 'en';
  if (systemLocale && systemLocale.toLowerCase().split(/[-_]/)[0] === language) {
    try {
      return Intl.getCanonicalLocales(systemLocale.replace('_', '-'))[0] ?? language;
    } catch {
      return language;
    }
  }
  return language;
}
