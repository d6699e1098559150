import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { IssuesView } from '../../renderer/src/views/Issues';
import type { IssueDetail } from '../../shared/api/issues';
import { installFakeApi } from './fakeApi';
import { options } from './trendsData';

afterEach(() => applyLanguage('en', 'USD'));

const plain = (el: HTMLElement) => (el.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

const issue = (patch: Partial<IssueDetail> = {}): IssueDetail => ({
  id: 'i1',
  title: 'Competitors outbid us',
  owner: 'Head of pricing',
  description: '',
  status: 'in_progress',
  createdAt: '2026-10-20T12:00:00.000Z',
  updatedAt: '2026-10-20T12:00:00.000Z',
  fixedAt: null,
  reasons: [{ id: 'competitor.better-offer', name: 'Competitor made a better offer', category: 'Competitor' }],
  callCount: 0,
  customers: 1,
  stillLost: 1,
  revenueAtStake: 1234.5,
  calls: [],
  afterFix: null,
  ...patch,
});

describe('Issues in another language', () => {
  it('German with euros: the list, its status, the amount at stake and the plural of customers', async () => {
    await applyLanguage('de', 'EUR');
    installFakeApi({
      'issues.list': () => ({ items: [issue(), issue({ id: 'i2', title: 'Rechnungen zu spät', revenueAtStake: 400, customers: 9, stillLost: 7, status: 'open' })] }),
      'issues.get': () => issue({ customers: 3, stillLost: 2 }),
      'reports.options': () => options(),
      'issues.candidateCalls': () => ({ items: [] }),
    });
    render(<IssuesView />);
    expect(await screen.findByRole('heading', { name: 'Zu behebende Probleme' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Probleme nach monatlichem Umsatz auf dem Spiel' });
    const first = (await within(table).findAllByRole('row'))[1] as HTMLElement;
    expect(plain(first)).toContain('1.234,50 €');
    expect(plain(first)).toContain('In Arbeit');
    await userEvent.click(within(table).getByRole('button', { name: 'Competitors outbid us' }));
    expect(await screen.findByText((_t, el) => el?.tagName === 'P' && plain(el as HTMLElement) === '1.234,50 € Monatsumsatz auf dem Spiel: 2 von 3 Kunden dahinter nicht zurückgewonnen.')).toBeInTheDocument();
    expect(screen.getByLabelText('Status des Problems')).toBeInTheDocument();
  });

  it('Spanish: the new issue form and its error', async () => {
    await applyLanguage('es', 'EUR');
    installFakeApi({ 'issues.list': () => ({ items: [] }), 'reports.options': () => options(), 'issues.candidateCalls': () => ({ items: [] }) });
    render(<IssuesView />);
    expect(await screen.findByText('Todavía no hay problemas. Convierte un motivo en problema desde Tendencias o crea uno aquí.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Nuevo problema' }));
    await userEvent.type(screen.getByLabelText('Título'), 'Algo');
    await userEvent.click(screen.getByRole('button', { name: 'Crear el problema' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Marca al menos un motivo o una llamada.');
  });
});
