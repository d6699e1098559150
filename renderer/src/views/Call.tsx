import './call/call.css';
import { useEffect, useRef } from 'react';
import type { UnfinishedCall } from '../../../shared/api/callsInProgress';
import { STAGE_LABELS } from '../../../shared/domain/stages';
import { useAppStore } from '../store';
import { CallScreen } from './call/CallScreen';

const when = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

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
  return (
    <section className="card" aria-labelledby="call-title">
      <h1 id="call-title">Call</h1>
      {unfinished.length > 0 && (
        <>
          <h2>Unfinished calls</h2>
          <ul aria-label="Unfinished calls" className="unfinished-calls">
            {unfinished.map((u) => (
              <li key={u.callId}>
                <button type="button" onClick={() => onContinue?.(u.customerId)} disabled={busy}>
                  Continue the call with {u.customer}
                </button>{' '}
                <span className="muted">
                  at {STAGE_LABELS[u.stage]}, saved {when(u.savedAt)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>No call on screen. Take the next customer in your queue, or choose one in the Queue and press &quot;Start call&quot;.</p>
      <div className="call-actions">
        <button type="button" className="primary" onClick={onNext} disabled={busy}>
          Next customer
        </button>
        <button type="button" onClick={onQueue}>
          Go to the Queue
        </button>
      </div>
    </section>
  );
}

/** "Do not contact" closes the customer for good: it is saved only once the caller confirms it. */
export function ConfirmDoNotContact({ customer, onConfirm, onCancel }: { customer: string; onConfirm: () => void; onCancel: () => void }) {
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
        <h2 id="dnc-title">Mark {customer} do not contact?</h2>
        <p id="dnc-text">
          They will never be called again from any queue, and the call is saved with the outcome Do not contact. Only do this when
          the customer asked not to be called.
        </p>
        <div className="call-actions">
          <button type="button" className="danger" onClick={onConfirm}>
            Yes, never call {customer} again
          </button>
          <button ref={cancelRef} type="button" onClick={onCancel}>
            Cancel, back to the call
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
