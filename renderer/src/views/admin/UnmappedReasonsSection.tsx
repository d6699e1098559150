import { said } from '../../../../shared/i18n/said';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/api';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { formatCount, formatMoney } from '../../lib/format';
import { categoryText, reasonName } from '../../i18n/content';

type Unmapped = ChannelOutput<'reasons.unmapped'>;

export interface UnmappedReasonsTableProps {
  data: Unmapped;
  onMap: (text: string, reasonId: string) => void;
  busy: boolean;
}

/** Stated reasons as the exports wrote them that map to no reason yet, each with a reason to choose. */
export function UnmappedReasonsTable({ data, onMap, busy }: UnmappedReasonsTableProps) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Record<string, string>>({});
  if (data.texts.length === 0) return <p>{t('admin.unmapped.none')}</p>;
  const categories = [...new Set(data.reasons.map((r) => r.categoryName))];
  return (
    <table>
      <caption>{t('admin.unmapped.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.unmapped.stated')}</th>
          <th scope="col">{t('admin.customers')}</th>
          <th scope="col">{t('admin.monthlyRevenue')}</th>
          <th scope="col">{t('admin.unmapped.means')}</th>
          <th scope="col">
            <span className="sr-only">{t('admin.action')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {data.texts.map((row) => (
          <tr key={row.text}>
            <td>{row.text}</td>
            <td>{formatCount(row.customers)}</td>
            <td>{formatMoney(row.revenue)}</td>
            <td>
              <select
                aria-label={t('admin.unmapped.reasonFor', { text: row.text })}
                value={choice[row.text] ?? ''}
                onChange={(e) => setChoice({ ...choice, [row.text]: e.target.value })}
              >
                <option value="">{t('admin.unmapped.chooseReason')}</option>
                {categories.map((c) => (
                  <optgroup key={c} label={categoryText(t, c)}>
                    {data.reasons
                      .filter((r) => r.categoryName === c)
                      .map((r) => (
                        <option key={r.id} value={r.id}>
                          {reasonName(t, r.id, r.name)}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </td>
            <td>
              <button
                type="button"
                disabled={busy || !choice[row.text]}
                aria-label={t('admin.unmapped.mapText', { text: row.text })}
                onClick={() => {
                  const reasonId = choice[row.text];
                  if (reasonId) onMap(row.text, reasonId);
                }}
              >
                {t('admin.unmapped.map')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function UnmappedReasonsSection() {
  const { t } = useTranslation();
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [data, setData] = useState<Unmapped | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    api().call('reasons.unmapped', {}).then(setData).catch(reportError);
  }, [reportError]);
  useEffect(load, [load]);
  return (
    <section aria-labelledby="unmapped-title" className="admin-section">
      <h2 id="unmapped-title">{t('admin.sections.unmapped')}</h2>
      <p className="muted">{t('admin.unmapped.intro')}</p>
      {data ? (
        <UnmappedReasonsTable
          data={data}
          busy={busy}
          onMap={(text, reasonId) => {
            setBusy(true);
            api()
              .call('reasons.mapText', { text, reasonId })
              .then((r) => {
                notify('info', said('admin.unmapped.mapped', { text, count: r.customers, total: r.customers }));
                load();
              })
              .catch(reportError)
              .finally(() => setBusy(false));
          }}
        />
      ) : (
        <p aria-busy="true">{t('common.loading')}</p>
      )}
    </section>
  );
}
