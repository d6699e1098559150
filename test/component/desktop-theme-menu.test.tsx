import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import type { Theme } from '../../shared/api/preferences';
import { installFakeApi } from './fakeApi';

/** jsdom has no matchMedia: a controllable system colour scheme. */
function systemScheme(dark: boolean) {
  const listeners = new Set<() => void>();
  const state = { dark };
  window.matchMedia = ((query: string) => ({
    get matches() {
      return query.includes('dark') && state.dark;
    },
    media: query,
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
  })) as unknown as typeof window.matchMedia;
  return {
    switchTo(nextDark: boolean) {
      state.dark = nextDark;
      act(() => {
        for (const l of listeners) l();
      });
    },
  };
}

function console_(stored: Theme, saveFails = false) {
  return installFakeApi({
    'session.get': () => ({ user: { id: 'p1', name: 'Ann', role: 'agent' }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' }),
    'queue.list': () => ({ items: [], total: 0 }),
    'sync.status': () => ({ hubConfigured: false, online: null, pending: 0, lastSyncAt: null, lastError: null }),
    'preferences.get': () => ({ theme: stored, dialScheme: 'tel' }),
    'preferences.set': (p) =>
      saveFails ? { code: 'internal', message: 'The console could not save your theme.' } : { theme: p.theme ?? stored, dialScheme: 'tel' },
  });
}

const appliedTheme = () => document.documentElement.dataset.theme;

afterEach(() => {
  delete document.documentElement.dataset.theme;
  delete window.winback;
});

describe('themes', () => {
  it('follow the system by default, live, until a theme is chosen', async () => {
    const system = systemScheme(true);
    console_('system');
    render(<App />);
    expect(await screen.findByRole('combobox', { name: 'Theme' })).toHaveValue('system');
    await waitFor(() => expect(appliedTheme()).toBe('dark'));
    system.switchTo(false);
    expect(appliedTheme()).toBe('light');
  });

  it('switch at once when chosen and are saved for the desk', async () => {
    const system = systemScheme(false);
    const { calls } = console_('system');
    render(<App />);
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Theme' }), 'Dark');
    expect(appliedTheme()).toBe('dark');
    expect(calls).toContainEqual(['preferences.set', { theme: 'dark' }]);
    system.switchTo(false);
    expect(appliedTheme()).toBe('dark');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Theme' }), 'Light');
    expect(appliedTheme()).toBe('light');
  });

  it('start from the theme saved for the desk', async () => {
    systemScheme(false);
    console_('dark');
    render(<App />);
    await waitFor(() => expect(appliedTheme()).toBe('dark'));
    expect(screen.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  });

  it('come back to the previous one, with a message, when saving fails', async () => {
    systemScheme(false);
    console_('light', true);
    render(<App />);
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Theme' })).toHaveValue('light'));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Theme' }), 'Dark');
    expect(await screen.findByRole('alert')).toHaveTextContent('The console could not save your theme.');
    expect(screen.getByRole('combobox', { name: 'Theme' })).toHaveValue('light');
    expect(appliedTheme()).toBe('light');
  });
});

describe('the desktop menu commands', () => {
  it('switch views when the menu (or its shortcut) sends them, ignoring anything unknown', async () => {
    systemScheme(false);
    const listeners = new Map<string, (payload: unknown) => void>();
    window.winback = {
      invoke: () => Promise.reject(new Error('the fake API client answers instead')),
      on: (event, listener) => {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      },
    };
    console_('system');
    render(<App />);
    await screen.findByRole('navigation', { name: 'Main' });
    const send = (payload: unknown) => act(() => listeners.get('menu.command')?.(payload));
    send('view.trends');
    expect(screen.getByRole('main')).toHaveAccessibleName('Trends');
    send('view.care');
    expect(screen.getByRole('main')).toHaveAccessibleName('Intensive care');
    send('view.devtools');
    send({ command: 'view.admin' });
    expect(screen.getByRole('main')).toHaveAccessibleName('Intensive care');
  });

  it('are not listened for in a browser, where there is no menu', async () => {
    systemScheme(false);
    console_('system');
    render(<App />);
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(window.winback).toBeUndefined();
  });
});
