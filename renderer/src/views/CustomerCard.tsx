import { useEffect, useState } from 'react';
import type { CustomerCard } from '../../../shared/api/customers';
import { OUTCOME_LABELS } from '../../../shared/domain/outcomes';
import { api } from '../api/client';
import { useAppStore } from '../store';
import { formatDate, formatMoney } from '../format';

/** Everything an agent needs at a glance before dialling. */
export function CustomerCardView({ card }: { card: CustomerCard }) {
  const rows: [string, string][] = [
    ['Customer id', card.externalId],
    ['Phone', card.phone ?? 'no phone'],
    ['Email', card.email ?? 'no email'],
    ['Monthly revenue', formatMoney(card.monthlyRevenue)],
    ['Tenure', card.tenureMonths === null ? '—' : `${card.tenureMonths} months`],
    ['Product', card.product ?? '—'],
    ['Segment', card.segment ?? '—'],
    ['Stated reason', card.statedReason ?? '—'],
    ['Reason category', card.reasonCategory ?? 'unmapped'],
    ['Served by', [card.frontlineRep, card.frontlineTeam].filter(Boolean).join(', ') || '—'],
    ['Cycle', card.cycle ?? '—'],
  ];
  return (
    <article aria-labelledby="card-title">
      <h2 id="card-title">{card.name ?? card.externalId}</h2>
      {card.phone === null && card.email === null && <p className="badge">No contact details</p>}
      <dl className="card-facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>Calls</h3>
      {card.calls.length === 0 ? (
        <p className="muted">No calls yet.</p>
      ) : (
        <ul aria-label="Earlier calls">
          {card.calls.map((c) => (
            <li key={c.id}>
              {formatDate(c.at)} · {c.caller} · {c.outcome ? OUTCOME_LABELS[c.outcome] : '—'}
              {c.diagnosedReason ? ` · ${c.diagnosedReason}` : ''}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

export function CustomerCardContainer({ id }: { id: number }) {
  const [card, setCard] = useState<CustomerCard | null>(null);
  const reportError = useAppStore((s) => s.reportError);
  useEffect(() => {
    let live = true;
    setCard(null);
    api()
      .call('customers.get', { id })
      .then((c) => live && setCard(c))
      .catch(reportError);
    return () => {
      live = false;
    };
  }, [id, reportError]);
  return card ? <CustomerCardView card={card} /> : <p aria-busy="true">Loading card…</p>;
}
