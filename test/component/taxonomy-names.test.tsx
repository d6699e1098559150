import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { PlaybookSection } from '../../renderer/src/views/playbook/PlaybookSection';
import type { TaxonomyNames } from '../../shared/i18n/taxonomyNames';
import { installFakeApi } from './fakeApi';
import { offers, rules, taxonomy } from './callSession';

afterEach(() => applyLanguage('en', 'USD'));

/** A desk whose taxonomy editor keeps what a manager saves, as the console does. */
function deskWithNames() {
  let names: TaxonomyNames = { reasons: [], categories: [] };
  const api = installFakeApi({
    'taxonomy.list': () => taxonomy(),
    'playbook.list': () => ({ offers: offers(), rules: rules() }),
    'taxonomy.names': () => names,
    'taxonomy.saveNames': (input) => {
      const given = Object.fromEntries(Object.entries(input.names).filter(([, n]) => n !== undefined && n.trim() !== '').map(([l, n]) => [l, n?.trim()]));
      const list = input.kind === 'reason' ? names.reasons : names.categories;
      const rest = list.filter((e) => e.id !== input.id);
      const entries = Object.keys(given).length === 0 ? rest : [...rest, { id: input.id, stored: 'Too expensive', names: given }];
      names = input.kind === 'reason' ? { ...names, reasons: entries } : { ...names, categories: entries };
      return names;
    },
  });
  return api;
}

describe("a manager's own reason names per language", () => {
  it('a Spanish name entered shows for a Spanish desk, and a German desk keeps its own words', async () => {
    await applyLanguage('es', 'EUR');
    const { calls } = deskWithNames();
    const user = userEvent.setup();
    render(<PlaybookSection />);
    const price = await screen.findByRole('list', { name: 'Motivos de Precio / relación calidad-precio' });
    expect(within(price).getByText('Demasiado caro')).toBeInTheDocument();

    await user.click(within(price).getByRole('button', { name: 'Nombres en cada idioma: Demasiado caro' }));
    const form = screen.getByRole('form', { name: 'Demasiado caro en cada idioma' });
    await user.type(within(form).getByLabelText('Nombre en español'), 'Nos sale muy caro');
    await user.click(within(form).getByRole('button', { name: 'Guardar los nombres' }));

    expect(await within(price).findByText('Nos sale muy caro')).toBeInTheDocument();
    expect(within(price).queryByText('Demasiado caro')).not.toBeInTheDocument();
    const saved = calls.filter(([channel]) => channel === 'taxonomy.saveNames').map(([, input]) => input);
    // Only the Spanish name is given; the stored (canonical) name is not touched.
    expect(saved).toEqual([{ kind: 'reason', id: 'price.too-expensive', names: { en: '', es: 'Nos sale muy caro', de: '', fr: '' } }]);
    expect(calls.some(([channel]) => channel === 'taxonomy.saveReason')).toBe(false);

    // The same desk switched to German reads the German catalogue's words, not the Spanish name.
    await act(() => applyLanguage('de', 'EUR'));
    const preis = await screen.findByRole('list', { name: 'Gründe in Preis / Preis-Leistung' });
    expect(within(preis).getByText('Zu teuer')).toBeInTheDocument();
    expect(screen.queryByText('Nos sale muy caro')).not.toBeInTheDocument();
  });

  it('a name too long is said at its field and nothing is sent', async () => {
    const { calls } = deskWithNames();
    const user = userEvent.setup();
    render(<PlaybookSection />);
    const price = await screen.findByRole('list', { name: 'Reasons in Price / value for money' });
    await user.click(within(price).getByRole('button', { name: 'Names in each language: Too expensive' }));
    const form = screen.getByRole('form', { name: 'Too expensive in each language' });
    const german = within(form).getByLabelText('German name');
    await user.click(german);
    await user.paste('x'.repeat(121));
    await user.click(within(form).getByRole('button', { name: 'Save names' }));
    expect(german).toHaveAttribute('aria-invalid', 'true');
    expect(german).toHaveAccessibleDescription(/A name is at most 120 characters; this one has 121\./);
    expect(german).toHaveFocus();
    expect(calls.some(([channel]) => channel === 'taxonomy.saveNames')).toBe(false);
  });
});
