import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReasonsReportRow } from '../../../../shared/reports/reasons';
import { trendByCategory } from '../../../../shared/reports/charts';
import { ChartPanel } from './ChartPanel';
import { DataTable, type Column } from './DataTable';
import { seriesColor, useChartTheme } from './chartTheme';
import { formatCompactMoney, formatRevenue } from './format';

export interface TrendPanelProps {
  rows: readonly ReasonsReportRow[];
  /** Cycle id -> name, oldest first. */
  cycles: readonly { id: string; name: string }[];
}

/** Lost monthly revenue per category across recovery cycles. */
export function TrendPanel({ rows, cycles }: TrendPanelProps) {
  const theme = useChartTheme();
  const order = cycles.map((c) => c.id);
  const label = (period: string) => cycles.find((c) => c.id === period)?.name ?? (period === 'none' ? 'No cycle' : period);
  const trend = trendByCategory(rows, 'revenue', order);
  const data = trend.points.map((p) => ({ period: label(p.period), values: p.values }));
  type Row = { category: string };
  const columns: Column<Row>[] = [
    { header: 'Category', csv: (r) => r.category },
    ...trend.points.map((p) => ({
      header: label(p.period),
      csv: (r: Row) => p.values[r.category] ?? 0,
      cell: (r: Row) => formatRevenue(p.values[r.category] ?? 0),
      numeric: true,
    })),
  ];
  const summary =
    trend.periods.length === 0
      ? 'Trend chart: no departed customers to trend.'
      : `Line chart of lost monthly revenue per category across ${trend.periods.length} cycle${trend.periods.length === 1 ? '' : 's'}, ${trend.categories.length} categories; the largest overall is ${trend.categories[0] ?? ''}.`;
  return (
    <ChartPanel
      id="trend"
      title="Trend across cycles: lost monthly revenue per category"
      summary={summary}
      chart={
        <LineChart width={560} height={300} data={data} margin={{ top: 16, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} />
          <XAxis dataKey="period" stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <YAxis tickFormatter={formatCompactMoney} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <Tooltip formatter={(v) => formatRevenue(Number(v))} contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }} />
          <Legend wrapperStyle={{ color: theme.text, fontSize: 12 }} />
          {trend.categories.map((c, i) => (
            <Line
              key={c}
              name={c}
              dataKey={(p: { values: Record<string, number> }) => p.values[c] ?? 0}
              stroke={seriesColor(theme, i)}
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      }
      table={<DataTable caption="Lost monthly revenue per category and cycle" columns={columns} rows={trend.categories.map((category) => ({ category }))} rowKey={(r) => r.category} />}
    />
  );
}
