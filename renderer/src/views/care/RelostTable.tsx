import type { RelostItem } from '../../../../shared/api/care';
import { Trans, useTranslation } from 'react-i18next';
import { formatDay, formatMoney } from '../../lib/format';
import { Day } from './Day';

/** Recovered customers who departed again, each with the recovery it undid. */
export function RelostTable({ items }: { items: RelostItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <table className="care-table">
      <caption>{t('care.relost.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('care.relost.customer')}</th>
          <th scope="col">{t('care.relost.recovered')}</th>
          <th scope="col">{t('care.relost.relost')}</th>
          <th scope="col">{t('care.relost.reason')}</th>
          <th scope="col">{t('care.relost.offer')}</th>
          <th scope="col">{t('care.relost.source')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.enrolmentId}>
            <th scope="row">
              {item.name ?? item.externalId}
              <span className="care-sub">
                {item.externalId} · {t('care.perMonth', { amount: formatMoney(item.monthlyRevenue) })}
              </span>
            </th>
            <td>
              <Trans
                i18nKey="care.relost.recoveredBy"
                values={{ day: formatDay(item.recovery.recoveredOn), name: item.recovery.recoveredBy }}
                components={[<time key="day" dateTime={item.recovery.recoveredOn} />]}
              />
            </td>
            <td>
              <Day day={item.relostOn} />
            </td>
            <td>{item.recovery.reasonName ?? t('care.relost.noReason')}</td>
            <td>{item.recovery.offerName ?? t('care.relost.noOffer')}</td>
            <td>
              {item.source === 'import' ? t('care.relost.fromImport') : t('care.relost.byManager')}
              {item.note && <span className="care-sub">{item.note}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
