import { useEffect, useRef } from 'react';
import { useAppStore } from '../store';

/** Another call asked for while one is open: nothing is parked without the person saying so. */
export function ParkCallDialog() {
  const request = useAppStore((s) => s.parkRequest);
  const confirm = useAppStore((s) => s.confirmPark);
  const cancel = useAppStore((s) => s.cancelPark);
  const stayRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (request) stayRef.current?.focus();
  }, [request]);
  if (!request) return null;
  return (
    <div className="overlay">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="park-title"
        aria-describedby="park-text"
        className="dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            cancel();
          }
        }}
      >
        <h2 id="park-title">A call is in progress</h2>
        <p id="park-text">
          Your call with {request.from} is not completed. Leave it for later (everything typed is kept, under Unfinished calls)
          and call {request.to}?
        </p>
        <div className="call-actions">
          <button type="button" className="primary" onClick={() => void confirm()}>
            Leave it for later and call {request.to}
          </button>
          <button ref={stayRef} type="button" onClick={cancel}>
            Back to the call with {request.from}
          </button>
        </div>
      </div>
    </div>
  );
}
