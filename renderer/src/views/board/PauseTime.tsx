import { useState } from 'react';
import type { PauseReport } from '../../../../shared/reports/pauses';
import { PAUSE_CSV_COLUMNS } from '../../../../shared/reports/pauses';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { csvFileName, saveCsv } from '../../lib/download';
import { formatDuration } from '../../lib/duration';

const today = () => new Date().toLocaleDateString('en-CA');

/** Pause time by person and reason: this desk's records, or the whole floor's through the hub. */
export function PauseTime({ hubConfigured }: { hubConfigured: boolean }) {
  const reportError = useAppStore((s) => s.reportError);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [source, setSource] = useState<'floor' | 'desk'>(hubConfigured ? 'floor' : 'desk');
  const [report, setReport] = useState<PauseReport | null>(null);
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
        aria-label="Pause time"
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        <label>
          From
          <input type="date" value={from} required onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} required onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          Pauses of
          <select value={source} onChange={(e) => setSource(e.target.value === 'floor' ? 'floor' : 'desk')}>
            <option value="floor" disabled={!hubConfigured}>
              The whole floor (from the hub)
            </option>
            <option value="desk">This desk</option>
          </select>
        </label>
        <button type="submit">Show pause time</button>
        <button type="button" disabled={!report || report.rows.length === 0} onClick={() => report && saveCsv(csvFileName(`pause time ${report.from} ${report.to}`), PAUSE_CSV_COLUMNS, report.rows)}>
          Download CSV
        </button>
      </form>
      {report && (
        report.rows.length === 0 ? (
          <p>No pauses from {report.from} to {report.to}.</p>
        ) : (
          <table className="board-table">
            <caption className="sr-only">Pause time by person and reason</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Reason</th>
                <th scope="col" className="num">Pauses</th>
                <th scope="col" className="num">Time</th>
                <th scope="col" className="num">Longest</th>
                <th scope="col" className="num">Share of their pauses</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={`${r.person}|${r.reasonId}`}>
                  <th scope="row">{r.person}</th>
                  <td>{r.reason}</td>
                  <td className="num">{r.pauses}</td>
                  <td className="num">{formatDuration(r.seconds)}</td>
                  <td className="num">{formatDuration(r.longestSeconds)}</td>
                  <td className="num">{Math.round(r.share * 100)}%</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Everyone</th>
                <td />
                <td className="num">{report.totals.pauses}</td>
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
