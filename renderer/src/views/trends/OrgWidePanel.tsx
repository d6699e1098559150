import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReasonsReport, ReasonsReportRow } from '../../../../shared/reports/reasons';
import type { ReportFilters, ReportOptions } from '../../../../shared/api/reports';
import { api } from '../../api/client';
import { ChartPanel } from './ChartPanel';
import { localiseReasonsReport } from '../../i18n/reportContent';
import { DataTable, type Column } from './DataTable';
import { seriesColor, useChartTheme } from './chartTheme';
import { formatCompactMoney, formatCount, formatPercent, formatRevenue } from './format';

const SHOWN = 10;

const columnsFor = (t: TFunction): Column<ReasonsReportRow>[] => [
  { header: t('trends.columns.category'), csv: (r) => r.category },
  { header: t('trends.columns.reason'), csv: (r) => r.reason },
  { header: t('trends.columns.departed'), csv: (r) => r.departed, cell: (r) => formatCount(r.departed), numeric: true },
  { header: t('trends.columns.revenueLost'), csv: (r) => r.revenue, cell: (r) => formatRevenue(r.revenue), numeric: true, money: true },
  { header: t('trends.columns.calls'), csv: (r) => r.calls, cell: (r) => formatCount(r.calls), numeric: true },
  { header: t('trends.columns.recovered'), csv: (r) => r.recovered, cell: (r) => formatCount(r.recovered), numeric: true },
  { header: t('trends.columns.recoveryRate'), csv: (r) => r.recoveryRate, cell: (r) => formatPercent(r.recoveryRate), numeric: true },
];

export interface OrgWidePanelProps {
  by: 'stated' | 'diagnosed';
  filters: ReportFilters;
  options: ReportOptions | null;
}

/**
 * The same reasons report read from the sync hub: every console's departures and calls, beside this
 * console's own. Consoles name cycles in their events as people do, so the cycle filter is sent by name.
 */
export function OrgWidePanel({ by, filters, options }: OrgWidePanelProps) {
  const { t } = useTranslation();
  const theme = useChartTheme();
  const [report, setReport] = useState<ReasonsReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const cycleName = filters.cycle ? (options?.cycles.find((c) => c.id === filters.cycle)?.name ?? filters.cycle) : undefined;
  const { from, to, segment, product, team } = filters;

  useEffect(() => {
    let live = true;
    setProblem(null);
    api()
      .call('hub.trends', { by, cycle: cycleName, from, to, segment, product, team })
      .then((r) => live && setReport(r))
      .catch((error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)));
    return () => {
      live = false;
    };
  }, [by, cycleName, from, to, segment, product, team]);

  if (problem) {
    return (
      <section className="chart-panel" aria-labelledby="org-wide-title">
        <h2 id="org-wide-title">{t('trends.orgWide.heading')}</h2>
        <p role="alert">{t('trends.orgWide.failed', { problem })}</p>
      </section>
    );
  }
  if (!report) return <p aria-live="polite">{t('trends.orgWide.loading')}</p>;
  const rows = [...localiseReasonsReport(t, report).rows].sort((a, b) => b.revenue - a.revenue);
  const totals = report.totals;
  return (
    <ChartPanel
      id="org-wide"
      title={by === 'stated' ? t('trends.orgWide.titleStated') : t('trends.orgWide.titleDiagnosed')}
      summary={t('trends.orgWide.summary', { departed: formatCount(totals.departed), revenue: formatRevenue(totals.revenue), recovered: formatCount(totals.recovered), calls: formatCount(totals.calls) })}
      note={
        <p className="muted">
          {t('trends.orgWide.note', {
            departed: formatCount(totals.departed),
            revenue: formatRevenue(totals.revenue),
            calls: formatCount(totals.calls),
            recovered: formatCount(totals.recovered),
            rate: formatPercent(totals.recoveryRate),
          })}
        </p>
      }
      chart={
        <BarChart width={500} height={Math.max(160, Math.min(rows.length, SHOWN) * 28 + 40)} data={rows.slice(0, SHOWN)} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} horizontal={false} />
          <XAxis type="number" tickFormatter={formatCompactMoney} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <YAxis type="category" dataKey="reason" width={180} interval={0} stroke={theme.muted} tick={{ fill: theme.text, fontSize: 12 }} />
          <Tooltip formatter={(value) => formatRevenue(Number(value))} contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }} />
          <Bar dataKey="revenue" name={t('trends.pareto.revenueSeries')} fill={seriesColor(theme, 3)} isAnimationActive={false} />
        </BarChart>
      }
      table={<DataTable caption={t('trends.orgWide.caption')} columns={columnsFor(t)} rows={rows} rowKey={(r) => `${r.categoryId ?? ''}:${r.reasonId ?? r.reason}`} empty={t('trends.orgWide.empty')} />}
    />
  );
}
