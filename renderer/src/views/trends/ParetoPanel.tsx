import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReasonsReportRow } from '../../../../shared/reports/reasons';
import { paretoByRevenue, type ParetoPoint } from '../../../../shared/reports/charts';
import { ChartPanel } from './ChartPanel';
import { DataTable, type Column } from './DataTable';
import { seriesColor, useChartTheme } from './chartTheme';
import { formatCompactMoney, formatCount, formatPercent, formatRevenue } from './format';

const SHOWN = 12;

const columns: Column<ParetoPoint>[] = [
  { header: 'Category', csv: (p) => p.category },
  { header: 'Reason', csv: (p) => p.reason },
  { header: 'Departed', csv: (p) => p.departed, cell: (p) => formatCount(p.departed), numeric: true },
  { header: 'Revenue lost', csv: (p) => p.revenue, cell: (p) => formatRevenue(p.revenue), numeric: true },
  { header: 'Share', csv: (p) => Math.round(p.share * 10000) / 10000, cell: (p) => formatPercent(p.share), numeric: true },
  { header: 'Cumulative', csv: (p) => Math.round(p.cumulativeShare * 10000) / 10000, cell: (p) => formatPercent(p.cumulativeShare), numeric: true },
];

export interface ParetoPanelProps {
  rows: readonly ReasonsReportRow[];
  by: 'stated' | 'diagnosed';
  /** Managers can turn a reason into an issue to fix. */
  onMakeIssue?: (reasonId: string) => void;
}

/** Reasons by lost monthly revenue, largest first, with the running share: the few that matter most. */
export function ParetoPanel({ rows, by, onMakeIssue }: ParetoPanelProps) {
  const theme = useChartTheme();
  const points = paretoByRevenue(rows);
  const shown = points.slice(0, SHOWN);
  const top = points[0];
  const vital = points.findIndex((p) => p.cumulativeShare >= 0.8) + 1;
  const summary = top
    ? `Pareto chart of ${points.length} reasons by lost monthly revenue. The largest is ${top.reason} at ${formatRevenue(top.revenue)} (${formatPercent(top.share)}); ${vital} reasons make up 80% of the lost revenue.`
    : 'Pareto chart: no departed customers for these filters.';
  const height = Math.max(160, shown.length * 28 + 60);
  return (
    <ChartPanel
      id="pareto"
      title={`Where the revenue went: ${by === 'stated' ? 'stated' : 'diagnosed'} reasons by lost monthly revenue`}
      summary={summary}
      chart={
        <ComposedChart width={500} height={height} data={shown.map((p) => ({ reason: p.reason, revenue: p.revenue, cumulativeShare: p.cumulativeShare }))} layout="vertical" margin={{ top: 24, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} horizontal={false} />
          <XAxis xAxisId="revenue" type="number" tickFormatter={formatCompactMoney} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <XAxis xAxisId="share" type="number" orientation="top" domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v)} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <YAxis type="category" dataKey="reason" width={180} interval={0} stroke={theme.muted} tick={{ fill: theme.text, fontSize: 12 }} />
          <Tooltip
            formatter={(value, name) => (name === 'Cumulative share' ? formatPercent(Number(value)) : formatRevenue(Number(value)))}
            contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }}
          />
          <Bar xAxisId="revenue" dataKey="revenue" name="Revenue lost" fill={seriesColor(theme, 0)} isAnimationActive={false} />
          <Line xAxisId="share" dataKey="cumulativeShare" name="Cumulative share" stroke={seriesColor(theme, 3)} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </ComposedChart>
      }
      table={
        <DataTable
          caption="Reasons by lost monthly revenue"
          columns={columns}
          rows={points}
          rowKey={(p) => p.key}
          empty="No departed customers for these filters."
          actions={
            onMakeIssue
              ? {
                  header: 'Issue',
                  cell: (p) =>
                    p.key.startsWith('unmapped:') ? null : (
                      <button type="button" className="link-button" onClick={() => onMakeIssue(p.key)} aria-label={`Make issue: ${p.reason}`}>
                        Make issue
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
