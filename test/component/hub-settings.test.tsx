import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import type { HubSettings } from '../../shared/api/sync';
import type { Role } from '../../shared/domain/roles';
import { installFakeApi } from './fakeApi';

const TOKEN = `wbh_${'Q'.repeat(43)}`;

function consoleOf(role: Role, initial: HubSettings = { url: null, tokenConfigured: false, refusedEvents: 0, lastPullAt: null }) {
  let settings = initial;
  const api = installFakeApi({
    'session.get': () => ({ user: { id: 'p1', name: 'Alex Agent', role }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' }),
    'queue.list': () => ({ items: [], total: 0 }),
    'sync.status': () => ({ hubConfigured: settings.url !== null, online: settings.url ? true : null, pending: 0, lastSyncAt: null, lastError: null }),
    'people.list': () => [],
    'hub.settings.get': () => settings,
    'hub.settings.set': (i) => {
      settings = { ...settings, url: i.url.endsWith('/') ? i.url : `${i.url}/`, tokenConfigured: settings.tokenConfigured || i.token !== undefined };
      return settings;
    },
    'hub.assignments.pull': () => ({ received: 3, added: 2, updated: 1 }),
    'sync.now': () => ({ code: 'network', message: 'Could not reach the hub at hub.example.com. Events wait on this desk and are sent when it is back.' }),
    'hub.test': () => ({ name: 'Alex Agent', role }),
  });
  return api;
}

async function openAdmin() {
  render(<App />);
  await userEvent.click(within(await screen.findByRole('navigation', { name: 'Main' })).getByRole('button', { name: 'Admin' }));
  return screen.findByRole('region', { name: 'Hub' });
}

describe('the hub settings in Admin', () => {
  it('connects a standalone console: address and token saved, the token never shown again', async () => {
    const { calls } = consoleOf('agent');
    const hub = await openAdmin();
    expect(within(hub).getByText(/works standalone/)).toBeInTheDocument();
    await userEvent.click(within(hub).getByRole('button', { name: 'Save hub settings' }));
    expect(within(hub).getByRole('alert')).toHaveTextContent('Enter the hub address');
    await userEvent.type(within(hub).getByLabelText('Hub address'), 'https://hub.example.com');
    await userEvent.click(within(hub).getByRole('button', { name: 'Save hub settings' }));
    expect(within(hub).getByRole('alert')).toHaveTextContent("Enter this console's hub token");
    await userEvent.type(within(hub).getByLabelText('Hub token'), TOKEN);
    await userEvent.click(within(hub).getByRole('button', { name: 'Save hub settings' }));
    expect(await within(hub).findByRole('status', { name: 'Hub result' })).toHaveTextContent('Hub settings saved.');
    expect(calls).toContainEqual(['hub.settings.set', { url: 'https://hub.example.com', token: TOKEN }]);
    expect(within(hub).getByLabelText('Hub token')).toHaveValue('');
    expect(within(hub).getByText('Token configured: yes')).toBeInTheDocument();
    expect(document.body.textContent).not.toContain(TOKEN);
    expect(within(hub).queryByRole('button', { name: 'Publish assignments' })).toBeNull();
  });

  it('keeps what a save answered when the first read of the settings comes back after it', async () => {
    // The first read is held until the save has answered, as on a busy desk.
    let releaseFirstRead: () => void = () => undefined;
    const firstRead = new Promise<void>((resolve) => (releaseFirstRead = resolve));
    const stale: HubSettings = { url: null, tokenConfigured: false, refusedEvents: 0, lastPullAt: null };
    let saved = stale;
    installFakeApi({
      'session.get': () => ({ user: { id: 'p1', name: 'Alex Agent', role: 'agent' }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' }),
      'queue.list': () => ({ items: [], total: 0 }),
      'sync.status': () => ({ hubConfigured: saved.url !== null, online: saved.url ? true : null, pending: 0, lastSyncAt: null, lastError: null }),
      'people.list': () => [],
      'hub.settings.get': (() => firstRead.then(() => stale)) as never,
      'hub.settings.set': (i) => (saved = { ...stale, url: `${i.url}/`, tokenConfigured: i.token !== undefined }),
    });
    const hub = await openAdmin();
    await userEvent.type(within(hub).getByLabelText('Hub address'), 'https://hub.example.com');
    await userEvent.type(within(hub).getByLabelText('Hub token'), TOKEN);
    await userEvent.click(within(hub).getByRole('button', { name: 'Save hub settings' }));
    expect(await within(hub).findByRole('status', { name: 'Hub result' })).toHaveTextContent('Hub settings saved.');
    releaseFirstRead();
    await firstRead;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(within(hub).getByText('Token configured: yes')).toBeInTheDocument();
    expect(within(hub).getByRole('button', { name: 'Sync now' })).toBeInTheDocument();
  });

  it('fetches assignments and reports a failed sync as a visible message', async () => {
    consoleOf('agent', { url: 'https://hub.example.com/', tokenConfigured: true, refusedEvents: 2, lastPullAt: null });
    const hub = await openAdmin();
    expect(within(hub).getByText(/refused 2 events \(invalid, or too large to send\)/)).toBeInTheDocument();
    await userEvent.click(within(hub).getByRole('button', { name: 'Fetch my assignments' }));
    expect(await within(hub).findByRole('status', { name: 'Hub result' })).toHaveTextContent('Received 3 assigned customers: 2 new, 1 updated.');
    await userEvent.click(within(hub).getByRole('button', { name: 'Sync now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not reach the hub at hub.example.com.');
  });

  it('offers publishing to a manager', async () => {
    consoleOf('manager', { url: 'https://hub.example.com/', tokenConfigured: true, refusedEvents: 0, lastPullAt: null });
    const hub = await openAdmin();
    expect(within(hub).getByRole('button', { name: 'Publish assignments' })).toBeInTheDocument();
    await userEvent.click(within(hub).getByRole('button', { name: 'Test connection' }));
    expect(await within(hub).findByRole('status', { name: 'Hub result' })).toHaveTextContent("this console's token belongs to Alex Agent (Manager)");
  });
});
