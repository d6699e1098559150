import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import type { Retention } from '../../../../shared/api/care';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { formatMoney } from '../../lib/format';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/** Re-losses by reason as bars; the tables below carry the same figures for every reader. */
function RelostChart({ rows }: { rows: Retention['byReason'] }) {
  const data = rows.filter((r) => r.relost > 0).slice(0, 8).map((r) => ({ name: r.reasonName, relost: r.relost }));
  if (data.length === 0) return null;
  return (
    <figure className="care-chart" aria-hidden="true">
      <BarChart width={460} height={40 + data.length * 32} data={data} layout="vertical" margin={{ left: 16, right: 16 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={180} />
        <Bar dataKey="relost" fill="var(--danger)" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}

interface RelostRow {
  key: string;
  name: string;
  sub?: string | null;
  recovered: number;
  relost: number;
  relostRevenue: number;
}

/** One breakdown of re-losses (by reason, by offer): the same columns, another first column. */
function RelostTable({ caption, firstColumn, rows }: { caption: string; firstColumn: string; rows: RelostRow[] }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{firstColumn}</th>
          <th scope="col">Recovered</th>
          <th scope="col">Re-lost</th>
          <th scope="col">Monthly revenue lost again</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">
              {r.name}
              {r.sub && <span className="care-sub">{r.sub}</span>}
            </th>
            <td>{r.recovered}</td>
            <td>{r.relost}</td>
            <td>{formatMoney(r.relostRevenue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RetentionView({ retention }: { retention: Retention }) {
  return (
    <section className="care-retention" aria-labelledby="retention-title">
      <h2 id="retention-title">How recoveries hold</h2>
      <p>
        {retention.recovered} recover{retention.recovered === 1 ? 'y' : 'ies'} followed, {retention.relost} re-lost.
      </p>
      <table>
        <caption>Still retained after</caption>
        <thead>
          <tr>
            <th scope="col">Months after recovery</th>
            <th scope="col">Retained</th>
            <th scope="col">Of those recovered that long ago</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {retention.retained.map((r) => (
            <tr key={r.months}>
              <th scope="row">{r.months} months</th>
              <td>{r.retained}</td>
              <td>{r.eligible}</td>
              <td>{r.eligible === 0 ? `nobody recovered ${r.months} months ago yet` : percent(r.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <RelostChart rows={retention.byReason} />
      <RelostTable
        caption="Re-losses by the reason diagnosed on the recovery call"
        firstColumn="Reason"
        rows={retention.byReason.map((r) => ({
          key: r.reasonId ?? 'none',
          name: r.reasonName,
          sub: r.categoryName,
          recovered: r.recovered,
          relost: r.relost,
          relostRevenue: r.relostRevenue,
        }))}
      />
      <RelostTable
        caption="Re-losses by the offer accepted on the recovery call"
        firstColumn="Offer"
        rows={retention.byOffer.map((r) => ({
          key: r.offerId ?? 'none',
          name: r.offerName,
          recovered: r.recovered,
          relost: r.relost,
          relostRevenue: r.relostRevenue,
        }))}
      />
    </section>
  );
}

/** Loads the figures again whenever the list changes (a review, a re-loss). */
export function RetentionPanel({ version }: { version: unknown }) {
  const [retention, setRetention] = useState<Retention | null>(null);
  const reportError = useAppStore((s) => s.reportError);
  useEffect(() => {
    let live = true;
    api()
      .call('care.retention', {})
      .then((r) => live && setRetention(r))
      .catch(reportError);
    return () => {
      live = false;
    };
  }, [version, reportError]);
  if (!retention || retention.recovered === 0) return null;
  return <RetentionView retention={retention} />;
}
