import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartLegend } from './ChartLegend';
import type { ReasonsReportRow } from '../../../../shared/reports/reasons';
import { trendByCategory } from '../../../../shared/reports/charts';
import { ChartPanel } from './ChartPanel';
import { DataTable, type Column } from './DataTable';
import { seriesColor, useChartTheme } from './chartTheme';
import { formatCompactMoney, formatCount, formatRevenue } from './format';

export interface TrendPanelProps {
  rows: readonly ReasonsReportRow[];
  /** Cycle id -> name, oldest first. */
  cycles: readonly { id: string; name: string }[];
}

/** Lost monthly revenue per category across recovery cycles. */
export function TrendPanel({ rows, cycles }: TrendPanelProps) {
  const { t } = useTranslation();
  const theme = useChartTheme();
  const order = cycles.map((c) => c.id);
  const label = (period: string) => cycles.find((c) => c.id === period)?.name ?? (period === 'none' ? t('trends.trend.noCycle') : period);
  const trend = trendByCategory(rows, 'revenue', order);
  const data = trend.points.map((p) => ({ period: label(p.period), values: p.values }));
  type Row = { category: string };
  const columns: Column<Row>[] = [
    { header: t('trends.columns.category'), csv: (r) => r.category },
    ...trend.points.map((p) => ({
      header: label(p.period),
      csv: (r: Row) => p.values[r.category] ?? 0,
      cell: (r: Row) => formatRevenue(p.values[r.category] ?? 0),
      numeric: true,
      money: true,
    })),
  ];
  const summary =
    trend.periods.length === 0
      ? t('trends.trend.summaryEmpty')
      : t('trends.trend.summary', { count: trend.periods.length, categories: formatCount(trend.categories.length), largest: trend.categories[0] ?? '' });
  return (
    <ChartPanel
      id="trend"
      title={t('trends.trend.title')}
      summary={summary}
      chart={
        <LineChart width={560} height={300} data={data} margin={{ top: 16, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} />
          <XAxis dataKey="period" stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <YAxis tickFormatter={formatCompactMoney} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <Tooltip formatter={(v) => formatRevenue(Number(v))} contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }} />
          <Legend wrapperStyle={{ color: theme.text, fontSize: 12 }} content={ChartLegend} />
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
      table={<DataTable caption={t('trends.trend.caption')} columns={columns} rows={trend.categories.map((category) => ({ category }))} rowKey={(r) => r.category} />}
    />
  );
}
