import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/api';
import type { CycleSummary } from '../../../../shared/api/queue';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { formatCount, formatMoney } from '../../lib/format';
import { Field } from '../../components/Field';
import { categoryText, reasonText } from '../../i18n/content';

type CycleList = ChannelOutput<'cycles.list'>;

function GroupTable({ caption, rows, labelHead }: { caption: string; labelHead: string; rows: CycleSummary['bySegment'] }) {
  const { t } = useTranslation();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelHead}</th>
          <th scope="col">{t('admin.customers')}</th>
          <th scope="col">{t('admin.monthlyRevenue')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <td>{r.label || '—'}</td>
            <td>{formatCount(r.customers)}</td>
            <td>{formatMoney(r.revenue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One recovery cycle: what departed, by segment and stated reason, and how the recovery is going. */
export function CycleSummaryView({ summary }: { summary: CycleSummary }) {
  const { t } = useTranslation();
  const facts: [string, string][] = [
    [t('admin.cycles.departed'), formatCount(summary.departed)],
    [t('admin.cycles.revenueLost'), formatMoney(summary.revenue)],
    [t('admin.cycles.queued'), formatCount(summary.queued)],
    [t('admin.cycles.called'), formatCount(summary.called)],
    [t('admin.cycles.recovered'), formatCount(summary.recovered)],
    [t('admin.cycles.noContact'), formatCount(summary.noContact)],
    [t('admin.cycles.unmapped'), formatCount(summary.unmapped)],
  ];
  return (
    <div className="cycle-summary">
      <dl className="counts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <GroupTable caption={t('admin.cycles.bySegment')} labelHead={t('admin.cycles.segment')} rows={summary.bySegment} />
      {summary.byValueBand.some((g) => g.label !== '') && (
        <GroupTable caption={t('admin.cycles.byValueBand')} labelHead={t('admin.cycles.valueBand')} rows={summary.byValueBand} />
      )}
      <table>
        <caption>{t('admin.cycles.byReason')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.unmapped.stated')}</th>
            <th scope="col">{t('admin.cycles.category')}</th>
            <th scope="col">{t('admin.customers')}</th>
            <th scope="col">{t('admin.monthlyRevenue')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.byReason.map((r) => (
            <tr key={`${r.mapped ? 'm' : 'u'}:${r.label}`}>
              <td>{r.mapped ? reasonText(t, r.label) : r.label || '—'}</td>
              <td>{r.mapped ? r.category !== null && categoryText(t, r.category) : t('admin.cycles.notMapped')}</td>
              <td>{formatCount(r.customers)}</td>
              <td>{formatMoney(r.revenue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CyclesSection() {
  const { t } = useTranslation();
  const reportError = useAppStore((s) => s.reportError);
  const [cycles, setCycles] = useState<CycleList | null>(null);
  const [cycleId, setCycleId] = useState('');
  const [summary, setSummary] = useState<CycleSummary | null>(null);
  useEffect(() => {
    api()
      .call('cycles.list', {})
      .then((list) => {
        setCycles(list);
        setCycleId((current) => current || list[0]?.id || '');
      })
      .catch(reportError);
  }, [reportError]);
  useEffect(() => {
    if (!cycleId) return;
    setSummary(null);
    api().call('cycles.summary', { cycleId }).then(setSummary).catch(reportError);
  }, [cycleId, reportError]);
  return (
    <section aria-labelledby="cycles-title" className="admin-section">
      <h2 id="cycles-title">{t('admin.cycles.title')}</h2>
      {cycles && cycles.length === 0 && <p>{t('admin.noCycles')}</p>}
      {cycles && cycles.length > 0 && (
        <Field label={t('admin.cycle')}>
          {(id) => (
            <select id={id} value={cycleId} onChange={(e) => setCycleId(e.target.value)}>
              {cycles.map((c) => (
                <option key={c.id} value={c.id}>
                  {t('admin.cycles.option', { name: c.name, count: c.departed, total: formatCount(c.departed) })}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {summary && <CycleSummaryView summary={summary} />}
    </section>
  );
}
