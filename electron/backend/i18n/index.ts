import { AsyncLocalStorage } from 'node:async_hooks';
import i18next, { type TFunction } from 'i18next';
import { en } from '../../../shared/i18n/messages/en/index';
import { es } from '../../../shared/i18n/messages/es/index';
import { de } from '../../../shared/i18n/messages/de/index';
import { fr } from '../../../shared/i18n/messages/fr/index';
import { isUiLanguage, type UiLanguage } from '../../../shared/i18n/languages';
import { pseudoCatalogue } from '../../../shared/i18n/pseudo';

/**
 * What the core says to a person (errors, the queue's "why", the PDF report, CSV headers) in that
 * person's language. The dispatcher runs each call inside `inLanguage(person's language)`; `t` reads
 * it from there, so a message built three calls deep needs no language passed down to it. Outside a
 * call (the command line, a background job) it is English.
 */
const backend = i18next.createInstance();
void backend.init({
  resources: {
    en: { translation: en },
    es: { translation: es },
    de: { translation: de },
    fr: { translation: fr },
    // The pseudo-languages test the core's words too (errors, the queue's "why"), not only the window's.
    'en-XA': { translation: pseudoCatalogue(en, 'en-XA') },
    'ar-XB': { translation: pseudoCatalogue(en, 'ar-XB') },
  },
  lng: 'en',
  fallbackLng: false,
  // The core's catalogues are in memory: ready before the first call, no promise to wait for.
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

const current = new AsyncLocalStorage<UiLanguage>();

export function inLanguage<T>(language: string | null | undefined, work: () => T): T {
  return current.run(isUiLanguage(language) ? language : 'en', work);
}

export function currentLanguage(): UiLanguage {
  return current.getStore() ?? 'en';
}

/** The current call's translator, typed by the English catalogue's keys. */
export const t = ((...args: unknown[]) => {
  // The typed overloads are kept by the cast below; this only forwards the arguments.
  const fixed = backend.getFixedT(currentLanguage()) as unknown as (...forwarded: unknown[]) => string;
  return fixed(...args);
}) as unknown as TFunction;

/** A translator for a named language, whatever the current call's is (a PDF for someone else, say). */
export function translatorFor(language: UiLanguage): TFunction {
  return backend.getFixedT(language);
}

/** Whether the catalogues have a sentence by this key (English has every key the others have). */
export function hasSentence(key: string): boolean {
  return backend.exists(key, { lng: 'en' });
}
