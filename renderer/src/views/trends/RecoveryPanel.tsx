import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { RecoveryRow } from '../../../../shared/api/reports';
import { ChartPanel } from './ChartPanel';
import { DataTable, type Column } from './DataTable';
import { seriesColor, useChartTheme } from './chartTheme';
import { formatCount, formatPercent, formatRevenue } from './format';

export interface RecoveryPanelProps {
  id: string;
  title: string;
  /** What a row is: "Diagnosed reason", "Offer made", ... */
  dimension: string;
  rows: readonly RecoveryRow[];
  colorIndex: number;
}

const columnsFor = (dimension: string, t: TFunction): Column<RecoveryRow>[] => [
  { header: dimension, csv: (r) => r.label },
  { header: t('trends.columns.calls'), csv: (r) => r.calls, cell: (r) => formatCount(r.calls), numeric: true },
  { header: t('trends.columns.recovered'), csv: (r) => r.recovered, cell: (r) => formatCount(r.recovered), numeric: true },
  { header: t('trends.columns.recoveryRate'), csv: (r) => Math.round(r.recoveryRate * 10000) / 10000, cell: (r) => formatPercent(r.recoveryRate), numeric: true },
  { header: t('trends.columns.recoveredRevenue'), csv: (r) => r.recoveredRevenue, cell: (r) => formatRevenue(r.recoveredRevenue), numeric: true, money: true },
];

/**
 * Recovery rate per reason, offer, segment or caller, with calls and revenue won back beside it.
 * The chart gets only the fields it draws: recharts copies data fields onto the SVG shapes, and a
 * field such as a caller's `role` would become an (invalid) ARIA role.
 */
export function RecoveryPanel({ id, title, dimension, rows, colorIndex }: RecoveryPanelProps) {
  const { t } = useTranslation();
  const theme = useChartTheme();
  const best = [...rows].sort((a, b) => b.recoveryRate - a.recoveryRate)[0];
  const summary = best
    ? t('trends.recovery.summary', { dimension, rows: formatCount(rows.length), best: best.label, rate: formatPercent(best.recoveryRate), calls: formatCount(best.calls) })
    : t('trends.recovery.summaryEmpty', { dimension });
  return (
    <ChartPanel
      id={id}
      title={title}
      summary={summary}
      chart={
        <BarChart width={420} height={Math.max(140, rows.length * 30 + 50)} data={rows.map((r) => ({ label: r.label, recoveryRate: r.recoveryRate }))} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} horizontal={false} />
          <XAxis type="number" domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v)} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={170} interval={0} stroke={theme.muted} tick={{ fill: theme.text, fontSize: 12 }} />
          <Tooltip formatter={(v) => formatPercent(Number(v))} contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }} />
          <Bar dataKey="recoveryRate" name={t('trends.recovery.rateSeries')} fill={seriesColor(theme, colorIndex)} isAnimationActive={false} />
        </BarChart>
      }
      table={<DataTable caption={title} columns={columnsFor(dimension, t)} rows={rows} rowKey={(r, i) => `${r.key ?? 'none'}-${i}`} empty={t('trends.recovery.empty')} />}
    />
  );
}
