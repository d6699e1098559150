import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartLegend } from './ChartLegend';
import type { OfferMatrixCell } from '../../../../shared/api/reports';
import { ChartPanel } from './ChartPanel';
import { DataTable, type Column } from './DataTable';
import { seriesColor, useChartTheme } from './chartTheme';
import { formatCount, formatPercent } from './format';

const cellRate = (c: OfferMatrixCell) => (c.offered > 0 ? c.recovered / c.offered : 0);

const columnsFor = (t: TFunction): Column<OfferMatrixCell>[] => [
  { header: t('trends.columns.diagnosedReason'), csv: (c) => c.reason },
  { header: t('trends.columns.offer'), csv: (c) => c.offer },
  { header: t('trends.columns.offered'), csv: (c) => c.offered, cell: (c) => formatCount(c.offered), numeric: true },
  { header: t('trends.columns.accepted'), csv: (c) => c.accepted, cell: (c) => formatCount(c.accepted), numeric: true },
  { header: t('trends.columns.recovered'), csv: (c) => c.recovered, cell: (c) => formatCount(c.recovered), numeric: true },
  { header: t('trends.columns.recoveryRate'), csv: (c) => Math.round(cellRate(c) * 10000) / 10000, cell: (c) => formatPercent(cellRate(c)), numeric: true },
];

/** Which offer works for which reason: offered, accepted and recovered for every pair that occurred. */
export function OfferMatrixPanel({ cells }: { cells: readonly OfferMatrixCell[] }) {
  const { t } = useTranslation();
  const theme = useChartTheme();
  const byOffer = new Map<string, { offer: string; offered: number; accepted: number; recovered: number }>();
  for (const c of cells) {
    const o = byOffer.get(c.offerId) ?? { offer: c.offer, offered: 0, accepted: 0, recovered: 0 };
    o.offered += c.offered;
    o.accepted += c.accepted;
    o.recovered += c.recovered;
    byOffer.set(c.offerId, o);
  }
  const data = [...byOffer.values()].sort((a, b) => b.offered - a.offered);
  const best = [...cells].filter((c) => c.offered > 0).sort((a, b) => cellRate(b) - cellRate(a) || b.offered - a.offered)[0];
  const summary = best
    ? t('trends.offers.summary', { offers: formatCount(data.length), offer: best.offer, reason: best.reason, rate: formatPercent(cellRate(best)), offered: formatCount(best.offered) })
    : t('trends.offers.summaryEmpty');
  return (
    <ChartPanel
      id="offers"
      title={t('trends.offers.title')}
      summary={summary}
      chart={
        <BarChart width={520} height={Math.max(160, data.length * 44 + 70)} data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} horizontal={false} />
          <XAxis type="number" allowDecimals={false} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <YAxis type="category" dataKey="offer" width={190} interval={0} stroke={theme.muted} tick={{ fill: theme.text, fontSize: 12 }} />
          <Tooltip contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }} />
          <Legend wrapperStyle={{ color: theme.text, fontSize: 12 }} content={ChartLegend} />
          <Bar dataKey="offered" name={t('trends.columns.offered')} fill={seriesColor(theme, 0)} isAnimationActive={false} />
          <Bar dataKey="accepted" name={t('trends.columns.accepted')} fill={seriesColor(theme, 1)} isAnimationActive={false} />
          <Bar dataKey="recovered" name={t('trends.columns.recovered')} fill={seriesColor(theme, 2)} isAnimationActive={false} />
        </BarChart>
      }
      table={<DataTable caption={t('trends.offers.caption')} columns={columnsFor(t)} rows={cells} rowKey={(c) => `${c.reasonId ?? 'none'}|${c.offerId}`} empty={t('trends.offers.empty')} />}
    />
  );
}
