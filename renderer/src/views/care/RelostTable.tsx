import type { RelostItem } from '../../../../shared/api/care';
import { formatMoney } from '../../lib/format';
import { Day } from './Day';

/** Recovered customers who departed again, each with the recovery it undid. */
export function RelostTable({ items }: { items: RelostItem[] }) {
  if (items.length === 0) return null;
  return (
    <table className="care-table">
      <caption>Re-lost customers</caption>
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col">Recovered</th>
          <th scope="col">Re-lost</th>
          <th scope="col">Reason diagnosed on the recovery call</th>
          <th scope="col">Offer accepted</th>
          <th scope="col">How we learnt</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.enrolmentId}>
            <th scope="row">
              {item.name ?? item.externalId}
              <span className="care-sub">
                {item.externalId} · {formatMoney(item.monthlyRevenue)}/month
              </span>
            </th>
            <td>
              <Day day={item.recovery.recoveredOn} /> by {item.recovery.recoveredBy}
            </td>
            <td>
              <Day day={item.relostOn} />
            </td>
            <td>{item.recovery.reasonName ?? 'No diagnosed reason'}</td>
            <td>{item.recovery.offerName ?? 'No offer accepted'}</td>
            <td>
              {item.source === 'import' ? 'In a departure file' : 'Marked by a manager'}
              {item.note && <span className="care-sub">{item.note}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
