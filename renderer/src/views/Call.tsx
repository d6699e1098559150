import './call/call.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnfinishedCall } from '../../../shared/api/callsInProgress';
import { formatDateTime } from '../lib/format';
import { useAppStore } from '../store';
import { CallScreen } from './call/CallScreen';

/** No call open: the calls left for later, the next customer in the queue, or the Queue itself. */
export function NoCall({
  onNext,
  onQueue,
  busy,
  unfinished = [],
  onContinue,
}: {
  onNext: () => void;
  onQueue: () => void;
  busy: boolean;
  unfinished?: UnfinishedCall[];
  onContinue?: (customerId: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="call-title">
      <h1 id="call-title">{t('call.title')}</h1>
      {unfinished.length > 0 && (
        <>
          <h2>{t('call.noCall.unfinished')}</h2>
          <ul aria-label={t('call.noCall.unfinished')} className="unfinished-calls">
            {unfinished.map((u) => (
              <li key={u.callId}>
                <button type="button" onClick={() => onContinue?.(u.customerId)} disabled={busy}>
                  {t('call.noCall.continue', { name: u.customer })}
                </button>{' '}
                <span className="muted">{t('call.noCall.savedAt', { stage: t(`call.stages.${u.stage}`), when: formatDateTime(u.savedAt) })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>{t('call.noCall.empty')}</p>
      <div className="call-actions">
        <button type="button" className="primary" onClick={onNext} disabled={busy}>
          {t('call.noCall.next')}
        </button>
        <button type="button" onClick={onQueue}>
          {t('call.noCall.queue')}
        </button>
      </div>
    </section>
  );
}

/** "Do not contact" closes the customer for good: it is saved only once the caller confirms it. */
export function ConfirmDoNotContact({ customer, onConfirm, onCancel }: { customer: string; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="overlay">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="dnc-title"
        aria-describedby="dnc-text"
        className="dialog"
        onKeyDown={(e) => {
          // Ctrl+Enter here must not confirm by habit: only the confirm button does.
          if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <h2 id="dnc-title">{t('call.dnc.title', { name: customer })}</h2>
        <p id="dnc-text">{t('call.dnc.text')}</p>
        <div className="call-actions">
          <button type="button" className="danger" onClick={onConfirm}>
            {t('call.dnc.confirm', { name: customer })}
          </button>
          <button ref={cancelRef} type="button" onClick={onCancel}>
            {t('call.dnc.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}

export function CallView() {
  const active = useAppStore((s) => s.activeCall);
  const busy = useAppStore((s) => s.callBusy);
  const draftStatus = useAppStore((s) => s.draftStatus);
  const draftSavedAt = useAppStore((s) => s.draftSavedAt);
  const problems = useAppStore((s) => s.callProblems);
  const message = useAppStore((s) => s.callMessage);
  const unfinished = useAppStore((s) => s.unfinishedCalls);
  const confirmingDnc = useAppStore((s) => s.confirmingDoNotContact);
  const go = useAppStore((s) => s.go);
  const startCall = useAppStore((s) => s.startCall);
  const startNextCall = useAppStore((s) => s.startNextCall);
  const updateCall = useAppStore((s) => s.updateCall);
  const moveCall = useAppStore((s) => s.moveCall);
  const completeCall = useAppStore((s) => s.completeCall);
  const leaveCall = useAppStore((s) => s.leaveCall);
  const confirmDnc = useAppStore((s) => s.confirmDoNotContact);
  const cancelDnc = useAppStore((s) => s.cancelDoNotContact);
  const loadUnfinished = useAppStore((s) => s.loadUnfinishedCalls);
  useEffect(() => {
    if (!active) void loadUnfinished();
  }, [active, loadUnfinished]);

  if (!active) {
    return (
      <NoCall
        busy={busy}
        unfinished={unfinished}
        onContinue={(id) => void startCall(id)}
        onNext={() => void startNextCall()}
        onQueue={() => go('queue')}
      />
    );
  }
  const who = active.session.customer.name ?? active.session.customer.externalId;
  return (
    <>
      <CallScreen
        session={active.session}
        state={active.state}
        restoredFrom={active.restoredFrom}
        draftStatus={draftStatus}
        draftSavedAt={draftSavedAt}
        problems={problems}
        message={message}
        busy={busy}
        onChange={updateCall}
        onMove={moveCall}
        onComplete={() => void completeCall()}
        onLeave={() => void leaveCall()}
      />
      {confirmingDnc && <ConfirmDoNotContact customer={who} onConfirm={() => void confirmDnc()} onCancel={cancelDnc} />}
    </>
  );
}
