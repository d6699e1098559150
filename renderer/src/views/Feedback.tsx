import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartLegend } from './trends/ChartLegend';
import {
  FEEDBACK_STATUSES,
  type FeedbackCountRow,
  type FeedbackGroup,
  type FeedbackItem,
  type FeedbackStatus,
} from '../../../shared/api/feedback';
import { useAppStore } from '../store';
import type { FeedbackFilter } from '../store/feedbackSlice';
import { csvFileName, saveCsv } from '../lib/download';
import { formatCount, formatDate, formatMoney, formattingLocaleNow } from '../lib/format';
import { ChartPanel } from './trends/ChartPanel';
import { DataTable, type Column } from './trends/DataTable';
import { seriesColor, useChartTheme } from './trends/chartTheme';

/** A calendar month ("2026-11") as the person's locale writes it: "Nov 2026", "nov. 2026". */
function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return new Intl.DateTimeFormat(formattingLocaleNow(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

const groupColumns = (t: TFunction): Column<FeedbackGroup>[] => [
  { header: t('feedback.columns.team'), csv: (g) => g.team ?? t('feedback.noTeam') },
  { header: t('feedback.columns.rep'), csv: (g) => g.rep ?? t('feedback.noRep') },
  ...FEEDBACK_STATUSES.map((s) => ({ header: t(`feedback.status.${s}`), csv: (g: FeedbackGroup) => g[s], cell: (g: FeedbackGroup) => formatCount(g[s]), numeric: true })),
];

const countColumns = (t: TFunction): Column<FeedbackCountRow>[] => [
  { header: t('feedback.columns.month'), csv: (c) => c.period, cell: (c) => formatMonth(c.period) },
  { header: t('feedback.columns.team'), csv: (c) => c.team ?? t('feedback.noTeam') },
  { header: t('feedback.columns.rep'), csv: (c) => c.rep ?? t('feedback.noRep') },
  { header: t('feedback.columns.reason'), csv: (c) => c.reason },
  { header: t('feedback.columns.feedback'), csv: (c) => c.count, cell: (c) => formatCount(c.count), numeric: true },
];

const queueCsvColumns = (t: TFunction) => [
  { header: t('feedback.columns.team'), value: (i: FeedbackItem) => i.frontlineTeam },
  { header: t('feedback.columns.rep'), value: (i: FeedbackItem) => i.frontlineRep },
  { header: t('feedback.columns.status'), value: (i: FeedbackItem) => t(`feedback.status.${i.status}`) },
  { header: t('feedback.columns.recordedAt'), value: (i: FeedbackItem) => i.createdAt },
  { header: t('feedback.columns.feedback'), value: (i: FeedbackItem) => i.text },
  { header: t('feedback.columns.customerId'), value: (i: FeedbackItem) => i.customer.externalId },
  { header: t('feedback.columns.customer'), value: (i: FeedbackItem) => i.customer.name },
  { header: t('feedback.columns.revenue'), value: (i: FeedbackItem) => i.customer.monthlyRevenue },
  { header: t('feedback.columns.call'), value: (i: FeedbackItem) => i.call.id },
  { header: t('feedback.columns.caller'), value: (i: FeedbackItem) => i.call.caller },
  { header: t('feedback.columns.reason'), value: (i: FeedbackItem) => i.call.diagnosedReason },
];

function FeedbackCard({ item, onStatus }: { item: FeedbackItem; onStatus: (status: FeedbackStatus) => void }) {
  const who = item.customer.name ?? item.customer.externalId;
  const selectId = `feedback-status-${item.id}`;
  const { t } = useTranslation();
  return (
    <li className="feedback-item">
      <blockquote>{item.text}</blockquote>
      <p className="muted">
        {t('feedback.card.customer', { name: who, amount: formatMoney(item.customer.monthlyRevenue), reason: item.customer.statedReason ?? t('feedback.card.noStatedReason') })}
        <br />
        {t('feedback.card.call', {
          day: formatDate(item.call.completedAt),
          caller: item.call.caller,
          outcome: t(`issues.outcome.${item.call.outcome}`),
          reason: item.call.diagnosedReason ?? t('feedback.card.notDiagnosed'),
        })}
      </p>
      <label htmlFor={selectId}>{t('feedback.card.statusOf', { name: who })}</label>
      <select id={selectId} value={item.status} onChange={(e) => onStatus(e.target.value as FeedbackStatus)}>
        {FEEDBACK_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`feedback.status.${s}`)}
          </option>
        ))}
      </select>
    </li>
  );
}

/** Items grouped by team, then rep, in the order the backend sorted them. */
function groupItems(items: readonly FeedbackItem[], noTeam: string, noRep: string): { team: string; reps: { rep: string; items: FeedbackItem[] }[] }[] {
  const teams: { team: string; reps: { rep: string; items: FeedbackItem[] }[] }[] = [];
  for (const item of items) {
    const team = item.frontlineTeam ?? noTeam;
    const rep = item.frontlineRep ?? noRep;
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
  const { t } = useTranslation();
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
      title={t('feedback.chart.title')}
      summary={t('feedback.chart.summary', { count: months.length })}
      chart={
        <BarChart width={460} height={260} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} />
          <XAxis dataKey="period" tickFormatter={formatMonth} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <YAxis allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <Tooltip formatter={(v) => formatCount(Number(v))} contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }} />
          <Legend wrapperStyle={{ color: theme.text, fontSize: 12 }} content={ChartLegend} />
          {reasons.map((r, i) => (
            <Bar key={r} dataKey={(row: Record<string, number>) => row[r] ?? 0} name={r} stackId="reasons" fill={seriesColor(theme, i)} isAnimationActive={false} />
          ))}
        </BarChart>
      }
      table={<DataTable caption={t('feedback.chart.caption')} columns={countColumns(t)} rows={counts} rowKey={(c, i) => `${c.period}|${c.team ?? ''}|${c.rep ?? ''}|${c.reasonId ?? ''}|${i}`} />}
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
  const { t } = useTranslation();

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="feedback">
      <header className="trends-head">
        <h1>{t('feedback.title')}</h1>
        <div className="filter">
          <label htmlFor="feedback-filter">{t('feedback.show')}</label>
          <select id="feedback-filter" value={filter} onChange={(e) => setFilter(e.target.value as FeedbackFilter)}>
            <option value="open">{t('feedback.open')}</option>
            {FEEDBACK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`feedback.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={() => saveCsv(csvFileName(t('feedback.csvFile')), queueCsvColumns(t), items)} disabled={items.length === 0} aria-label={t('feedback.downloadLabel')}>
          {t('feedback.download')}
        </button>
      </header>
      <p aria-live="polite" className="muted">
        {loading ? t('common.loading') : items.length < total ? t('feedback.itemsShown', { count: total, shown: items.length }) : t('feedback.items', { count: total })}
      </p>
      <DataTable caption={t('feedback.byRep')} columns={groupColumns(t)} rows={groups} rowKey={(g) => `${g.team ?? ''}|${g.rep ?? ''}`} empty={t('feedback.empty')} />
      {groupItems(items, t('feedback.noTeam'), t('feedback.noRep')).map((team) => (
        <section key={team.team} className="feedback-team" aria-label={t('feedback.team', { team: team.team })}>
          <h2>{team.team}</h2>
          {team.reps.map((r) => (
            <section key={r.rep} aria-label={t('feedback.repOfTeam', { rep: r.rep, team: team.team })}>
              <h3>
                {r.rep} <span className="muted">({formatCount(r.items.length)})</span>
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
