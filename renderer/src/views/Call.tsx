import { useAppStore } from '../store';

/** The guided call lives here; a call starts from a customer in the Queue. */
export function CallView() {
  const go = useAppStore((s) => s.go);
  return (
    <section className="card" aria-labelledby="call-title">
      <h1 id="call-title">Call</h1>
      <p>No call in progress. Choose a customer in the Queue to call them.</p>
      <button type="button" onClick={() => go('queue')}>
        Go to the Queue
      </button>
    </section>
  );
}
