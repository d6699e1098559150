import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { applyLanguage } from '../../renderer/src/i18n';
import type { Session } from '../../shared/api/session';
import type { Locale } from '../../shared/api/locale';
import { installFakeApi } from './fakeApi';

afterEach(() => applyLanguage('en', 'USD'));

const base: Session = { user: null, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' };
const idle = { hubConfigured: false, online: null, pending: 0, lastSyncAt: null, lastError: null };

/** A backend that keeps the desk's language and each person's, as electron/backend/locale does. */
function localeBackend(start: { desk?: Locale['language']; people?: Record<string, Locale['language']> } = {}) {
  let desk = start.desk ?? null;
  const people: Record<string, Locale['language']> = { ...start.people };
  let user: string | null = null;
  const answer = (): Locale => ({ language: (user && people[user]) || desk, currency: 'EUR', currencySource: 'system' });
  return {
    signIn: (id: string | null) => {
      user = id;
    },
    people,
    deskLanguage: () => desk,
    answers: {
      'locale.get': answer,
      'locale.setLanguage': (input: { language: Locale['language'] }) => {
        if (user) people[user] = input.language;
        else desk = input.language;
        return answer();
      },
    },
  };
}

describe('the language at first run', () => {
  it('starts in the system’s language and switches to German the moment Deutsch is chosen', async () => {
    const backend = localeBackend();
    const { calls } = installFakeApi({ 'session.get': () => base, ...backend.answers });
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Welcome to Winback Console' })).toBeInTheDocument();
    const picker = screen.getByRole('combobox', { name: 'Language' });
    expect(picker).toHaveDisplayValue("The system's language (English)");
    await userEvent.selectOptions(picker, 'Deutsch');
    expect(await screen.findByRole('heading', { name: 'Willkommen bei Winback Console' })).toBeInTheDocument();
    expect(screen.getByLabelText('Ihr Name')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Führungskraft' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Weiter' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Sprache' })).toHaveDisplayValue('Deutsch');
    expect(calls).toContainEqual(['locale.setLanguage', { language: 'de' }]);
    expect(backend.deskLanguage()).toBe('de');
    // A mistake is told in German too.
    await userEvent.click(screen.getByRole('button', { name: 'Weiter' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Geben Sie Ihren Namen ein.');
  });

  it('keeps the choice for the person set up, and a second start opens in it', async () => {
    const backend = localeBackend();
    installFakeApi({
      'session.get': () => base,
      'session.setup': (i) => {
        backend.signIn('p1');
        return { ...base, user: { id: 'p1', name: i.name, role: i.role } };
      },
      'queue.list': () => ({ items: [], total: 0 }),
      'sync.status': () => idle,
      ...backend.answers,
    });
    const first = render(<App />);
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Language' }), 'Español');
    await userEvent.type(await screen.findByLabelText('Tu nombre'), 'Lucía');
    await userEvent.click(screen.getByRole('button', { name: 'Continuar' }));
    await waitFor(() => expect(backend.people.p1).toBe('es'));
    first.unmount();

    // The next morning: the console opens straight in Spanish for her.
    await applyLanguage('en', 'USD');
    installFakeApi({
      'session.get': () => ({ ...base, user: { id: 'p1', name: 'Lucía', role: 'agent' } }),
      'queue.list': () => ({ items: [], total: 0 }),
      'sync.status': () => idle,
      ...backend.answers,
    });
    render(<App />);
    expect(await screen.findByRole('combobox', { name: 'Idioma' })).toHaveDisplayValue('Español');
  });
});

describe('the language in preferences', () => {
  it('is each person’s own on a shared desk', async () => {
    const backend = localeBackend({ people: { p2: 'fr' } });
    backend.signIn('p1');
    const { calls } = installFakeApi({
      'session.get': () => ({ ...base, user: { id: 'p1', name: 'Ann', role: 'agent' } }),
      'queue.list': () => ({ items: [], total: 0 }),
      'sync.status': () => idle,
      ...backend.answers,
    });
    render(<App />);
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Language' }), 'Deutsch');
    expect(await screen.findByRole('combobox', { name: 'Sprache' })).toHaveDisplayValue('Deutsch');
    expect(calls).toContainEqual(['locale.setLanguage', { language: 'de' }]);
    expect(backend.people).toEqual({ p1: 'de', p2: 'fr' });
    expect(backend.deskLanguage()).toBeNull();
  });
});

describe('the language at the start of a signed-in desk', () => {
  it('is read once for the person signed in, and again for the next person who takes the desk', async () => {
    const backend = localeBackend({ people: { p1: 'de', Lucía: 'es' } });
    backend.signIn('p1');
    const { calls } = installFakeApi({
      'session.get': () => ({ ...base, user: { id: 'p1', name: 'Ann', role: 'agent' } }),
      'session.switch': (i: { name: string }) => {
        backend.signIn(i.name);
        return { ...base, user: { id: i.name, name: i.name, role: 'agent' } };
      },
      'queue.list': () => ({ items: [], total: 0 }),
      'sync.status': () => idle,
      ...backend.answers,
    });
    render(<App />);
    expect(await screen.findByRole('combobox', { name: 'Sprache' })).toHaveDisplayValue('Deutsch');
    // The Queue paints without asking a second time for the language it already shows.
    await waitFor(() => expect(calls.map(([c]) => c)).toContain('queue.list'));
    expect(calls.filter(([c]) => c === 'locale.get')).toHaveLength(1);

    await userEvent.click(screen.getByRole('button', { name: 'Person wechseln' }));
    const dialog = screen.getByRole('dialog', { name: 'Person wechseln' });
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Lucía');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Wechseln' }));
    expect(await screen.findByRole('combobox', { name: 'Idioma' })).toHaveDisplayValue('Español');
    expect(calls.filter(([c]) => c === 'locale.get')).toHaveLength(2);
  });
});
