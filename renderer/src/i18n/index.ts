import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { formattingLocale, isRightToLeft, isUiLanguage, negotiateLanguage, type UiLanguage } from '../../../shared/i18n/languages';
import { pseudoCatalogue, type Catalogue } from '../../../shared/i18n/pseudo';
import { setFormatting } from '../lib/format';
import { addPendingOwnNames } from './ownNames';

/**
 * The window's language. Only the chosen language's catalogue is loaded (each is a chunk of its own,
 * fetched when chosen), so the first paint carries one catalogue, not four; the pseudo-languages are
 * made from English when chosen.
 */
const catalogues = import.meta.glob<Record<string, Catalogue>>('../../../shared/i18n/messages/*/index.ts');

async function fetchCatalogue(language: UiLanguage): Promise<Catalogue> {
  const file = language === 'en-XA' || language === 'ar-XB' ? 'en' : language;
  const load = catalogues[`../../../shared/i18n/messages/${file}/index.ts`];
  if (!load) throw new Error(`No catalogue for ${language}.`);
  const catalogue = (await load())[file];
  if (!catalogue) throw new Error(`The catalogue for ${language} is empty.`);
  return language === 'en-XA' || language === 'ar-XB' ? pseudoCatalogue(catalogue, language) : catalogue;
}

/** Each language's catalogue is fetched (and the pseudo-languages made) once, however often it is asked for. */
const loaded = new Map<UiLanguage, Promise<Catalogue>>();
function loadCatalogue(language: UiLanguage): Promise<Catalogue> {
  let catalogue = loaded.get(language);
  if (!catalogue) {
    catalogue = fetchCatalogue(language);
    // A failed fetch is not kept: the next ask tries again.
    catalogue.catch(() => loaded.delete(language));
    loaded.set(language, catalogue);
  }
  return catalogue;
}

/**
 * The language this desk last showed, kept in the window's storage: at the next start its catalogue
 * is fetched while the backend is still asked which language to show (`locale.get`), not after, which
 * takes a round trip off the Queue's first paint. Only a remembered language is fetched ahead: the
 * system's language is a guess a desk set to another one would pay for with a second catalogue.
 */
const REMEMBERED = 'winback.language';

function rememberedLanguage(): UiLanguage | null {
  try {
    const value = typeof window === 'undefined' ? null : window.localStorage.getItem(REMEMBERED);
    return value !== null && isUiLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function remember(language: UiLanguage): void {
  try {
    if (typeof window !== 'undefined') window.localStorage.setItem(REMEMBERED, language);
  } catch {
    // Storage full or denied: the next start fetches its catalogue after asking, as on a first start.
  }
}

/** Starts fetching the remembered language's catalogue; the caller goes on at once. */
export function prefetchRememberedCatalogue(): void {
  const language = rememberedLanguage();
  if (language) loadCatalogue(language).catch(() => undefined);
}

/** The language the system asks for, as the console's default before anyone chose one. */
export function systemLanguage(): UiLanguage {
  return negotiateLanguage(typeof navigator === 'undefined' ? [] : navigator.languages);
}

let initialised: Promise<unknown> | null = null;
/** The language, formatting locale and currency on screen now. */
let shown: string | null = null;

/** Switches every string, number, amount and date of the window to this language. */
export async function applyLanguage(language: UiLanguage, currency: string): Promise<void> {
  const catalogue = await loadCatalogue(language);
  initialised ??= i18next.use(initReactI18next).init({
    lng: language,
    resources: {},
    // Every catalogue is complete (test/unit/i18n-catalogues.test.ts): no second one to fall back on.
    fallbackLng: false,
    // React escapes what it renders; escaping here too would show &amp; on screen.
    interpolation: { escapeValue: false },
    returnNull: false,
    // A manager's own reason names (./ownNames.ts) change while the window is open: adding them
    // renders the translated components again. The catalogues are added silently: changing the
    // language renders everything anyway.
    react: { bindI18nStore: 'added' },
  });
  await initialised;
  addPendingOwnNames();
  // Handed over as it is, not copied (a copy of the 120 kB catalogue was a tenth of the first paint's
  // work): nothing writes into a 'translation' bundle, a manager's own names have a namespace of their own.
  if (!i18next.hasResourceBundle(language, 'translation')) i18next.addResourceBundle(language, 'translation', catalogue, false, true, { silent: true, skipCopy: true });
  const locale = formattingLocale(language, typeof navigator === 'undefined' ? undefined : navigator.language);
  const showing = `${language} ${locale} ${currency}`;
  setFormatting(locale, currency);
  // Changing the language re-renders every translated component, which re-formats the amounts too
  // (a new currency shows that way). The same language and currency again (the person read once more
  // after sign-in, while the Queue first paints) would change nothing on screen: no re-render then.
  if (showing !== shown) await i18next.changeLanguage(language);
  shown = showing;
  remember(language);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language === 'ar-XB' ? 'ar' : language;
    document.documentElement.dir = isRightToLeft(language) ? 'rtl' : 'ltr';
  }
}

export { i18next };
