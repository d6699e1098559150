import type { CareItem } from '../../../../shared/api/care';
import type { Person } from '../../../../shared/api/session';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../lib/format';
import { Day } from './Day';
import { reviewStateText } from './reviewState';

export interface CareTableProps {
  items: CareItem[];
  /** The core's calendar day, which the review dates are counted from. */
  today: string;
  /** Present for managers: the people a follow-up can be handed to. */
  people?: Person[] | undefined;
  onOpen: (enrolmentId: string) => void;
  onReassign?: ((enrolmentId: string, ownerId: string) => void) | undefined;
  onMarkDeparted?: ((item: CareItem) => void) | undefined;
}

const nameOf = (i: { name: string | null; externalId: string }) => i.name ?? i.externalId;

/** Customers followed in intensive care, due and overdue reviews first (the backend's order). */
export function CareTable({ items, today, people, onOpen, onReassign, onMarkDeparted }: CareTableProps) {
  const { t } = useTranslation();
  if (items.length === 0) {
    return <p className="muted">{t('care.table.empty')}</p>;
  }
  return (
    <table className="care-table">
      <caption>{t('care.table.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('care.table.customer')}</th>
          <th scope="col">{t('care.table.owner')}</th>
          <th scope="col">{t('care.table.recovered')}</th>
          <th scope="col">{t('care.table.nextReview')}</th>
          <th scope="col">{t('care.table.status')}</th>
          <th scope="col">{t('care.table.lastVerdict')}</th>
          <th scope="col">{t('care.table.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.enrolmentId} className={`care-row care-${item.reviewState}`}>
            <th scope="row">
              {nameOf(item)}
              <span className="care-sub">
                {item.externalId} · {t('care.perMonth', { amount: formatMoney(item.monthlyRevenue) })}
              </span>
            </th>
            <td>
              {people && onReassign ? (
                <select aria-label={t('care.table.ownerOf', { name: nameOf(item) })} value={item.ownerId} onChange={(e) => onReassign(item.enrolmentId, e.target.value)}>
                  {people.some((p) => p.id === item.ownerId) ? null : <option value={item.ownerId}>{item.ownerName}</option>}
                  {people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              ) : (
                item.ownerName
              )}
            </td>
            <td>
              <Day day={item.recoveredOn} />
            </td>
            <td>
              <Day day={item.nextReviewOn} />
            </td>
            <td>
              <span className={`care-state care-state-${item.reviewState}`}>{reviewStateText(t, item.nextReviewOn, today)}</span>
            </td>
            <td>
              {item.lastVerdict ? t(`care.verdict.${item.lastVerdict}`) : t('care.table.notReviewed')}
              {item.lastReviewedOn && (
                <span className="care-sub">
                  <Day day={item.lastReviewedOn} />
                </span>
              )}
            </td>
            <td className="care-actions">
              <button type="button" className={item.reviewState === 'upcoming' ? undefined : 'primary'} onClick={() => onOpen(item.enrolmentId)} aria-label={t('care.table.openReviewOf', { name: nameOf(item) })}>
                {t('care.table.openReview')}
              </button>
              {onMarkDeparted && (
                <button type="button" onClick={() => onMarkDeparted(item)} aria-label={t('care.table.markDepartedOf', { name: nameOf(item) })}>
                  {t('care.table.markDeparted')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
