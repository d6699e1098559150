import { useEffect } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import {
  FEEDBACK_STATUSES,
  FEEDBACK_STATUS_LABELS,
  type FeedbackCountRow,
  type FeedbackGroup,
  type FeedbackItem,
  type FeedbackStatus,
} from '../../../shared/api/feedback';
import { OUTCOME_LABELS } from '../../../shared/domain/outcomes';
import { useAppStore } from '../store';
import type { FeedbackFilter } from '../store/feedbackSlice';
import { csvFileName, saveCsv } from '../lib/download';
import { formatDate, formatMoney } from '../lib/format';
import { ChartPanel } from './trends/ChartPanel';
import { DataTable, type Column } from './trends/DataTable';
import { seriesColor, useChartTheme } from './trends/chartTheme';

const NO_TEAM = 'No team recorded';
const NO_REP = 'No rep recorded';

const groupColumns: Column<FeedbackGroup>[] = [
  { header: 'Frontline team', csv: (g) => g.team ?? NO_TEAM },
  { header: 'Rep', csv: (g) => g.rep ?? NO_REP },
  ...FEEDBACK_STATUSES.map((s) => ({ header: FEEDBACK_STATUS_LABELS[s], csv: (g: FeedbackGroup) => g[s], numeric: true })),
];

const countColumns: Column<FeedbackCountRow>[] = [
  { header: 'Month', csv: (c) => c.period },
  { header: 'Frontline team', csv: (c) => c.team ?? NO_TEAM },
  { header: 'Rep', csv: (c) => c.rep ?? NO_REP },
  { header: 'Diagnosed reason', csv: (c) => c.reason },
  { header: 'Feedback', csv: (c) => c.count, numeric: true },
];

const queueCsvColumns = [
  { header: 'Frontline team', value: (i: FeedbackItem) => i.frontlineTeam },
  { header: 'Rep', value: (i: FeedbackItem) => i.frontlineRep },
  { header: 'Status', value: (i: FeedbackItem) => FEEDBACK_STATUS_LABELS[i.status] },
  { header: 'Recorded at', value: (i: FeedbackItem) => i.createdAt },
  { header: 'Feedback', value: (i: FeedbackItem) => i.text },
  { header: 'Customer ID', value: (i: FeedbackItem) => i.customer.externalId },
  { header: 'Customer', value: (i: FeedbackItem) => i.customer.name },
  { header: 'Monthly revenue', value: (i: FeedbackItem) => i.customer.monthlyRevenue },
  { header: 'Call', value: (i: FeedbackItem) => i.call.id },
  { header: 'Caller', value: (i: FeedbackItem) => i.call.caller },
  { header: 'Diagnosed reason', value: (i: FeedbackItem) => i.call.diagnosedReason },
];

function FeedbackCard({ item, onStatus }: { item: FeedbackItem; onStatus: (status: FeedbackStatus) => void }) {
  const who = item.customer.name ?? item.customer.externalId;
  const selectId = `feedback-status-${item.id}`;
  return (
    <li className="feedback-item">
      <blockquote>{item.text}</blockquote>
      <p className="muted">
        {who} · {formatMoney(item.customer.monthlyRevenue)}/month · left: {item.customer.statedReason ?? 'no stated reason'}
        <br />
        Call {formatDate(item.call.completedAt)} by {item.call.caller} · {OUTCOME_LABELS[item.call.outcome]} · diagnosed: {item.call.diagnosedReason ?? 'not diagnosed'}
      </p>
      <label htmlFor={selectId}>Status of feedback about {who}</label>
      <select id={selectId} value={item.status} onChange={(e) => onStatus(e.target.value as FeedbackStatus)}>
        {FEEDBACK_STATUSES.map((s) => (
          <option key={s} value={s}>
            {FEEDBACK_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
    </li>
  );
}

/** Items grouped by team, then rep, in the order the backend sorted them. */
function groupItems(items: readonly FeedbackItem[]): { team: string; reps: { rep: string; items: FeedbackItem[] }[] }[] {
  const teams: { team: string; reps: { rep: string; items: FeedbackItem[] }[] }[] = [];
  for (const item of items) {
    const team = item.frontlineTeam ?? NO_TEAM;
    const rep = item.frontlineRep ?? NO_REP;
    let t = teams.at(-1);
    if (t?.team !== team) {
      t = { team, reps: [] };
      teams.push(t);
    }
    let r = t.reps.at(-1);
    if (r?.rep !== rep) {
      r = { rep, items: [] };
      t.reps.push(r);
    }
    r.items.push(item);
  }
  return teams;
}

function CountsChart({ counts }: { counts: readonly FeedbackCountRow[] }) {
  const theme = useChartTheme();
  const reasons = [...new Set(counts.map((c) => c.reason))];
  const months = [...new Set(counts.map((c) => c.period))].sort();
  const data = months.map((period) => {
    const row: Record<string, string | number> = { period };
    for (const r of reasons) row[r] = counts.filter((c) => c.period === period && c.reason === r).reduce((s, c) => s + c.count, 0);
    return row;
  });
  return (
    <ChartPanel
      id="feedback-counts"
      title="Feedback per rep and reason over time"
      summary={`Stacked bar chart of feedback recorded per month across ${months.length} months, by diagnosed reason.`}
      chart={
        <BarChart width={460} height={260} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} />
          <XAxis dataKey="period" stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <YAxis allowDecimals={false} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <Tooltip contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }} />
          <Legend wrapperStyle={{ color: theme.text, fontSize: 12 }} />
          {reasons.map((r, i) => (
            <Bar key={r} dataKey={(row: Record<string, number>) => row[r] ?? 0} name={r} stackId="reasons" fill={seriesColor(theme, i)} isAnimationActive={false} />
          ))}
        </BarChart>
      }
      table={<DataTable caption="Feedback per month, rep and reason" columns={countColumns} rows={counts} rowKey={(c, i) => `${c.period}|${c.team ?? ''}|${c.rep ?? ''}|${c.reasonId ?? ''}|${i}`} />}
    />
  );
}

/** The frontline feedback loop: what calls revealed, grouped by the rep and team who served the customer. */
export function FeedbackView() {
  const items = useAppStore((s) => s.feedbackItems);
  const total = useAppStore((s) => s.feedbackTotal);
  const groups = useAppStore((s) => s.feedbackGroups);
  const counts = useAppStore((s) => s.feedbackCounts);
  const filter = useAppStore((s) => s.feedbackFilter);
  const loading = useAppStore((s) => s.feedbackLoading);
  const load = useAppStore((s) => s.loadFeedback);
  const setFilter = useAppStore((s) => s.setFeedbackFilter);
  const setStatus = useAppStore((s) => s.setFeedbackStatus);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="feedback">
      <header className="trends-head">
        <h1>Frontline feedback</h1>
        <div className="filter">
          <label htmlFor="feedback-filter">Show</label>
          <select id="feedback-filter" value={filter} onChange={(e) => setFilter(e.target.value as FeedbackFilter)}>
            <option value="open">Open (not closed)</option>
            {FEEDBACK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {FEEDBACK_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={() => saveCsv(csvFileName('frontline feedback queue'), queueCsvColumns, items)} disabled={items.length === 0} aria-label="Download CSV: feedback queue">
          Download CSV
        </button>
      </header>
      <p aria-live="polite" className="muted">
        {loading ? 'Loading…' : `${total.toLocaleString()} item${total === 1 ? '' : 's'}${items.length < total ? `, the first ${items.length} shown` : ''}`}
      </p>
      <DataTable caption="Feedback by rep" columns={groupColumns} rows={groups} rowKey={(g) => `${g.team ?? ''}|${g.rep ?? ''}`} empty="No feedback recorded on calls yet." />
      {groupItems(items).map((t) => (
        <section key={t.team} className="feedback-team" aria-label={`Team ${t.team}`}>
          <h2>{t.team}</h2>
          {t.reps.map((r) => (
            <section key={r.rep} aria-label={`${r.rep}, ${t.team}`}>
              <h3>
                {r.rep} <span className="muted">({r.items.length})</span>
              </h3>
              <ul className="feedback-list">
                {r.items.map((item) => (
                  <FeedbackCard key={item.id} item={item} onStatus={(status) => void setStatus(item.id, status)} />
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
      <CountsChart counts={counts} />
    </div>
  );
}
