import type { UiLanguage } from '../../../shared/i18n/languages';
import { NO_OWN_NAMES, type TaxonomyNames } from '../../../shared/i18n/taxonomyNames';
import { api } from '../api/client';
import { applyLanguage, prefetchRememberedCatalogue, systemLanguage } from '../i18n';
import { showOwnNames } from '../i18n/ownNames';
import type { Slice } from './types';

export interface LocaleSlice {
  /** The language on screen now. */
  language: UiLanguage;
  /** The person's own choice (or the desk's before first run); null follows the system's language. */
  chosenLanguage: UiLanguage | null;
  /** The organisation's currency (ISO 4217), in every amount on screen. */
  currency: string;
  currencySource: 'setting' | 'system';
  /** Reads the person's language and the organisation's currency and puts both on screen. */
  loadLocale: () => Promise<void>;
  setLanguage: (language: UiLanguage | null) => Promise<void>;
  setCurrency: (currency: string) => Promise<boolean>;
  /** A manager's own reason and category names per language, shown wherever a name is (src/i18n/content.ts). */
  taxonomyNames: TaxonomyNames;
  loadTaxonomyNames: () => Promise<void>;
  showTaxonomyNames: (names: TaxonomyNames) => void;
}

export const createLocaleSlice: Slice<LocaleSlice> = (set, get) => {
  const show = async (chosen: UiLanguage | null, currency: string, currencySource: 'setting' | 'system') => {
    const language = chosen ?? systemLanguage();
    await applyLanguage(language, currency);
    set({ language, chosenLanguage: chosen, currency, currencySource });
  };
  return {
    language: 'en',
    chosenLanguage: null,
    currency: 'USD',
    currencySource: 'system',
    loadLocale: async () => {
      // The catalogue a returning desk will most likely show travels beside the question, not after it.
      prefetchRememberedCatalogue();
      try {
        const locale = await api().call('locale.get', {});
        await show(locale.language, locale.currency, locale.currencySource);
      } catch {
        // The console still works in the system's language; the choice is read again on the next start.
        await show(null, get().currency, get().currencySource);
      }
    },
    setLanguage: async (language) => {
      try {
        const locale = await api().call('locale.setLanguage', { language });
        await show(locale.language, locale.currency, locale.currencySource);
      } catch (error) {
        get().reportError(error);
      }
    },
    taxonomyNames: NO_OWN_NAMES,
    loadTaxonomyNames: async () => {
      try {
        get().showTaxonomyNames(await api().call('taxonomy.names', {}));
      } catch (error) {
        get().reportError(error);
      }
    },
    showTaxonomyNames: (names) => {
      showOwnNames(names);
      set({ taxonomyNames: names });
    },
    setCurrency: async (currency) => {
      try {
        const locale = await api().call('locale.setCurrency', { currency });
        await show(get().chosenLanguage, locale.currency, locale.currencySource);
        return true;
      } catch (error) {
        get().reportError(error);
        return false;
      }
    },
  };
};
