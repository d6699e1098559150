import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminContainer } from '../../renderer/src/views/Admin';
import { applyLanguage } from '../../renderer/src/i18n';
import { useAppStore } from '../../renderer/src/store';
import type { CustomerLanguage } from '../../shared/api/locale';
import { installFakeApi } from './fakeApi';

afterEach(() => applyLanguage('en', 'USD'));

const manager = () =>
  useAppStore.setState({ session: { user: { id: 'p1', name: 'Mia', role: 'manager' }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' } });

function deskWriting(first: CustomerLanguage) {
  let current = first;
  return installFakeApi({
    'people.list': () => [{ id: 'p1', name: 'Mia', role: 'manager' as const }],
    'import.mappings.list': () => [],
    'locale.customerLanguage': () => current,
    'locale.setCustomerLanguage': (input) => (current = { language: input.language, source: 'setting' }),
  });
}

describe('the language the company writes to its customers in, in Admin beside the currency', () => {
  it('a manager chooses German: saved for the organisation, said so, and no longer "nobody has chosen"', async () => {
    const { calls } = deskWriting({ language: 'en', source: 'desk' });
    manager();
    render(<AdminContainer />);
    const nav = await screen.findByRole('navigation', { name: 'Admin sections' });
    await userEvent.click(within(nav).getByRole('button', { name: 'Currency' }));
    const section = await screen.findByRole('form', { name: 'Language we write to customers in' });
    expect(screen.getByRole('form', { name: 'Currency' })).toBeInTheDocument();
    expect(within(section).getByText(/Nobody has chosen one yet: messages follow this desk's language \(English\)/)).toBeInTheDocument();
    const picker = within(section).getByRole('combobox', { name: 'Language of messages to customers' });
    expect(picker).toHaveDisplayValue('English');
    await userEvent.selectOptions(picker, 'de');
    await userEvent.click(within(section).getByRole('button', { name: 'Save the language' }));
    expect(calls).toContainEqual(['locale.setCustomerLanguage', { language: 'de' }]);
    await waitFor(() => expect(useAppStore.getState().notices.map((n) => n.text)).toContain('Messages to customers are now written in German.'));
    expect(within(section).queryByText(/Nobody has chosen one yet/)).toBeNull();
    expect(picker).toHaveDisplayValue('Deutsch');
    // Saved already: nothing to save until another language is chosen.
    expect(within(section).getByRole('button', { name: 'Save the language' })).toBeDisabled();
  });

  it('in Spanish, for a desk that writes in French', async () => {
    await applyLanguage('es', 'EUR');
    deskWriting({ language: 'fr', source: 'setting' });
    manager();
    render(<AdminContainer />);
    const nav = await screen.findByRole('navigation', { name: 'Secciones de administración' });
    await userEvent.click(within(nav).getByRole('button', { name: 'Moneda' }));
    const section = await screen.findByRole('form', { name: 'Idioma en el que escribimos a los clientes' });
    expect(within(section).getByRole('combobox', { name: 'Idioma de los mensajes a los clientes' })).toHaveDisplayValue('Français');
    expect(within(section).queryByText(/Nadie lo ha elegido/)).toBeNull();
  });
});
