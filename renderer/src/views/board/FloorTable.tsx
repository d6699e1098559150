import { Trans, useTranslation } from 'react-i18next';
import type { BoardThresholds } from '../../../../shared/api/presence';
import type { Board } from '../../../../shared/sync/board';
import { formatCount, formatMoney } from '../../lib/format';
import { formatDuration } from '../../lib/duration';
import { spokenDuration, stateInWords } from './boardWords';

export interface FloorTableProps {
  board: Board;
  thresholds: BoardThresholds;
  /** Seconds since the board was read: time in state keeps counting between reads. */
  elapsed: number;
}

/** One row per person: state, time in state (highlighted past the manager's threshold), today's counts. */
export function FloorTable({ board, thresholds, elapsed }: FloorTableProps) {
  const { t } = useTranslation();
  return (
    <table className="board-table">
      <caption className="sr-only">{t('board.table.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('board.table.person')}</th>
          <th scope="col">{t('board.table.state')}</th>
          <th scope="col">{t('board.table.customer')}</th>
          <th scope="col" className="num">{t('board.table.timeInState')}</th>
          <th scope="col" className="num">{t('board.table.callsToday')}</th>
          <th scope="col" className="num">{t('board.table.recovered')}</th>
          <th scope="col" className="num">{t('board.table.revenueBack')}</th>
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
              <td>{stateInWords(t, row)}</td>
              <td>{row.customerId ?? ''}</td>
              <td className="num time">
                {seconds === null ? (
                  '—'
                ) : (
                  <span
                    aria-label={
                      over
                        ? t('board.duration.over', { time: spokenDuration(t, seconds), count: thresholds[row.state as keyof BoardThresholds] })
                        : spokenDuration(t, seconds)
                    }
                  >
                    {formatDuration(seconds)}
                    {over ? ' ⚠' : ''}
                  </span>
                )}
              </td>
              <td className="num">{formatCount(row.today.calls)}</td>
              <td className="num">{formatCount(row.today.recovered)}</td>
              <td className="num">{formatMoney(row.today.revenueBack)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function FloorTotals({ board }: { board: Board }) {
  const { t } = useTranslation();
  const totals = board.totals;
  const items: [string, string][] = [
    [t('board.state.in_call'), formatCount(totals.byState.in_call)],
    [t('board.state.wrap_up'), formatCount(totals.byState.wrap_up)],
    [t('board.state.idle'), formatCount(totals.byState.idle)],
    [t('board.state.paused'), formatCount(totals.byState.paused)],
    [t('board.state.offline'), formatCount(totals.byState.offline)],
    [t('board.totals.callsToday'), formatCount(totals.today.calls)],
    [t('board.totals.recoveredToday'), formatCount(totals.today.recovered)],
    [t('board.totals.revenueBackToday'), formatMoney(totals.today.revenueBack)],
  ];
  return (
    <ul className="board-totals" aria-label={t('board.totals.label')}>
      {items.map(([label, value]) => (
        <li key={label}>
          <Trans i18nKey="board.totals.item" values={{ label, value }} components={{ 1: <strong /> }} />
        </li>
      ))}
    </ul>
  );
}
