import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminContainer } from '../../renderer/src/views/Admin';
import { applyLanguage } from '../../renderer/src/i18n';
import { formatMoney } from '../../renderer/src/lib/format';
import { useAppStore } from '../../renderer/src/store';
import type { Locale } from '../../shared/api/locale';
import { installFakeApi } from './fakeApi';

afterEach(() => applyLanguage('en', 'USD'));

const manager = () =>
  useAppStore.setState({ session: { user: { id: 'p1', name: 'Mia', role: 'manager' }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' } });

const answers = (saved: Locale[]) => ({
  'people.list': () => [{ id: 'p1', name: 'Mia', role: 'manager' as const }],
  'import.mappings.list': () => [],
  'locale.setCurrency': (input: { currency: string }): Locale => {
    const locale: Locale = { language: null, currency: input.currency, currencySource: 'setting' };
    saved.push(locale);
    return locale;
  },
});

describe("the organisation's currency in Admin", () => {
  it('a manager picks euros from the list: the choice is saved for the organisation and every amount shows euros', async () => {
    const saved: Locale[] = [];
    const { calls } = installFakeApi(answers(saved));
    manager();
    render(<AdminContainer />);
    const nav = await screen.findByRole('navigation', { name: 'Admin sections' });
    await userEvent.click(within(nav).getByRole('button', { name: 'Currency' }));
    const section = screen.getByRole('form', { name: 'Currency' });
    // Nobody chose yet: the console says what amounts follow meanwhile.
    expect(within(section).getByText(/Nobody has chosen one yet: amounts follow this desk's region \(USD\)/)).toBeInTheDocument();
    const picker = within(section).getByRole('combobox', { name: 'Currency of the organisation' });
    expect(picker).toHaveDisplayValue('USD · US Dollar');
    await userEvent.selectOptions(picker, 'EUR');
    expect(picker).toHaveDisplayValue('EUR · Euro');
    await userEvent.click(within(section).getByRole('button', { name: 'Save the currency' }));
    expect(calls).toContainEqual(['locale.setCurrency', { currency: 'EUR' }]);
    await waitFor(() => expect(useAppStore.getState().notices.map((n) => n.text)).toContain('Every amount is now in EUR.'));
    expect(useAppStore.getState().currency).toBe('EUR');
    expect(formatMoney(1234.5)).toBe('€1,234.50');
    expect(within(section).queryByText(/Nobody has chosen one yet/)).toBeNull();
  });

  it('speaks the person’s language: in German the section and the currencies’ names are German', async () => {
    await applyLanguage('de', 'EUR');
    installFakeApi(answers([]));
    manager();
    useAppStore.setState({ language: 'de', currency: 'EUR', currencySource: 'setting' });
    render(<AdminContainer />);
    await userEvent.click(within(await screen.findByRole('navigation', { name: 'Bereiche der Verwaltung' })).getByRole('button', { name: 'Währung' }));
    const picker = screen.getByRole('combobox', { name: 'Währung der Organisation' });
    expect(picker).toHaveDisplayValue('EUR · Euro');
    expect(within(picker).getByRole('option', { name: 'CHF · Schweizer Franken' })).toBeInTheDocument();
    // Nothing to save until another currency is picked.
    expect(screen.getByRole('button', { name: 'Währung speichern' })).toBeDisabled();
  });
});

describe('after the first import', () => {
  it('amounts switch to the currency its signs named, without a restart', async () => {
    let stored: Locale = { language: null, currency: 'USD', currencySource: 'system' };
    installFakeApi({
      'import.commit': () => {
        // The backend kept the file's "1.234,56 EUR" as the organisation's currency.
        stored = { language: null, currency: 'EUR', currencySource: 'setting' };
        return { imported: 2, updated: 0, skipped: 0, invalid: 0, noContact: 0, unmapped: 0, suppressed: 0, selected: 2 };
      },
      'locale.get': () => stored,
      'queue.list': () => ({ items: [], total: 0 }),
    });
    manager();
    useAppStore.setState({ importUploadId: '00000000-0000-4000-8000-000000000001' });
    await useAppStore.getState().commitImport(false);
    await waitFor(() => expect(useAppStore.getState().currency).toBe('EUR'));
    expect(formatMoney(1234.56)).toBe('€1,234.56');
  });
});
