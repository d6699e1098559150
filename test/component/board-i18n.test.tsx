import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { FloorTable, FloorTotals } from '../../renderer/src/views/board/FloorTable';
import { ThresholdsForm } from '../../renderer/src/views/board/BoardSettings';
import type { Board, BoardRow } from '../../shared/sync/board';

afterEach(() => applyLanguage('en', 'USD'));

const plain = (el: HTMLElement) => (el.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

const zero = { calls: 0, recovered: 0, revenueBack: 0 };
const row = (over: Partial<BoardRow>): BoardRow => ({
  person: 'X', role: 'agent', state: 'idle', stage: null, customerId: null, pauseReason: null, since: '2026-11-16T14:00:00.000Z',
  secondsInState: 60, silent: false, lastHeardAt: '2026-11-16T14:00:00.000Z', desks: 1, today: zero, ...over,
});
const board: Board = {
  generatedAt: '2026-11-16T14:00:00.000Z',
  rows: [
    row({ person: 'Alex Agent', state: 'in_call', stage: 'listen', customerId: 'C-41', secondsInState: 16 * 60, today: { calls: 4, recovered: 1, revenueBack: 1290 } }),
    row({ person: 'Nia Agent', state: 'offline', silent: true, secondsInState: 3_700 }),
  ],
  totals: { people: 2, byState: { idle: 0, in_call: 1, wrap_up: 0, paused: 0, offline: 1 }, today: { calls: 4, recovered: 1, revenueBack: 1290 } },
};
const thresholds = { idle: 20, in_call: 15, wrap_up: 3, paused: 15 };

describe('the floor in another language', () => {
  it('German with euros: states in words, spoken durations in the plural, the revenue back', async () => {
    await applyLanguage('de', 'EUR');
    render(<FloorTable board={board} thresholds={thresholds} elapsed={0} />);
    const alex = screen.getByRole('row', { name: /Alex Agent/ });
    expect(within(alex).getByText('Im Gespräch, Phase Zuhören')).toBeInTheDocument();
    expect(within(alex).getByLabelText('16 Minuten, über der Schwelle von 15 Minuten')).toBeInTheDocument();
    expect(plain(alex)).toContain('1.290,00 €');
    expect(screen.getByRole('row', { name: /Nia Agent/ })).toHaveTextContent('Offline (keine Meldung)');
    expect(screen.getByRole('columnheader', { name: 'Zeit im Status' })).toBeInTheDocument();
  });

  it('Spanish with euros: the team totals and the threshold form', async () => {
    await applyLanguage('es', 'EUR');
    render(
      <>
        <FloorTotals board={board} />
        <ThresholdsForm value={thresholds} onSave={() => Promise.resolve(true)} />
      </>,
    );
    const totals = screen.getByRole('list', { name: 'Totales del equipo' });
    expect(plain(totals)).toContain('En llamada: 1');
    expect(plain(totals)).toContain('Ingresos recuperados hoy: 1290,00 €');
    expect(screen.getByLabelText('Cierre de llamada más de (minutos)')).toHaveValue(3);
    expect(screen.getByRole('button', { name: 'Guardar los límites' })).toBeInTheDocument();
  });
});
