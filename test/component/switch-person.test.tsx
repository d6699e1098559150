import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { PassphraseSection } from '../../renderer/src/views/admin/PassphraseSection';
import { installFakeApi } from './fakeApi';
import type { Session } from '../../shared/api/session';

const session = (name: string, role: 'agent' | 'executive' | 'manager'): Session => ({ user: { id: name, name, role }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' });

function desk(switchTo: (i: { name: string; role: string; passphrase?: string | undefined }) => Session | { code: 'forbidden'; message: string }) {
  return installFakeApi({
    'session.get': () => session('Ann Agent', 'agent'),
    'session.switch': switchTo,
    'queue.list': () => ({ items: [], total: 0 }),
    'queue.filters': () => ({ segments: [], categories: [], cycles: [] }),
    'sync.status': () => ({ hubConfigured: false, online: null, pending: 0, lastSyncAt: null, lastError: null }),
  });
}

describe('Switch person', () => {
  it('hands the desk to another agent from the app frame', async () => {
    const { calls } = desk((i) => session(i.name, 'agent'));
    render(<App />);
    await userEvent.click(await screen.findByRole('button', { name: 'Switch person' }));
    const dialog = screen.getByRole('dialog', { name: 'Switch person' });
    // The desk's own role needs no passphrase.
    expect(within(dialog).queryByLabelText('Manager passphrase')).toBeNull();
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Bo Agent');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Switch' }));
    expect(await screen.findByText('Bo Agent · Recovery agent')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls).toContainEqual(['session.switch', { name: 'Bo Agent', role: 'agent' }]);
  });

  it('asks for the manager passphrase for the manager role, and shows a refusal in the dialog', async () => {
    const { calls } = desk(() => ({ code: 'forbidden', message: "That is not this desk's manager passphrase." }));
    render(<App />);
    await userEvent.click(await screen.findByRole('button', { name: 'Switch person' }));
    const dialog = screen.getByRole('dialog', { name: 'Switch person' });
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Eve');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Manager' }));
    await userEvent.type(within(dialog).getByLabelText('Manager passphrase'), 'a wrong passphrase');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Switch' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent("That is not this desk's manager passphrase.");
    expect(screen.getByText('Ann Agent · Recovery agent')).toBeInTheDocument();
    expect(calls).toContainEqual(['session.switch', { name: 'Eve', role: 'manager', passphrase: 'a wrong passphrase' }]);
  });
});

describe("a desk's manager passphrase (Admin, This desk)", () => {
  it('is set only when typed twice alike and long enough', async () => {
    const { calls } = installFakeApi({ 'session.passphrase.set': () => ({ set: true }) });
    render(<PassphraseSection />);
    await userEvent.type(screen.getByLabelText('New manager passphrase'), 'a new passphrase');
    await userEvent.type(screen.getByLabelText('The same again'), 'a new passphrasE');
    await userEvent.click(screen.getByRole('button', { name: 'Set the passphrase' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The two passphrases differ.');
    await userEvent.clear(screen.getByLabelText('The same again'));
    await userEvent.type(screen.getByLabelText('The same again'), 'a new passphrase');
    await userEvent.click(screen.getByRole('button', { name: 'Set the passphrase' }));
    await expect.poll(() => calls).toContainEqual(['session.passphrase.set', { passphrase: 'a new passphrase' }]);
    expect(calls.filter(([c]) => c === 'session.passphrase.set')).toHaveLength(1);
  });
});
