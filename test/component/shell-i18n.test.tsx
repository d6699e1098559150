import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { applyLanguage, i18next } from '../../renderer/src/i18n';
import { describeSync } from '../../renderer/src/components/StatusArea';
import { useAppStore } from '../../renderer/src/store';
import type { Session } from '../../shared/api/session';
import type { UiLanguage } from '../../shared/i18n/languages';
import { installFakeApi } from './fakeApi';

afterEach(() => applyLanguage('en', 'USD'));

const session: Session = { user: { id: 'p1', name: 'Ann', role: 'agent' }, demo: true, callingHoursEnforced: false, appVersion: '0.1.0' };

function openIn(language: UiLanguage) {
  installFakeApi({
    'session.get': () => session,
    'locale.get': () => ({ language, currency: 'EUR', currencySource: 'setting' }),
    'queue.list': () => ({ items: [], total: 0 }),
    'sync.status': () => ({ hubConfigured: false, online: null, pending: 0, lastSyncAt: null, lastError: null }),
  });
  render(<App />);
}

describe('the console’s frame in the person’s language', () => {
  it('German: navigation, the person, Switch person, theme, the demo banner and the sync status', async () => {
    openIn('de');
    const nav = await screen.findByRole('navigation', { name: 'Hauptmenü' });
    for (const name of ['Warteschlange', 'Anruf', 'Trends', 'Intensivbetreuung', 'Verwaltung']) {
      expect(within(nav).getByRole('button', { name })).toBeInTheDocument();
    }
    expect(screen.getByText('Ann · Rückgewinnungs-Agent')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Person wechseln' })).toBeInTheDocument();
    const theme = screen.getByRole('combobox', { name: 'Design' });
    expect(within(theme).getByRole('option', { name: 'Dunkel' })).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent(/^Demodaten: Die Regel für Anrufzeiten ist ausgeschaltet/);
    const status = await screen.findByRole('status', { name: 'Synchronisierungsstatus' });
    await waitFor(() => expect(status).toHaveTextContent(
      'Eigenständig: kein Hub eingerichtet. Alles wird an diesem Arbeitsplatz gespeichert; nichts wird synchronisiert.',
    ));
    expect(screen.getByRole('main', { name: 'Warteschlange' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Person wechseln' }));
    const dialog = screen.getByRole('dialog', { name: 'Person wechseln' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Wechseln' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Geben Sie den Namen der Person ein, die den Arbeitsplatz übernimmt.');
    expect(within(dialog).getByRole('radio', { name: 'Key-Account-Manager' })).toBeInTheDocument();
  });

  it('Spanish: a notice is dismissed in Spanish', async () => {
    openIn('es');
    await screen.findByRole('navigation', { name: 'Principal' });
    useAppStore.getState().notify('error', 'No se pudo guardar.');
    const notices = await screen.findByRole('region', { name: 'Avisos' });
    await userEvent.click(within(notices).getByRole('button', { name: 'Descartar: No se pudo guardar.' }));
    expect(screen.queryByRole('region', { name: 'Avisos' })).toBeNull();
  });

  it('counts the events waiting and the calls in progress in each language’s plural', async () => {
    const offline = (pending: number) => ({ hubConfigured: true, online: false, pending, lastSyncAt: null, lastError: 'Le hub a refusé le jeton.' });
    await applyLanguage('fr', 'EUR');
    expect(describeSync(offline(1), false, i18next.t)).toBe(
      'Hors ligne : 1 événement en attente de synchronisation, pas encore synchronisé. Dernier problème : Le hub a refusé le jeton.',
    );
    expect(describeSync(offline(1_000_000), false, i18next.t)).toMatch(/^Hors ligne : 1\u202f000\u202f000 d’événements en attente/);
    await applyLanguage('es', 'EUR');
    expect(i18next.t('shell.callsInProgress', { count: 2 })).toBe('2 llamadas en curso');
    await applyLanguage('de', 'EUR');
    expect(describeSync({ ...offline(2), online: true, lastError: null }, false, i18next.t)).toBe(
      'Online: 2 Ereignisse warten auf Synchronisierung, noch nie synchronisiert.',
    );
  });
});
