import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import type { MaintenanceStatus } from '../../shared/api/maintenance';
import type { Session } from '../../shared/api/session';
import { installFakeApi } from './fakeApi';

const damagedMessage = "The console's database is damaged, so it was not opened and nothing can be shown or saved until a backup is restored.";
const goodBackup = {
  file: 'winback-2026-11-15T09-00-00-000Z-daily.db',
  takenAt: '2026-11-15T09:00:00.000Z',
  reason: 'daily',
  sizeBytes: 1_200_000,
  schemaVersion: 2,
  customers: 1869,
  calls: 42,
};
const damaged: MaintenanceStatus = {
  state: 'damaged',
  problem: 'database disk image is malformed',
  databasePath: '/home/ann/.config/Winback Console/winback.db',
  backupsFolder: '/home/ann/.config/Winback Console/backups',
  lastBackupAt: null,
  backups: [goodBackup],
  newestGoodBackup: goodBackup,
};
const healthy: MaintenanceStatus = { ...damaged, state: 'ok', problem: null, newestGoodBackup: null };
const session: Session = { user: { id: 'p1', name: 'Mia', role: 'manager' }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' };

describe('a damaged database', () => {
  it('shows what happened and offers the newest good backup instead of an empty console', async () => {
    installFakeApi({
      'session.get': () => ({ code: 'internal', message: damagedMessage }),
      'maintenance.status': () => damaged,
    });
    render(<App />);
    expect(await screen.findByRole('heading', { name: "The console's data is damaged" })).toBeInTheDocument();
    expect(screen.getByText('database disk image is malformed')).toBeInTheDocument();
    expect(screen.getByText(/holds 1,869 customers and 42 calls/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Your name')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Restore the backup of / })).toBeEnabled();
  });

  it('restores the backup and opens the console', async () => {
    let restored = false;
    const { calls } = installFakeApi({
      'session.get': () => (restored ? session : { code: 'internal', message: damagedMessage }),
      'maintenance.status': () => damaged,
      'maintenance.restoreBackup': () => {
        restored = true;
        return healthy;
      },
      'queue.list': () => ({ items: [], total: 0 }),
      'sync.status': () => ({ hubConfigured: false, online: null, pending: 0, lastSyncAt: null, lastError: null }),
    });
    render(<App />);
    await userEvent.click(await screen.findByRole('button', { name: /^Restore the backup of / }));
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(calls).toContainEqual(['maintenance.restoreBackup', { file: goodBackup.file }]);
    expect(screen.getByText(`The backup ${goodBackup.file} was restored.`)).toBeInTheDocument();
  });

  it('shows a failed restore as a specific message and stays on the recovery screen', async () => {
    installFakeApi({
      'session.get': () => ({ code: 'internal', message: damagedMessage }),
      'maintenance.status': () => damaged,
      'maintenance.restoreBackup': () => ({ code: 'invalid_file', message: 'The backup fails the integrity check.' }),
    });
    render(<App />);
    await userEvent.click(await screen.findByRole('button', { name: /^Restore the backup of / }));
    expect(await screen.findByText('The backup fails the integrity check.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: "The console's data is damaged" })).toBeInTheDocument();
  });

  it('says so plainly when there is no good backup, and offers no way to start empty', async () => {
    installFakeApi({
      'session.get': () => ({ code: 'internal', message: damagedMessage }),
      'maintenance.status': () => ({ ...damaged, backups: [], newestGoodBackup: null }),
    });
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'No good backup was found' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Restore/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Continue' })).not.toBeInTheDocument();
  });

  it('is not asked about when the session loads', async () => {
    const { calls } = installFakeApi({
      'session.get': () => ({ ...session, user: null }),
    });
    render(<App />);
    await screen.findByLabelText('Your name');
    expect(calls.map(([c]) => c).filter((c) => c !== 'locale.get')).toEqual(['session.get']);
  });
});
