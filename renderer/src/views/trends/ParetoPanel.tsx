import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ReasonsReportRow } from '../../../../shared/reports/reasons';
import { paretoByRevenue, type ParetoPoint } from '../../../../shared/reports/charts';
import { ChartPanel } from './ChartPanel';
import { DataTable, type Column } from './DataTable';
import { useChartTheme } from './chartTheme';
import { ParetoChart } from './ParetoChart';
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
  return (
    <ChartPanel
      id="pareto"
      title={by === 'stated' ? t('trends.pareto.titleStated') : t('trends.pareto.titleDiagnosed')}
      summary={summary}
      chart={
        <ParetoChart
          bars={shown}
          theme={theme}
          formatMoneyTick={formatCompactMoney}
          formatMoney={formatRevenue}
          formatShare={formatPercent}
          revenueName={t('trends.pareto.revenueSeries')}
          cumulativeName={t('trends.pareto.cumulativeSeries')}
        />
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
