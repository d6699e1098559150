import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { GetStarted } from '../../renderer/src/views/GetStarted';
import { useAppStore } from '../../renderer/src/store';
import type { Role } from '../../shared/domain/roles';
import { installFakeApi } from './fakeApi';

afterEach(() => applyLanguage('en', 'USD'));

const signIn = (role: Role) =>
  useAppStore.setState({ session: { user: { id: 'p1', name: 'Pat', role }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' } });

const cycle = (departed: number) => ({ id: '2026-11', name: 'November 2026', kind: 'monthly' as const, startsOn: '2026-11-01', endsOn: '2026-11-30', departed, revenue: 150 });

/** The first-run screens carry no amount: what they show in each language is words and a count. */
describe('an empty queue in another language', () => {
  it('Spanish: the manager is told how many departed customers there are, in the plural for a million', async () => {
    await applyLanguage('es', 'EUR');
    installFakeApi({ 'cycles.list': () => [cycle(1_000_000)] });
    signIn('manager');
    render(<GetStarted />);
    expect(await screen.findByRole('heading', { name: 'No hay nadie en cola' })).toBeInTheDocument();
    expect(screen.getByText(/^La consola tiene 1\.000\.000 de clientes dados de baja y ninguno está en una cola/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Abrir Administración' })).toBeInTheDocument();
  });

  it('German: a manager without customers, an agent and an executive each read their own words', async () => {
    await applyLanguage('de', 'EUR');
    installFakeApi({ 'cycles.list': () => [cycle(0)] });
    signIn('manager');
    const { unmount } = render(<GetStarted />);
    expect(await screen.findByRole('heading', { name: 'Noch keine abgewanderten Kunden' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Demo laden' })).toBeInTheDocument();
    unmount();
    signIn('agent');
    const agent = render(<GetStarted />);
    expect(screen.getByRole('heading', { name: 'Gerade niemand anzurufen' })).toBeInTheDocument();
    agent.unmount();
    signIn('executive');
    render(<GetStarted />);
    expect(screen.getByRole('heading', { name: 'Ihre Auswahl steht noch nicht fest' })).toBeInTheDocument();
  });

  it('French: one departed customer, in the singular', async () => {
    await applyLanguage('fr', 'EUR');
    installFakeApi({ 'cycles.list': () => [cycle(1)] });
    signIn('manager');
    render(<GetStarted />);
    expect(await screen.findByText(/^La console compte 1 client parti, et il n’est dans aucune file/)).toBeInTheDocument();
  });
});
