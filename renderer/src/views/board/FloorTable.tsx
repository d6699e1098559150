import type { BoardThresholds } from '../../../../shared/api/presence';
import { STAGE_LABELS } from '../../../../shared/domain/stages';
import { PRESENCE_STATE_LABELS, type Board, type BoardRow } from '../../../../shared/sync/board';
import { formatMoney } from '../../lib/format';
import { formatDuration, spokenDuration } from '../../lib/duration';

/** The state in words, as the floor says it: "In a call, stage Listen". */
export function stateInWords(row: BoardRow): string {
  switch (row.state) {
    case 'in_call':
      return row.stage ? `In a call, stage ${STAGE_LABELS[row.stage]}` : 'In a call';
    case 'paused':
      return row.pauseReason ? `Paused: ${row.pauseReason}` : 'Paused';
    case 'offline':
      if (row.since === null) return 'Offline, never connected';
      return row.silent ? 'Offline (not heard from)' : 'Offline (signed off)';
    default:
      return PRESENCE_STATE_LABELS[row.state];
  }
}

export interface FloorTableProps {
  board: Board;
  thresholds: BoardThresholds;
  /** Seconds since the board was read: time in state keeps counting between reads. */
  elapsed: number;
}

/** One row per person: state, time in state (highlighted past the manager's threshold), today's counts. */
export function FloorTable({ board, thresholds, elapsed }: FloorTableProps) {
  return (
    <table className="board-table">
      <caption className="sr-only">Everyone on the floor, now</caption>
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">State</th>
          <th scope="col">Customer</th>
          <th scope="col" className="num">Time in state</th>
          <th scope="col" className="num">Calls today</th>
          <th scope="col" className="num">Recovered</th>
          <th scope="col" className="num">Revenue back</th>
        </tr>
      </thead>
      <tbody>
        {board.rows.map((row) => {
          const seconds = row.secondsInState === null ? null : row.secondsInState + elapsed;
          const limit = row.state === 'offline' ? null : thresholds[row.state] * 60;
          const over = seconds !== null && limit !== null && seconds > limit;
          return (
            <tr key={row.person} className={`state-${row.state}${over ? ' over' : ''}`}>
              <th scope="row">{row.person}</th>
              <td>{stateInWords(row)}</td>
              <td>{row.customerId ?? ''}</td>
              <td className="num time">
                {seconds === null ? '—' : <span aria-label={`${spokenDuration(seconds)}${over ? `, over the ${thresholds[row.state as keyof BoardThresholds]} minute threshold` : ''}`}>{formatDuration(seconds)}{over ? ' ⚠' : ''}</span>}
              </td>
              <td className="num">{row.today.calls}</td>
              <td className="num">{row.today.recovered}</td>
              <td className="num">{formatMoney(row.today.revenueBack)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function FloorTotals({ board }: { board: Board }) {
  const t = board.totals;
  const items: [string, string | number][] = [
    ['In a call', t.byState.in_call],
    ['Wrap-up', t.byState.wrap_up],
    ['Idle', t.byState.idle],
    ['Paused', t.byState.paused],
    ['Offline', t.byState.offline],
    ['Calls today', t.today.calls],
    ['Recovered today', t.today.recovered],
    ['Revenue back today', formatMoney(t.today.revenueBack)],
  ];
  return (
    <ul className="board-totals" aria-label="Team totals">
      {items.map(([label, value]) => (
        <li key={label}>
          {label}: <strong>{value}</strong>
        </li>
      ))}
    </ul>
  );
}
