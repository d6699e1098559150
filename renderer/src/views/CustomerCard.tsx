import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { CustomerCard } from '../../../shared/api/customers';
import { OUTCOME_LABELS } from '../../../shared/domain/outcomes';
import { api } from '../api/client';
import { useAppStore } from '../store';
import { formatDate, formatMoney } from '../lib/format';
import { CallRecordContainer } from './call/CallRecord';

export interface CustomerCardViewProps {
  card: CustomerCard;
  /** Present when the customer may be called now. */
  onStartCall?: (() => void) | undefined;
  /** Why "Start call" is not offered, when it is not. */
  cannotCallBecause?: string | null | undefined;
  openCallId?: string | null | undefined;
  onToggleCall?: ((callId: string) => void) | undefined;
  renderCall?: ((callId: string) => ReactNode) | undefined;
}

/** Why a customer must not be called from the card, in words; null when they may be. */
export function cannotCall(card: CustomerCard): string | null {
  if (card.doNotContact) return 'Do not contact: this customer must not be called.';
  if (card.phone === null && card.email === null) return 'No contact details to call.';
  return null;
}

/** Everything an agent needs at a glance before dialling. */
export function CustomerCardView({ card, onStartCall, cannotCallBecause, openCallId, onToggleCall, renderCall }: CustomerCardViewProps) {
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
      {onStartCall && (
        <button type="button" className="primary" onClick={onStartCall}>
          Start call
        </button>
      )}
      {cannotCallBecause && <p className="badge">{cannotCallBecause}</p>}
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
              {onToggleCall && (
                <>
                  {' '}
                  <button type="button" className="link" aria-expanded={openCallId === c.id} onClick={() => onToggleCall(c.id)}>
                    {openCallId === c.id ? 'Hide details' : 'Details'}
                  </button>
                  {openCallId === c.id && renderCall?.(c.id)}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

export function CustomerCardContainer({ id }: { id: number }) {
  const [card, setCard] = useState<CustomerCard | null>(null);
  const [openCallId, setOpenCallId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reportError = useAppStore((s) => s.reportError);
  const startCall = useAppStore((s) => s.startCall);
  useEffect(() => {
    let live = true;
    api()
      .call('customers.get', { id })
      .then((c) => live && setCard(c))
      .catch(reportError);
    return () => {
      live = false;
    };
  }, [id, version, reportError]);
  useEffect(() => {
    setCard(null);
    setOpenCallId(null);
  }, [id]);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  if (!card) return <p aria-busy="true">Loading card…</p>;
  const why = cannotCall(card);
  return (
    <CustomerCardView
      card={card}
      cannotCallBecause={why}
      onStartCall={why ? undefined : () => void startCall(card.id)}
      openCallId={openCallId}
      onToggleCall={(callId) => setOpenCallId((open) => (open === callId ? null : callId))}
      renderCall={(callId) => <CallRecordContainer callId={callId} onChanged={refresh} />}
    />
  );
}
