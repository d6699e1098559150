import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLanguage, i18next } from '../../renderer/src/i18n';
import { categoryName, categoryText, localiseTaxonomy, reasonName, reasonText } from '../../renderer/src/i18n/content';
import { showOwnNames } from '../../renderer/src/i18n/ownNames';
import { NO_OWN_NAMES } from '../../shared/i18n/taxonomyNames';

beforeAll(async () => {
  await applyLanguage('de', 'EUR');
  await applyLanguage('es', 'EUR');
});
afterAll(() => showOwnNames(NO_OWN_NAMES));

/**
 * The one rule for a reason's name wherever it shows: the manager's own name in the person's
 * language, else the stored name a manager renamed it to, else the catalogue's words for the default.
 */
describe('a reason named in the person’s language', () => {
  it('prefers the manager’s own name for the language, then the renamed stored name, then the catalogue', () => {
    const es = i18next.getFixedT('es');
    const de = i18next.getFixedT('de');
    showOwnNames(NO_OWN_NAMES);
    expect(reasonName(es, 'price.too-expensive', 'Too expensive')).toBe('Demasiado caro');
    expect(reasonName(es, 'price.extra-charges', 'Fees on top')).toBe('Fees on top');

    showOwnNames({
      reasons: [
        { id: 'price.too-expensive', stored: 'Too expensive', names: { es: 'Nos sale muy caro' } },
        { id: 'price.extra-charges', stored: 'Fees on top', names: { de: 'Gebühren obendrauf' } },
      ],
      categories: [{ id: 'price', stored: 'Price / value for money', names: { es: 'El precio' } }],
    });
    // A Spanish desk reads the Spanish name; a German one the German catalogue's words for the default.
    expect(reasonName(es, 'price.too-expensive', 'Too expensive')).toBe('Nos sale muy caro');
    expect(reasonName(de, 'price.too-expensive', 'Too expensive')).toBe('Zu teuer');
    // A renamed reason: its German name for German desks, the stored name for the others.
    expect(reasonName(de, 'price.extra-charges', 'Fees on top')).toBe('Gebühren obendrauf');
    expect(reasonName(es, 'price.extra-charges', 'Fees on top')).toBe('Fees on top');
    // Known only by its stored text (an earlier call in a briefing, a report row): the same names.
    expect(reasonText(de, 'Fees on top')).toBe('Gebühren obendrauf');
    expect(reasonText(es, 'Too expensive')).toBe('Nos sale muy caro');
    expect(categoryText(es, 'Price / value for money')).toBe('El precio');
    expect(categoryName(de, 'price', 'Price / value for money')).toBe('Preis / Preis-Leistung');
    // The taxonomy the call screen and the editors show, ids untouched.
    const [price] = localiseTaxonomy(es, [
      { id: 'price', name: 'Price / value for money', approach: '', recoverable: true, retired: false, reasons: [{ id: 'price.too-expensive', name: 'Too expensive', retired: false }] },
    ]);
    expect(price).toMatchObject({ id: 'price', name: 'El precio', reasons: [{ id: 'price.too-expensive', name: 'Nos sale muy caro' }] });
  });
});
