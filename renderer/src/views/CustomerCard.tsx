import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CustomerCard } from '../../../shared/api/customers';
import type { CallingStatus } from '../../../shared/api/contactPolicy';
import type { UnfinishedCall } from '../../../shared/api/callsInProgress';
import { said, type Said } from '../../../shared/i18n/said';
import { say } from '../i18n/said';
import { CONSENT_CHANNELS } from '../../../shared/domain/consent';
import { api } from '../api/client';
import { useAppStore } from '../store';
import { formatDate, formatMoney } from '../lib/format';
import { timeOfDay } from '../lib/customerTime';
import { PhoneLink, blockedWords } from '../components/PhoneLink';
import { CallRecordContainer } from './call/CallRecord';
import { OutsideHoursStart } from './queue/OutsideHoursStart';
import { EraseCustomer } from './EraseCustomer';
import { categoryText } from '../i18n/content';

export interface CustomerCardViewProps {
  card: CustomerCard;
  /** Whether the customer may be called now, and why not; absent while it loads. */
  status?: CallingStatus | null | undefined;
  /** Why the customer is in the queue, from the queue row (by key: said in the person's language). */
  why?: Said | null | undefined;
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
export function cannotCall(t: TFunction, card: CustomerCard): string | null {
  if (card.doNotContact) return t('card.cannotCall.doNotContact');
  if (card.callBlock) return t('card.cannotCall.onLedger', { blocked: blockedWords(t, card.callBlock, 'call') });
  if (card.phone === null && card.email === null) return t('card.cannotCall.noContact');
  if (card.controlGroup) return t('card.cannotCall.controlGroup');
  return null;
}

/** "Calls: yes (12 Nov 2026, Ann Agent); Emails: no (…); Letters: not asked". */
export function consentText(t: TFunction, card: CustomerCard): string {
  return CONSENT_CHANNELS.map((c) => {
    const a = card.consent[c];
    const channel = t(`card.consent.channel.${c}`);
    return a
      ? t('card.consent.answered', { channel, answer: t(`card.consent.answer.${a.answer}`), date: formatDate(a.at), by: a.by })
      : t('card.consent.notAsked', { channel });
  }).join('; ');
}

/** Everything an agent needs at a glance before dialling, and the one action that comes next. */
export function CustomerCardView(props: CustomerCardViewProps) {
  const { card, status, why, onStartCall, unfinished, onScreen, openCallId, onToggleCall, renderCall } = props;
  const { t } = useTranslation();
  const rows: [string, ReactNode][] = [
    [t('card.facts.customerId'), card.externalId],
    [t('card.facts.phone'), <PhoneLink key="phone" number={card.phone} customerId={card.id} block={card.callBlock} />],
    [t('card.facts.email'), card.email ?? t('card.facts.noEmail')],
    [t('card.facts.consent'), consentText(t, card)],
    [t('card.facts.monthlyRevenue'), formatMoney(card.monthlyRevenue)],
    [t('card.facts.tenure'), card.tenureMonths === null ? '—' : t('card.facts.months', { count: card.tenureMonths })],
    [t('card.facts.product'), card.product ?? '—'],
    [t('card.facts.segment'), card.segment ?? '—'],
    [t('card.facts.statedReason'), card.statedReason ?? '—'],
    [t('card.facts.reasonCategory'), card.reasonCategory === null ? t('card.facts.unmapped') : categoryText(t, card.reasonCategory)],
    [t('card.facts.servedBy'), [card.frontlineRep, card.frontlineTeam].filter(Boolean).join(', ') || '—'],
    [t('card.facts.cycle'), card.cycle ?? '—'],
    [
      t('card.facts.timeZone'),
      status ? t('card.facts.zoneNow', { zone: status.timeZone, time: status.localTime }) : (card.timezone ?? t('card.facts.consoleZone')),
    ],
  ];
  const startLabel = onScreen ? t('card.start.back') : unfinished ? t('card.start.continue') : t('card.start.start');
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
          {status.callableNow ? t('card.callableNow', { time: status.localTime }) : t('card.notCallableNow', { why: status.why ? say(status.why, t) : '' })}
        </p>
      )}
      {status?.zoneNote && <p className="hint">{say(status.zoneNote, t)}</p>}
      {props.cannotCallBecause && !(status && !status.callableNow && status.why && say(status.why, t) === props.cannotCallBecause) && (
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
          <h3>{t('card.whyQueued')}</h3>
          <p className="card-why">{say(why, t)}</p>
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
      <h3>{t('card.calls')}</h3>
      {unfinished && (
        <p className="card-in-progress">
          {t(onScreen ? 'card.inProgress.onScreen' : 'card.inProgress.parked', { stage: t(`card.stage.${unfinished.stage}`), time: timeOfDay(unfinished.savedAt) })}
        </p>
      )}
      {card.calls.length === 0 ? (
        !unfinished && <p className="muted">{t('card.noCalls')}</p>
      ) : (
        <ul aria-label={t('card.earlierCalls')}>
          {card.calls.map((c) => (
            <li key={c.id}>
              {formatDate(c.at)} · {c.caller} · {c.outcome ? t(`card.outcome.${c.outcome}`) : '—'}
              {c.diagnosedReason ? ` · ${c.diagnosedReason}` : ''}
              {onToggleCall && (
                <>
                  {' '}
                  <button type="button" className="link" aria-expanded={openCallId === c.id} onClick={() => onToggleCall(c.id)}>
                    {openCallId === c.id ? t('card.hideDetails') : t('card.details')}
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

export function CustomerCardContainer({ id, why }: { id: number; why?: Said | null }) {
  const { t } = useTranslation();
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
  if (!card) return <p aria-busy="true">{t('card.loading')}</p>;
  const onScreen = activeCustomer === card.id;
  const mayStart = onScreen || unfinished !== null || (cannotCall(t, card) === null && (status?.callableNow ?? true));
  const done = lastCompleted?.customerId === card.id ? t('card.callSaved', { outcome: t(`card.outcome.${lastCompleted.outcome}`) }) : null;
  return (
    <div ref={rootRef}>
      <CustomerCardView
        card={card}
        status={status}
        why={why}
        unfinished={unfinished}
        onScreen={onScreen}
        justCompleted={done}
        cannotCallBecause={cannotCall(t, card)}
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
                    notify('info', said('card.erase.done'), 'privacy');
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
