import { useState } from 'react';
import { useAppStore } from '../store';

/** First run, step two, shown while the console has no customers: load the demo or import a file. */
export function GetStarted() {
  const loadDemo = useAppStore((s) => s.loadDemo);
  const loadQueue = useAppStore((s) => s.loadQueue);
  const [busy, setBusy] = useState(false);
  return (
    <section className="card" aria-labelledby="get-started-title">
      <h2 id="get-started-title">No departed customers yet</h2>
      <p>
        Load the demo to try the console with the public telecom sample (fictional names and phone numbers),
        or import your own export of departed customers from a terminal:
      </p>
      <pre>npx winback import departed.csv --mapping mapping.json</pre>
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void loadDemo()
            .then((ok) => (ok ? loadQueue() : undefined))
            .finally(() => setBusy(false));
        }}
      >
        Load the demo
      </button>
    </section>
  );
}
