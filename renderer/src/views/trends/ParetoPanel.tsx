import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReasonsReportRow } from '../../../../shared/reports/reasons';
import { paretoByRevenue, type ParetoPoint } from '../../../../shared/reports/charts';
import { ChartPanel } from './ChartPanel';
import { DataTable, type Column } from './DataTable';
import { seriesColor, useChartTheme } from './chartTheme';
import { formatCompactMoney, formatCount, formatPercent, formatRevenue } from './format';

const SHOWN = 12;

const columnsFor = (t: TFunction): Column<ParetoPoint>[] => [
  { header: t('trends.columns.category'), csv: (p) => p.category },
  { header: t('trends.columns.reason'), csv: (p) => p.reason },
  { header: t('trends.columns.departed'), csv: (p) => p.departed, cell: (p) => formatCount(p.departed), numeric: true },
  { header: t('trends.columns.revenueLost'), csv: (p) => p.revenue, cell: (p) => formatRevenue(p.revenue), numeric: true, money: true },
  { header: t('trends.columns.share'), csv: (p) => Math.round(p.share * 10000) / 10000, cell: (p) => formatPercent(p.share), numeric: true },
  { header: t('trends.columns.cumulative'), csv: (p) => Math.round(p.cumulativeShare * 10000) / 10000, cell: (p) => formatPercent(p.cumulativeShare), numeric: true },
];

export interface ParetoPanelProps {
  rows: readonly ReasonsReportRow[];
  by: 'stated' | 'diagnosed';
  /** Managers can turn a reason into an issue to fix. */
  onMakeIssue?: (reasonId: string) => void;
}

/** Reasons by lost monthly revenue, largest first, with the running share: the few that matter most. */
export function ParetoPanel({ rows, by, onMakeIssue }: ParetoPanelProps) {
  const { t } = useTranslation();
  const theme = useChartTheme();
  const points = paretoByRevenue(rows);
  const shown = points.slice(0, SHOWN);
  const top = points[0];
  const vital = points.findIndex((p) => p.cumulativeShare >= 0.8) + 1;
  const summary = top
    ? t('trends.pareto.summary', { reasons: formatCount(points.length), reason: top.reason, revenue: formatRevenue(top.revenue), share: formatPercent(top.share), vital: formatCount(vital) })
    : t('trends.pareto.summaryEmpty');
  const cumulativeName = t('trends.pareto.cumulativeSeries');
  const height = Math.max(160, shown.length * 28 + 60);
  return (
    <ChartPanel
      id="pareto"
      title={by === 'stated' ? t('trends.pareto.titleStated') : t('trends.pareto.titleDiagnosed')}
      summary={summary}
      chart={
        <ComposedChart width={500} height={height} data={shown.map((p) => ({ reason: p.reason, revenue: p.revenue, cumulativeShare: p.cumulativeShare }))} layout="vertical" margin={{ top: 24, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} horizontal={false} />
          <XAxis xAxisId="revenue" type="number" tickFormatter={formatCompactMoney} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <XAxis xAxisId="share" type="number" orientation="top" domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v)} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <YAxis type="category" dataKey="reason" width={180} interval={0} stroke={theme.muted} tick={{ fill: theme.text, fontSize: 12 }} />
          <Tooltip
            formatter={(value, name) => (name === cumulativeName ? formatPercent(Number(value)) : formatRevenue(Number(value)))}
            contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }}
          />
          <Bar xAxisId="revenue" dataKey="revenue" name={t('trends.pareto.revenueSeries')} fill={seriesColor(theme, 0)} isAnimationActive={false} />
          <Line xAxisId="share" dataKey="cumulativeShare" name={cumulativeName} stroke={seriesColor(theme, 3)} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </ComposedChart>
      }
      table={
        <DataTable
          caption={t('trends.pareto.caption')}
          columns={columnsFor(t)}
          rows={points}
          rowKey={(p) => p.key}
          empty={t('trends.pareto.empty')}
          actions={
            onMakeIssue
              ? {
                  header: t('trends.pareto.issue'),
                  cell: (p) =>
                    p.key.startsWith('unmapped:') ? null : (
                      <button type="button" className="link-button" onClick={() => onMakeIssue(p.key)} aria-label={t('trends.pareto.makeIssueFor', { reason: p.reason })}>
                        {t('trends.pareto.makeIssue')}
                      </button>
                    ),
                }
              : undefined
          }
        />
      }
    />
  );
}
