import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PauseReport } from '../../../../shared/reports/pauses';
import { PAUSE_CSV_COLUMNS } from '../../../../shared/reports/pauses';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { csvFileName, saveCsv } from '../../lib/download';
import { formatDuration } from '../../lib/duration';
import { formatCount, formatDay, formatPercent } from '../../lib/format';

const today = () => new Date().toLocaleDateString('en-CA');

/** Pause time by person and reason: this desk's records, or the whole floor's through the hub. */
export function PauseTime({ hubConfigured }: { hubConfigured: boolean }) {
  const reportError = useAppStore((s) => s.reportError);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [source, setSource] = useState<'floor' | 'desk'>(hubConfigured ? 'floor' : 'desk');
  const [report, setReport] = useState<PauseReport | null>(null);
  const { t } = useTranslation();
  const show = async () => {
    try {
      setReport(await api().call(source === 'floor' ? 'hub.pauses' : 'reports.pauses', { from, to }));
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <div>
      <form
        className="board-form"
        aria-label={t('board.pauses.label')}
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        <label>
          {t('board.pauses.from')}
          <input type="date" value={from} required onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('board.pauses.to')}
          <input type="date" value={to} required onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          {t('board.pauses.source')}
          <select value={source} onChange={(e) => setSource(e.target.value === 'floor' ? 'floor' : 'desk')}>
            <option value="floor" disabled={!hubConfigured}>
              {t('board.pauses.floor')}
            </option>
            <option value="desk">{t('board.pauses.desk')}</option>
          </select>
        </label>
        <button type="submit">{t('board.pauses.show')}</button>
        <button type="button" disabled={!report || report.rows.length === 0} onClick={() => report && saveCsv(csvFileName(t('board.pauses.csvFile', { from: report.from, to: report.to })), PAUSE_CSV_COLUMNS, report.rows)}>
          {t('board.pauses.download')}
        </button>
      </form>
      {report && (
        report.rows.length === 0 ? (
          <p>{t('board.pauses.none', { from: formatDay(report.from), to: formatDay(report.to) })}</p>
        ) : (
          <table className="board-table">
            <caption className="sr-only">{t('board.pauses.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('board.pauses.person')}</th>
                <th scope="col">{t('board.pauses.reason')}</th>
                <th scope="col" className="num">{t('board.pauses.pauses')}</th>
                <th scope="col" className="num">{t('board.pauses.time')}</th>
                <th scope="col" className="num">{t('board.pauses.longest')}</th>
                <th scope="col" className="num">{t('board.pauses.share')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={`${r.person}|${r.reasonId}`}>
                  <th scope="row">{r.person}</th>
                  <td>{r.reason}</td>
                  <td className="num">{formatCount(r.pauses)}</td>
                  <td className="num">{formatDuration(r.seconds)}</td>
                  <td className="num">{formatDuration(r.longestSeconds)}</td>
                  <td className="num">{formatPercent(r.share)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('board.pauses.everyone')}</th>
                <td />
                <td className="num">{formatCount(report.totals.pauses)}</td>
                <td className="num">{formatDuration(report.totals.seconds)}</td>
                <td />
                <td />
              </tr>
            </tfoot>
          </table>
        )
      )}
    </div>
  );
}
