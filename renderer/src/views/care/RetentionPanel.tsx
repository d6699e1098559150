import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import type { Retention } from '../../../../shared/api/care';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { formatCount, formatMoney, formatPercent } from '../../lib/format';

const percent = (share: number | null) => (share === null ? '—' : formatPercent(share));

/** Re-losses by reason as bars; the tables below carry the same figures for every reader. */
function RelostChart({ rows }: { rows: Retention['byReason'] }) {
  const { t } = useTranslation();
  const data = rows.filter((r) => r.relost > 0).slice(0, 8).map((r) => ({ name: r.reasonId === null ? t('care.relost.noReason') : r.reasonName, relost: r.relost }));
  if (data.length === 0) return null;
  return (
    <figure className="care-chart" aria-hidden="true">
      <BarChart width={460} height={40 + data.length * 32} data={data} layout="vertical" margin={{ left: 16, right: 16 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} />
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
  const { t } = useTranslation();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{firstColumn}</th>
          <th scope="col">{t('care.retention.recovered')}</th>
          <th scope="col">{t('care.retention.relost')}</th>
          <th scope="col">{t('care.retention.revenueLost')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">
              {r.name}
              {r.sub && <span className="care-sub">{r.sub}</span>}
            </th>
            <td>{formatCount(r.recovered)}</td>
            <td>{formatCount(r.relost)}</td>
            <td>{formatMoney(r.relostRevenue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RetentionView({ retention }: { retention: Retention }) {
  const { t } = useTranslation();
  return (
    <section className="care-retention" aria-labelledby="retention-title">
      <h2 id="retention-title">{t('care.retention.title')}</h2>
      <p>
        {t('care.retention.summary', { recoveries: t('care.retention.recoveries', { count: retention.recovered }), relost: retention.relost })}
      </p>
      <table>
        <caption>{t('care.retention.retainedCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('care.retention.monthsAfter')}</th>
            <th scope="col">{t('care.retention.retained')}</th>
            <th scope="col">{t('care.retention.eligible')}</th>
            <th scope="col">{t('care.retention.share')}</th>
          </tr>
        </thead>
        <tbody>
          {retention.retained.map((r) => (
            <tr key={r.months}>
              <th scope="row">{t('care.retention.months', { count: r.months })}</th>
              <td>{formatCount(r.retained)}</td>
              <td>{formatCount(r.eligible)}</td>
              <td>{r.eligible === 0 ? t('care.retention.nobodyYet', { count: r.months }) : percent(r.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <RelostChart rows={retention.byReason} />
      <RelostTable
        caption={t('care.retention.byReasonCaption')}
        firstColumn={t('care.retention.reason')}
        rows={retention.byReason.map((r) => ({
          key: r.reasonId ?? 'none',
          name: r.reasonId === null ? t('care.relost.noReason') : r.reasonName,
          sub: r.categoryName,
          recovered: r.recovered,
          relost: r.relost,
          relostRevenue: r.relostRevenue,
        }))}
      />
      <RelostTable
        caption={t('care.retention.byOfferCaption')}
        firstColumn={t('care.retention.offer')}
        rows={retention.byOffer.map((r) => ({
          key: r.offerId ?? 'none',
          name: r.offerId === null ? t('care.relost.noOffer') : r.offerName,
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
