import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FloorTable, FloorTotals } from '../../renderer/src/views/board/FloorTable';
import type { Board, BoardRow } from '../../shared/sync/board';

const zero = { calls: 0, recovered: 0, revenueBack: 0 };
const row = (over: Partial<BoardRow>): BoardRow => ({
  person: 'X', role: 'agent', state: 'idle', stage: null, customerId: null, pauseReason: null, since: '2026-11-16T14:00:00.000Z',
  secondsInState: 60, silent: false, lastHeardAt: '2026-11-16T14:00:00.000Z', desks: 1, today: zero, ...over,
});
const board: Board = {
  generatedAt: '2026-11-16T14:00:00.000Z',
  rows: [
    row({ person: 'Alex Agent', state: 'in_call', stage: 'listen', customerId: 'C-41', secondsInState: 16 * 60, today: { calls: 4, recovered: 1, revenueBack: 90 } }),
    row({ person: 'Sam Agent', state: 'wrap_up', customerId: 'C-9', secondsInState: 100 }),
    row({ person: 'Robin Agent', state: 'paused', pauseReason: 'Coaching', secondsInState: 300 }),
    row({ person: 'Nia Agent', state: 'offline', silent: true, secondsInState: 3_700 }),
    row({ person: 'Lee Agent', state: 'offline', since: null, secondsInState: null, lastHeardAt: null, desks: 0 }),
  ],
  totals: { people: 5, byState: { idle: 0, in_call: 1, wrap_up: 1, paused: 1, offline: 2 }, today: { calls: 4, recovered: 1, revenueBack: 90 } },
};

describe('the floor table', () => {
  it('says each state in words, and highlights only rows past their threshold', () => {
    render(<FloorTable board={board} thresholds={{ idle: 20, in_call: 15, wrap_up: 3, paused: 15 }} elapsed={0} />);
    const alex = screen.getByRole('row', { name: /Alex Agent/ });
    expect(within(alex).getByText('In a call, stage Listen')).toBeInTheDocument();
    expect(within(alex).getByLabelText('16 minutes, over the 15 minute threshold')).toHaveTextContent('16 min ⚠');
    expect(alex).toHaveClass('over');
    expect(screen.getByRole('row', { name: /Sam Agent/ })).not.toHaveClass('over');
    expect(screen.getByRole('row', { name: /Robin Agent/ })).toHaveTextContent('Paused: Coaching');
    expect(screen.getByRole('row', { name: /Nia Agent/ })).toHaveTextContent('Offline (not heard from)1 h 01 min');
    expect(screen.getByRole('row', { name: /Nia Agent/ })).not.toHaveClass('over');
    expect(screen.getByRole('row', { name: /Lee Agent/ })).toHaveTextContent('Offline, never connected—');
  });

  it('counts time in state on between two reads of the board', () => {
    render(<FloorTable board={board} thresholds={{ idle: 20, in_call: 15, wrap_up: 3, paused: 15 }} elapsed={90} />);
    const sam = screen.getByRole('row', { name: /Sam Agent/ });
    expect(sam).toHaveClass('over');
    expect(within(sam).getByLabelText('3 minutes, over the 3 minute threshold')).toBeInTheDocument();
  });

  it("shows the team's totals for today", () => {
    render(<FloorTotals board={board} />);
    const totals = screen.getByRole('list', { name: 'Team totals' });
    expect(totals).toHaveTextContent('In a call: 1');
    expect(totals).toHaveTextContent('Calls today: 4');
    expect(totals).toHaveTextContent('Revenue back today: $90.00');
  });
});
