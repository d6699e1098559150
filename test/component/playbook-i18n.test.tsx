import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { PlaybookSection } from '../../renderer/src/views/playbook/PlaybookSection';
import { installFakeApi } from './fakeApi';
import { offers, rules, taxonomy } from './callSession';

afterEach(() => applyLanguage('en', 'USD'));

const plain = (el: HTMLElement) => (el.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('the playbook in another language', () => {
  it('German with euros: offer terms in the singular and plural, a rule with its revenue band', async () => {
    await applyLanguage('de', 'EUR');
    installFakeApi({ 'taxonomy.list': () => taxonomy(), 'playbook.list': () => ({ offers: offers(), rules: rules() }) });
    render(<PlaybookSection />);
    expect(screen.getByRole('heading', { name: 'Leitfaden und Gründe' })).toBeInTheDocument();
    const offerList = await screen.findByRole('list', { name: 'Angebote' });
    expect(plain(offerList)).toContain('Pause für 3 Monate');
    expect(plain(offerList)).toContain('Reaktivierungsfrist von 1 Monat');
    // The shipped offer by its German name, its German talking points beneath.
    expect(within(offerList).getByRole('button', { name: 'Eine persönliche Einführung nicht mehr verwenden' })).toBeInTheDocument();
    expect(plain(offerList)).toContain('Einen Termin buchen, der den einfacheren Weg zu seinem Ziel zeigt.');
    const table = screen.getByRole('table', { name: 'Regeln nach Priorität' });
    expect(within(table).getAllByRole('row').map((r) => plain(r)).some((text) => /Wenn der ermittelte Grund zu .+ gehört und der Monatsumsatz mindestens 70,00 € beträgt\./.test(text))).toBe(true);
    expect(screen.getByRole('form', { name: 'Regel hinzufügen' })).toBeInTheDocument();
    expect(screen.getByLabelText('Name der Kategorie')).toBeInTheDocument();
  });

  it('Spanish: the discount in the offer form and the list', async () => {
    await applyLanguage('es', 'EUR');
    installFakeApi({ 'taxonomy.list': () => taxonomy(), 'playbook.list': () => ({ offers: offers(), rules: rules() }) });
    render(<PlaybookSection />);
    const offerList = await screen.findByRole('list', { name: 'Ofertas' });
    expect(plain(offerList)).toMatch(/Descuento: \d+ % durante \d+ meses/);
    const form = screen.getByRole('form', { name: 'Añadir una oferta' });
    expect(within(form).getByLabelText('Tipo de oferta')).toHaveDisplayValue('Descuento');
    expect(within(form).getByRole('button', { name: 'Añadir la oferta' })).toBeInTheDocument();
  });
});
