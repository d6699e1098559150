import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { FeedbackView } from '../../renderer/src/views/Feedback';
import type { FeedbackItem } from '../../shared/api/feedback';
import { installFakeApi } from './fakeApi';

afterEach(() => applyLanguage('en', 'USD'));

const plain = (el: HTMLElement) => (el.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

const item = (id: string, text: string): FeedbackItem => ({
  id,
  createdAt: '2026-11-03T11:00:00.000Z',
  status: 'new',
  statusChangedAt: null,
  text,
  frontlineRep: 'Rep Avery',
  frontlineTeam: null,
  call: { id: `K-${id}`, completedAt: '2026-11-03T10:00:00.000Z', outcome: 'recovered', caller: 'Sam Agent', diagnosedReasonId: null, diagnosedReason: null },
  customer: { id: 3, externalId: `C-${id}`, name: `Customer ${id}`, monthlyRevenue: 1080, statedReason: null },
});

describe('Frontline feedback in another language', () => {
  it('Spanish with euros: the count in the plural, the cards, the statuses and the table', async () => {
    await applyLanguage('es', 'EUR');
    installFakeApi({
      'feedback.queue': () => ({
        items: [item('F1', 'Me colgaron.'), item('F2', 'Nadie me devolvió la llamada.')],
        total: 3,
        groups: [{ team: null, rep: 'Rep Avery', new: 2, shared: 0, coached: 0, closed: 1 }],
      }),
      'feedback.counts': () => ({ rows: [{ period: '2026-11', team: null, rep: 'Rep Avery', reasonId: 'r', reason: 'Trato del soporte', count: 2 }] }),
    });
    render(<FeedbackView />);
    expect(await screen.findByText('3 comentarios, se muestran los primeros 2')).toBeInTheDocument();
    const team = screen.getByRole('region', { name: 'Equipo Sin equipo registrado' });
    const card = within(team).getAllByRole('listitem')[0] as HTMLElement;
    expect(plain(card)).toContain('Customer F1 · 1080,00 €/mes · se fue por: sin motivo declarado');
    expect(plain(card)).toContain('de Sam Agent · Recuperado · detectado: sin detectar');
    expect(within(card).getByLabelText('Estado del comentario sobre Customer F1')).toHaveDisplayValue('Nuevo');
    const byRep = screen.getByRole('table', { name: 'Comentarios por agente' });
    expect(within(byRep).getByRole('columnheader', { name: 'Con formación' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Descargar CSV: comentarios' })).toBeEnabled();
    const perMonth = screen.getByRole('table', { name: 'Comentarios por mes, agente y motivo' });
    expect(plain(within(perMonth).getAllByRole('row')[1] as HTMLElement)).toBe('nov 2026Sin equipo registradoRep AveryTrato del soporte2');
  });
});
