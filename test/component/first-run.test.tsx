import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { installFakeApi } from './fakeApi';
import type { Session } from '../../shared/api/session';

const base: Session = { user: null, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' };

describe('first run', () => {
  it('asks who is using the console, and refuses an empty name with a message', async () => {
    const { calls } = installFakeApi({ 'session.get': () => base });
    render(<App />);
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your name.');
    expect(calls.map(([c]) => c).filter((c) => c !== 'locale.get')).toEqual(['session.get']);
  });

  it('saves name and role and opens the console', async () => {
    const { calls } = installFakeApi({
      'session.get': () => base,
      'session.setup': (i) => ({ ...base, user: { id: 'p1', name: i.name, role: i.role } }),
      'queue.list': () => ({ items: [], total: 0 }),
      'sync.status': () => ({ hubConfigured: false, online: null, pending: 0, lastSyncAt: null, lastError: null }),
    });
    render(<App />);
    await userEvent.type(await screen.findByLabelText('Your name'), 'Ann Example');
    await userEvent.click(screen.getByRole('radio', { name: 'Executive' }));
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.getByText('Ann Example · Executive')).toBeInTheDocument();
    expect(calls).toContainEqual(['session.setup', { name: 'Ann Example', role: 'executive' }]);
    // A new executive cannot fill their own queue: they are told whom to ask, with no demo button.
    expect(await screen.findByRole('heading', { name: 'Your handful is not chosen yet' })).toBeInTheDocument();
    expect(screen.getByText(/Ask a manager to assign you your handful/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load the demo' })).toBeNull();
  });

  it("a manager sets the desk's manager passphrase at set-up", async () => {
    const { calls } = installFakeApi({
      'session.get': () => base,
      'session.setup': (i) => ({ ...base, user: { id: 'p1', name: i.name, role: i.role } }),
      'queue.list': () => ({ items: [], total: 0 }),
      'queue.filters': () => ({ segments: [], categories: [], cycles: [] }),
      'sync.status': () => ({ hubConfigured: false, online: null, pending: 0, lastSyncAt: null, lastError: null }),
    });
    render(<App />);
    await userEvent.type(await screen.findByLabelText('Your name'), 'Mia Manager');
    await userEvent.click(screen.getByRole('radio', { name: 'Manager' }));
    await userEvent.type(screen.getByLabelText('Manager passphrase'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a manager passphrase of at least 10 characters.');
    expect(calls.map(([c]) => c)).not.toContain('session.setup');
    await userEvent.type(screen.getByLabelText('Manager passphrase'), ' but now long enough');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(calls).toContainEqual(['session.setup', { name: 'Mia Manager', role: 'manager', managerPassphrase: 'short but now long enough' }]);
  });

  it('shows a failed backend call as a specific message', async () => {
    installFakeApi({
      'session.get': () => base,
      'session.setup': () => ({ code: 'invalid_input', message: 'name: A name is at most 120 characters.' }),
    });
    render(<App />);
    await userEvent.type(await screen.findByLabelText('Your name'), 'Ann');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('name: A name is at most 120 characters.');
  });
});
