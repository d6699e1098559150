import type { CareItem } from '../../../../shared/api/care';
import type { Person } from '../../../../shared/api/session';
import { VERDICT_LABELS } from '../../../../shared/domain/care';
import { formatMoney } from '../../lib/format';
import { Day } from './Day';

export interface CareTableProps {
  items: CareItem[];
  /** Present for managers: the people a follow-up can be handed to. */
  people?: Person[] | undefined;
  onOpen: (enrolmentId: string) => void;
  onReassign?: ((enrolmentId: string, ownerId: string) => void) | undefined;
  onMarkDeparted?: ((item: CareItem) => void) | undefined;
}

const nameOf = (i: { name: string | null; externalId: string }) => i.name ?? i.externalId;

/** Customers followed in intensive care, due and overdue reviews first (the backend's order). */
export function CareTable({ items, people, onOpen, onReassign, onMarkDeparted }: CareTableProps) {
  if (items.length === 0) {
    return <p className="muted">Nobody is in intensive care here yet. A customer enters it when a call ends with the outcome Recovered.</p>;
  }
  return (
    <table className="care-table">
      <caption>Customers in intensive care</caption>
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col">Owner</th>
          <th scope="col">Recovered</th>
          <th scope="col">Next review</th>
          <th scope="col">Status</th>
          <th scope="col">Last verdict</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.enrolmentId} className={`care-row care-${item.reviewState}`}>
            <th scope="row">
              {nameOf(item)}
              <span className="care-sub">
                {item.externalId} · {formatMoney(item.monthlyRevenue)}/month
              </span>
            </th>
            <td>
              {people && onReassign ? (
                <select aria-label={`Owner of ${nameOf(item)}`} value={item.ownerId} onChange={(e) => onReassign(item.enrolmentId, e.target.value)}>
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
              <span className={`care-state care-state-${item.reviewState}`}>{item.reviewStateText}</span>
            </td>
            <td>
              {item.lastVerdict ? VERDICT_LABELS[item.lastVerdict] : 'Not reviewed yet'}
              {item.lastReviewedOn && (
                <span className="care-sub">
                  <Day day={item.lastReviewedOn} />
                </span>
              )}
            </td>
            <td className="care-actions">
              <button type="button" className={item.reviewState === 'upcoming' ? undefined : 'primary'} onClick={() => onOpen(item.enrolmentId)} aria-label={`Open review of ${nameOf(item)}`}>
                Open review
              </button>
              {onMarkDeparted && (
                <button type="button" onClick={() => onMarkDeparted(item)} aria-label={`Mark as departed again: ${nameOf(item)}`}>
                  Mark as departed again
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
