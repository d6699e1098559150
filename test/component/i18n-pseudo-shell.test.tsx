import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { useAppStore } from '../../renderer/src/store';
import { AppFrame } from '../../renderer/src/shell/AppFrame';
import { FirstRunContainer } from '../../renderer/src/views/FirstRun';
import { CurrencySection } from '../../renderer/src/views/admin/CurrencySection';
import { SwitchPersonDialog } from '../../renderer/src/shell/SwitchPersonDialog';
import { PSEUDO_CLOSE, PSEUDO_OPEN, pseudoText } from '../../shared/i18n/pseudo';
import { englishOf } from '../../shared/i18n/english';
import { LANGUAGE_NAMES } from '../../shared/i18n/languages';
import { installFakeApi } from './fakeApi';

/**
 * The first-run screen, the console's frame and Admin's currency take every word from the catalogue:
 * in the pseudo-language each catalogue string is bracketed ⟦…⟧, so a word left outside the brackets,
 * once the data on screen is taken away, bypassed the catalogue.
 */
function untranslated(root: Element, data: readonly string[]): string[] {
  const attributes = [...root.querySelectorAll('[aria-label],[placeholder],[title]')].flatMap((el) =>
    ['aria-label', 'placeholder', 'title'].map((a) => el.getAttribute(a) ?? ''),
  );
  const texts = [root.textContent ?? '', ...attributes, ...[...root.querySelectorAll('option, label, legend, button, p, span, h1, h2')].map((el) => el.textContent ?? '')];
  const words = texts.map((text) => {
    let rest = text.replace(new RegExp(`${PSEUDO_OPEN}[^${PSEUDO_CLOSE}]*${PSEUDO_CLOSE}`, 'g'), ' ');
    for (const d of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(d).join(' ');
    return rest;
  });
  return [...new Set(words.flatMap((rest) => rest.match(/[A-Za-z]{2,}/g) ?? []))];
}

/** Each language under its own name is data here: a person looks for "Deutsch" whatever is on screen. */
const LANGUAGE_DATA = Object.values(LANGUAGE_NAMES);
/** Currency codes and the runtime's names for them (Intl, English in the pseudo-languages). */
const currencyData = () => {
  const names = new Intl.DisplayNames(['en'], { type: 'currency' });
  return Intl.supportedValuesOf('currency').flatMap((code) => [code, names.of(code) ?? code]);
};

beforeAll(() => applyLanguage('en-XA', 'EUR'));
afterAll(() => applyLanguage('en', 'USD'));

describe('in the pseudo-language, no text of these areas bypasses the catalogue', () => {
  it('the first-run screen, with the manager passphrase and both mistakes', async () => {
    installFakeApi({});
    const { container } = render(<FirstRunContainer />);
    await userEvent.click(container.querySelector('input[value="manager"]') as HTMLElement);
    await userEvent.click(screen.getByRole('button', { name: /⟦/ }));
    expect(untranslated(container, LANGUAGE_DATA)).toEqual([]);
    await userEvent.type(container.querySelector('#first-run-name') as HTMLElement, 'Mia');
    await userEvent.click(screen.getByRole('button', { name: /⟦/ }));
    expect(container.querySelector('#first-run-passphrase-error')).not.toBeNull();
    expect(untranslated(container, LANGUAGE_DATA)).toEqual([]);
  });

  it('the frame: navigation, the person, preferences, the demo banner, notices and the sync status', async () => {
    installFakeApi({
      'queue.list': () => ({ items: [], total: 0 }),
      'sync.status': () => ({ hubConfigured: true, online: false, pending: 3, lastSyncAt: '2026-11-16T09:00:00.000Z', lastError: { key: 'errors.sync.refused', params: { count: 2 } } }),
    });
    useAppStore.setState({ session: { user: { id: 'p1', name: 'Mia Manager', role: 'manager' }, demo: true, callingHoursEnforced: false, appVersion: '0.1.0' } });
    useAppStore.getState().notify('info', 'Saved');
    const { container } = render(<AppFrame />);
    // The last problem is kept by key: said in the pseudo-language like every other word.
    const refused = pseudoText(englishOf({ key: 'errors.sync.refused', params: { count: 2 } }).replace('2', '{{count}}'), 'en-XA').replace('{{count}}', '2');
    await expect.poll(() => container.querySelector('footer')?.textContent ?? '').toContain(refused);
    const header = container.querySelector('header') as Element;
    const presence = header.querySelector('.presence');
    presence?.remove();
    const dates = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2026-11-16T09:00:00.000Z'));
    expect(untranslated(header, ['Mia Manager', ...LANGUAGE_DATA])).toEqual([]);
    expect(untranslated(container.querySelector('.notices') as Element, ['Saved'])).toEqual([]);
    expect(untranslated(container.querySelector('footer') as Element, [dates])).toEqual([]);
  });

  it('Switch person, with the manager passphrase and a mistake', async () => {
    useAppStore.setState({ session: { user: { id: 'p1', name: 'Ann', role: 'agent' }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' } });
    const { container } = render(<SwitchPersonDialog onClose={() => undefined} />);
    await userEvent.click(container.querySelector('input[value="manager"]') as HTMLElement);
    await userEvent.click(container.querySelector('button[type="submit"]') as HTMLElement);
    expect(container.querySelector('#switch-person-passphrase')).not.toBeNull();
    expect(screen.getByRole('alert')).toBeInTheDocument();
    expect(untranslated(container, [])).toEqual([]);
  });

  it("Admin's currency", () => {
    useAppStore.setState({ currency: 'EUR', currencySource: 'system' });
    const { container } = render(<CurrencySection />);
    expect(untranslated(container, currencyData())).toEqual([]);
  });
});
