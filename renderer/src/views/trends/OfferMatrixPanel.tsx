import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { OfferMatrixCell } from '../../../../shared/api/reports';
import { ChartPanel } from './ChartPanel';
import { DataTable, type Column } from './DataTable';
import { seriesColor, useChartTheme } from './chartTheme';
import { formatCount, formatPercent } from './format';

const cellRate = (c: OfferMatrixCell) => (c.offered > 0 ? c.recovered / c.offered : 0);

const columns: Column<OfferMatrixCell>[] = [
  { header: 'Diagnosed reason', csv: (c) => c.reason },
  { header: 'Offer', csv: (c) => c.offer },
  { header: 'Offered', csv: (c) => c.offered, cell: (c) => formatCount(c.offered), numeric: true },
  { header: 'Accepted', csv: (c) => c.accepted, cell: (c) => formatCount(c.accepted), numeric: true },
  { header: 'Recovered', csv: (c) => c.recovered, cell: (c) => formatCount(c.recovered), numeric: true },
  { header: 'Recovery rate', csv: (c) => Math.round(cellRate(c) * 10000) / 10000, cell: (c) => formatPercent(cellRate(c)), numeric: true },
];

/** Which offer works for which reason: offered, accepted and recovered for every pair that occurred. */
export function OfferMatrixPanel({ cells }: { cells: readonly OfferMatrixCell[] }) {
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
    ? `Bar chart of ${data.length} offers: how often each was offered, accepted and followed by a recovery. Best pair: ${best.offer} for ${best.reason}, ${formatPercent(cellRate(best))} of ${formatCount(best.offered)}.`
    : 'Offer effectiveness chart: no offers made yet.';
  return (
    <ChartPanel
      id="offers"
      title="Offer effectiveness: reason by offer"
      summary={summary}
      chart={
        <BarChart width={520} height={Math.max(160, data.length * 44 + 70)} data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} horizontal={false} />
          <XAxis type="number" allowDecimals={false} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <YAxis type="category" dataKey="offer" width={190} interval={0} stroke={theme.muted} tick={{ fill: theme.text, fontSize: 12 }} />
          <Tooltip contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }} />
          <Legend wrapperStyle={{ color: theme.text, fontSize: 12 }} />
          <Bar dataKey="offered" name="Offered" fill={seriesColor(theme, 0)} isAnimationActive={false} />
          <Bar dataKey="accepted" name="Accepted" fill={seriesColor(theme, 1)} isAnimationActive={false} />
          <Bar dataKey="recovered" name="Recovered" fill={seriesColor(theme, 2)} isAnimationActive={false} />
        </BarChart>
      }
      table={<DataTable caption="Offers by diagnosed reason" columns={columns} rows={cells} rowKey={(c) => `${c.reasonId ?? 'none'}|${c.offerId}`} empty="No offers made yet." />}
    />
  );
}
