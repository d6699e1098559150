import './call/call.css';
import { useAppStore } from '../store';
import { CallScreen } from './call/CallScreen';

/** No call open: take the next customer from the queue, or choose one there. */
export function NoCall({ onNext, onQueue, busy }: { onNext: () => void; onQueue: () => void; busy: boolean }) {
  return (
    <section className="card" aria-labelledby="call-title">
      <h1 id="call-title">Call</h1>
      <p>No call in progress. Take the next customer in your queue, or choose one in the Queue and press &quot;Start call&quot;.</p>
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

export function CallView() {
  const active = useAppStore((s) => s.activeCall);
  const busy = useAppStore((s) => s.callBusy);
  const draftStatus = useAppStore((s) => s.draftStatus);
  const draftSavedAt = useAppStore((s) => s.draftSavedAt);
  const problems = useAppStore((s) => s.callProblems);
  const message = useAppStore((s) => s.callMessage);
  const go = useAppStore((s) => s.go);
  const startNextCall = useAppStore((s) => s.startNextCall);
  const updateCall = useAppStore((s) => s.updateCall);
  const moveCall = useAppStore((s) => s.moveCall);
  const completeCall = useAppStore((s) => s.completeCall);
  const leaveCall = useAppStore((s) => s.leaveCall);

  if (!active) return <NoCall busy={busy} onNext={() => void startNextCall()} onQueue={() => go('queue')} />;
  return (
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
  );
}
