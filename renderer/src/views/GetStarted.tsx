import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useAppStore } from '../store';

/**
 * What an empty queue means depends on who is looking. An agent or an executive cannot fill it:
 * they are told whom to ask, in words, never a terminal command. A manager on a console without
 * customers loads the demo or imports a file; with customers but nobody queued, they are told why.
 */
export function GetStarted() {
  const role = useAppStore((s) => s.session?.user?.role ?? 'agent');
  if (role === 'executive') {
    return (
      <section className="card" aria-labelledby="get-started-title">
        <h2 id="get-started-title">Your handful is not chosen yet</h2>
        <p>
          Each cycle a manager picks the few departed customers you call yourself (usually 1 to 10). Ask a manager to assign you
          your handful for this cycle; they appear here as soon as they do.
        </p>
      </section>
    );
  }
  if (role === 'agent') {
    return (
      <section className="card" aria-labelledby="get-started-title">
        <h2 id="get-started-title">Nobody to call right now</h2>
        <p>
          Your queue is empty: everyone assigned to you or to the team has been called, or no departed customers have been
          brought in yet. Ask your manager for the next customers to call.
        </p>
      </section>
    );
  }
  return <ManagerGetStarted />;
}

function ManagerGetStarted() {
  const loadDemo = useAppStore((s) => s.loadDemo);
  const loadQueue = useAppStore((s) => s.loadQueue);
  const go = useAppStore((s) => s.go);
  const reportError = useAppStore((s) => s.reportError);
  const [departed, setDeparted] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api()
      .call('cycles.list', {})
      .then((cycles) => setDeparted(cycles.reduce((n, c) => n + c.departed, 0)))
      .catch(reportError);
  }, [reportError]);
  if (departed === null) return <p aria-busy="true">Loading…</p>;
  if (departed > 0) {
    return (
      <section className="card" aria-labelledby="get-started-title">
        <h2 id="get-started-title">Nobody is queued</h2>
        <p>
          The console has {departed.toLocaleString()} departed customers, and none of them is in a queue: they have all been called
          this cycle, or the selection rules leave everyone out. Admin shows the cycles, the rules of whom to call and who calls
          whom.
        </p>
        <button type="button" className="primary" onClick={() => go('admin')}>
          Open Admin
        </button>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="get-started-title">
      <h2 id="get-started-title">No departed customers yet</h2>
      <p>
        Import your export of departed customers in Admin › Import, or load the demo to try the console with the public telecom
        sample (fictional names and phone numbers).
      </p>
      <div className="card-actions">
        <button type="button" className="primary" onClick={() => go('admin')}>
          Import departed customers
        </button>
        <button
          type="button"
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
      </div>
    </section>
  );
}
