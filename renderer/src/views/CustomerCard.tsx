import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CustomerCard } from '../../../shared/api/customers';
import type { CallingStatus } from '../../../shared/api/contactPolicy';
import type { UnfinishedCall } from '../../../shared/api/callsInProgress';
import { OUTCOME_LABELS } from '../../../shared/domain/outcomes';
import { STAGE_LABELS } from '../../../shared/domain/stages';
import { blockedLabel } from '../../../shared/domain/permissions';
import { CONSENT_ANSWER_LABELS, CONSENT_CHANNEL_LABELS, CONSENT_CHANNELS } from '../../../shared/domain/consent';
import { api } from '../api/client';
import { useAppStore } from '../store';
import { formatDate, formatMoney } from '../lib/format';
import { PhoneLink } from '../components/PhoneLink';
import { CallRecordContainer } from './call/CallRecord';
import { OutsideHoursStart } from './queue/OutsideHoursStart';
import { EraseCustomer } from './EraseCustomer';

export interface CustomerCardViewProps {
  card: CustomerCard;
  /** Whether the customer may be called now, and why not; absent while it loads. */
  status?: CallingStatus | null | undefined;
  /** Why the customer is in the queue, from the queue row. */
  why?: string | null | undefined;
  /** Present when the customer may be called now (or their unfinished call continued). */
  onStartCall?: (() => void) | undefined;
  /** Where the manager's policy allows it: a call outside calling hours, with a reason. */
  onStartOutsideHours?: ((reason: string) => void) | undefined;
  /** The customer's call is unfinished (left for later, or on screen in Call). */
  unfinished?: UnfinishedCall | null | undefined;
  /** The call with this customer is the one open in Call. */
  onScreen?: boolean | undefined;
  /** The call just completed with this customer, for the summary line. */
  justCompleted?: string | null | undefined;
  /** Why "Start call" is not offered, when it is not (used where no status is known). */
  cannotCallBecause?: string | null | undefined;
  openCallId?: string | null | undefined;
  onToggleCall?: ((callId: string) => void) | undefined;
  renderCall?: ((callId: string) => ReactNode) | undefined;
  /** Managers only: erase the customer's personal data, the id typed to confirm. */
  onErase?: ((confirm: string) => void) | undefined;
  erasing?: boolean | undefined;
}

/** Why a customer must not be called from the card, in words; null when they may be. */
export function cannotCall(card: CustomerCard): string | null {
  if (card.doNotContact) return 'Do not contact: this customer must not be called.';
  if (card.callBlock) return `${blockedLabel(card.callBlock, 'call', formatDate)}: on the contact-permission ledger.`;
  if (card.phone === null && card.email === null) return 'No contact details to call.';
  if (card.controlGroup) return 'In the control group: not to be called this cycle.';
  return null;
}

/** "Calls: yes (12 Nov 2026, Ann Agent); Emails: no (…); Letters: not asked". */
export function consentText(card: CustomerCard): string {
  return CONSENT_CHANNELS.map((c) => {
    const a = card.consent[c];
    return `${CONSENT_CHANNEL_LABELS[c]}: ${a ? `${CONSENT_ANSWER_LABELS[a.answer].toLowerCase()} (${formatDate(a.at)}, ${a.by})` : 'not asked'}`;
  }).join('; ');
}

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Everything an agent needs at a glance before dialling, and the one action that comes next. */
export function CustomerCardView(props: CustomerCardViewProps) {
  const { card, status, why, onStartCall, unfinished, onScreen, openCallId, onToggleCall, renderCall } = props;
  const rows: [string, ReactNode][] = [
    ['Customer id', card.externalId],
    ['Phone', <PhoneLink key="phone" number={card.phone} customerId={card.id} block={card.callBlock} />],
    ['Email', card.email ?? 'no email'],
    ['Consent', consentText(card)],
    ['Monthly revenue', formatMoney(card.monthlyRevenue)],
    ['Tenure', card.tenureMonths === null ? '—' : `${card.tenureMonths} months`],
    ['Product', card.product ?? '—'],
    ['Segment', card.segment ?? '—'],
    ['Stated reason', card.statedReason ?? '—'],
    ['Reason category', card.reasonCategory ?? 'unmapped'],
    ['Served by', [card.frontlineRep, card.frontlineTeam].filter(Boolean).join(', ') || '—'],
    ['Cycle', card.cycle ?? '—'],
    ['Time zone', status ? `${status.timeZone}, ${status.localTime} now` : (card.timezone ?? 'the console’s')],
  ];
  const startLabel = onScreen ? 'Back to the call' : unfinished ? 'Continue the call' : 'Start call';
  return (
    <article aria-labelledby="card-title" className="customer-card">
      <h2 id="card-title" tabIndex={-1}>
        {card.name ?? card.externalId}
      </h2>
      {props.justCompleted && (
        <p className="card-done" role="status">
          {props.justCompleted}
        </p>
      )}
      {status && (
        <p className={`card-callable ${status.callableNow ? 'card-callable-yes' : 'card-callable-no'}`}>
          {status.callableNow ? `Callable now: ${status.localTime} their time.` : `Not callable now. ${status.why ?? ''}`}
        </p>
      )}
      {status?.zoneNote && <p className="hint">{status.zoneNote}</p>}
      {props.cannotCallBecause && !(status && !status.callableNow && status.why === props.cannotCallBecause) && (
        <p className="badge">{props.cannotCallBecause}</p>
      )}
      <div className="card-actions">
        {onStartCall && (
          <button type="button" id="card-primary" className="primary" onClick={onStartCall}>
            {startLabel}
          </button>
        )}
        {!onStartCall && props.onStartOutsideHours && <OutsideHoursStart onStart={props.onStartOutsideHours} />}
      </div>
      {why && (
        <>
          <h3>Why queued</h3>
          <p className="card-why">{why}</p>
        </>
      )}
      <dl className="card-facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>Calls</h3>
      {unfinished && (
        <p className="card-in-progress">
          {onScreen ? 'Call in progress, open in Call' : 'Call in progress, left for later'} · at {STAGE_LABELS[unfinished.stage]} · saved{' '}
          {time(unfinished.savedAt)}
        </p>
      )}
      {card.calls.length === 0 ? (
        !unfinished && <p className="muted">No calls yet.</p>
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
      {props.onErase && !card.externalId.startsWith('erased-') && <EraseCustomer externalId={card.externalId} busy={props.erasing === true} onErase={props.onErase} />}
    </article>
  );
}

export function CustomerCardContainer({ id, why }: { id: number; why?: string | null }) {
  const [card, setCard] = useState<CustomerCard | null>(null);
  const [status, setStatus] = useState<CallingStatus | null>(null);
  const [openCallId, setOpenCallId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reportError = useAppStore((s) => s.reportError);
  const startCall = useAppStore((s) => s.startCall);
  const activeCustomer = useAppStore((s) => s.activeCall?.session.customer.id ?? null);
  const unfinished = useAppStore((s) => s.unfinishedCalls.find((u) => u.customerId === id) ?? null);
  const lastCompleted = useAppStore((s) => s.lastCompleted);
  const focusRequest = useAppStore((s) => s.focusRequest);
  const isManager = useAppStore((s) => s.session?.user?.role === 'manager');
  const notify = useAppStore((s) => s.notify);
  const loadQueue = useAppStore((s) => s.loadQueue);
  const [erasing, setErasing] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    Promise.all([api().call('customers.get', { id }), api().call('contactPolicy.status', { customerId: id })])
      .then(([c, s]) => {
        if (!live) return;
        setCard(c);
        setStatus(s);
      })
      .catch(reportError);
    return () => {
      live = false;
    };
  }, [id, version, reportError, lastCompleted]);
  useEffect(() => {
    setCard(null);
    setStatus(null);
    setOpenCallId(null);
  }, [id]);
  // Enter in the queue: the card's next action (Start call) takes the keyboard once the card is there.
  const focusN = focusRequest?.target === 'card' ? focusRequest.n : 0;
  useEffect(() => {
    if (!focusN || !card) return;
    const root = rootRef.current;
    (root?.querySelector<HTMLElement>('#card-primary') ?? root?.querySelector<HTMLElement>('.card-actions button, #card-title'))?.focus();
  }, [focusN, card]);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  if (!card) return <p aria-busy="true">Loading card…</p>;
  const onScreen = activeCustomer === card.id;
  const mayStart = onScreen || unfinished !== null || (cannotCall(card) === null && (status?.callableNow ?? true));
  const done = lastCompleted?.customerId === card.id ? `Call saved: ${OUTCOME_LABELS[lastCompleted.outcome]}.` : null;
  return (
    <div ref={rootRef}>
      <CustomerCardView
        card={card}
        status={status}
        why={why}
        unfinished={unfinished}
        onScreen={onScreen}
        justCompleted={done}
        cannotCallBecause={cannotCall(card)}
        onStartCall={mayStart ? () => void startCall(card.id) : undefined}
        onStartOutsideHours={status?.overrideAllowed ? (reason) => void startCall(card.id, reason) : undefined}
        openCallId={openCallId}
        onToggleCall={(callId) => setOpenCallId((open) => (open === callId ? null : callId))}
        renderCall={(callId) => <CallRecordContainer callId={callId} onChanged={refresh} />}
        erasing={erasing}
        onErase={
          isManager
            ? (confirm) => {
                setErasing(true);
                api()
                  .call('privacy.erase', { customerId: card.id, confirm })
                  .then(() => {
                    notify('info', 'The customer was erased: their personal data is gone from this console.', 'privacy');
                    refresh();
                    void loadQueue();
                  })
                  .catch((error: unknown) => reportError(error, 'privacy'))
                  .finally(() => setErasing(false));
              }
            : undefined
        }
      />
    </div>
  );
}
