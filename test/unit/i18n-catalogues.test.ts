import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/messages/en/index';
import { es } from '../../shared/i18n/messages/es/index';
import { de } from '../../shared/i18n/messages/de/index';
import { fr } from '../../shared/i18n/messages/fr/index';
import { catalogueKeys, messageAt, placeholdersOf } from '../../shared/i18n/catalogue';
import { pseudoText, type Catalogue } from '../../shared/i18n/pseudo';
import { LANGUAGES, type Language } from '../../shared/i18n/languages';
import { inLanguage, t } from '../../electron/backend/i18n';

const CATALOGUES: Record<Language, Catalogue> = { en, es, de, fr };
const PLURAL = /_(zero|one|two|few|many|other)$/;

/**
 * What a language's catalogue must hold for English's keys: a plain key as it is, and for a plural
 * key (English's `_one`/`_other`) every plural form the language itself has (Spanish and French
 * also write "de" for a million: `_many`).
 */
function requiredKeys(language: Language): string[] {
  const english = catalogueKeys(en);
  const plain = english.filter((k) => !PLURAL.test(k));
  const pluralBases = [...new Set(english.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')))];
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  return [...plain, ...pluralBases.flatMap((base) => forms.map((form) => `${base}_${form}`))].sort();
}

describe('the catalogues', () => {
  for (const language of LANGUAGES) {
    it(`${language}: has every key English has, in every plural form ${language} uses, and nothing else`, () => {
      expect(catalogueKeys(CATALOGUES[language]).sort()).toEqual(requiredKeys(language));
    });

    it(`${language}: fills in the same placeholders as English, and no message is empty`, () => {
      for (const key of catalogueKeys(CATALOGUES[language])) {
        const text = messageAt(CATALOGUES[language], key) ?? '';
        expect(text.trim(), key).not.toBe('');
        const englishKey = messageAt(en, key) !== undefined ? key : `${key.replace(PLURAL, '')}_other`;
        const english = messageAt(en, englishKey) ?? '';
        // A singular form may say "one" in words instead of {{count}}.
        const expected = placeholdersOf(english).filter((p) => !(key.endsWith('_one') && p === 'count'));
        expect(placeholdersOf(text).filter((p) => !(key.endsWith('_one') && p === 'count')), key).toEqual(expected);
      }
    });
  }

  it('is told apart from a catalogue that lacks a key English has', () => {
    const lacking: Catalogue = { ...de, currency: { label: 'Währung' } };
    expect(catalogueKeys(lacking).sort()).not.toEqual(requiredKeys('de'));
  });
});

describe('plurals in the core', () => {
  it('follows each language’s plural rules, Spanish and French with their form for a million', () => {
    const say = (language: Language, count: number) => inLanguage(language, () => t('count.customers', { count }));
    expect(say('en', 1)).toBe('1 customer');
    expect(say('en', 2)).toBe('2 customers');
    expect(say('de', 1)).toBe('1 Kunde');
    expect(say('de', 5)).toBe('5 Kunden');
    expect(say('de', 12_345)).toBe('12.345 Kunden');
    expect(say('es', 1)).toBe('1 cliente');
    expect(say('es', 3)).toBe('3 clientes');
    expect(say('es', 1_000_000)).toBe('1.000.000 de clientes');
    expect(say('fr', 0)).toBe('0 client');
    expect(say('fr', 2)).toBe('2 clients');
    expect(say('fr', 1_000_000)).toBe('1\u202f000\u202f000 de clients');
  });

  it('speaks English outside a call, and the call’s language inside it, across awaits', async () => {
    expect(t('currency.label')).toBe('Currency');
    const inside = await inLanguage('fr', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return t('currency.label');
    });
    expect(inside).toBe('Devise');
    expect(inLanguage('xx', () => t('currency.label'))).toBe('Currency');
  });
});

describe('the pseudo-languages', () => {
  it('accent and lengthen the words but keep placeholders and <Trans> tags working', () => {
    const text = pseudoText('Call {{name}} <1>now</1>', 'en-XA');
    expect(text).toMatch(/^⟦Çáĺĺ \{\{name\}\} <1>ñóŵ<\/1> ·+⟧$/);
    expect(pseudoText('Call', 'ar-XB').startsWith('\u202B⟦')).toBe(true);
  });
});

describe('errors a person reads', () => {
  it('come from the core in the language of the person who made the call', () => {
    expect(inLanguage('de', () => t('errors.dispatch.notSetUp'))).toBe('Sagen Sie zuerst, wer diese Konsole benutzt.');
    expect(inLanguage('fr', () => t('errors.dispatch.forbidden', { roles: 'manager', role: 'agent' }))).toBe('Il faut le rôle manager ; vous êtes connecté en tant que agent.');
    expect(inLanguage('en', () => t('errors.dispatch.internal'))).toBe('Something went wrong inside the console. Nothing was changed; try again.');
  });
});
