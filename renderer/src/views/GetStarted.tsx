import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useAppStore } from '../store';

/**
 * What an empty queue means depends on who is looking. An agent or an executive cannot fill it:
 * they are told whom to ask, in words, never a terminal command. A manager on a console without
 * customers loads the demo or imports a file; with customers but nobody queued, they are told why.
 */
export function GetStarted() {
  const role = useAppStore((s) => s.session?.user?.role ?? 'agent');
  const { t } = useTranslation();
  if (role === 'executive') {
    return (
      <section className="card" aria-labelledby="get-started-title">
        <h2 id="get-started-title">{t('getStarted.executive.title')}</h2>
        <p>{t('getStarted.executive.body')}</p>
      </section>
    );
  }
  if (role === 'agent') {
    return (
      <section className="card" aria-labelledby="get-started-title">
        <h2 id="get-started-title">{t('getStarted.agent.title')}</h2>
        <p>{t('getStarted.agent.body')}</p>
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
  const { t } = useTranslation();
  useEffect(() => {
    api()
      .call('cycles.list', {})
      .then((cycles) => setDeparted(cycles.reduce((n, c) => n + c.departed, 0)))
      .catch(reportError);
  }, [reportError]);
  if (departed === null) return <p aria-busy="true">{t('common.loading')}</p>;
  if (departed > 0) {
    return (
      <section className="card" aria-labelledby="get-started-title">
        <h2 id="get-started-title">{t('getStarted.nobodyQueued.title')}</h2>
        <p>{t('getStarted.nobodyQueued.body', { count: departed })}</p>
        <button type="button" className="primary" onClick={() => go('admin')}>
          {t('getStarted.nobodyQueued.openAdmin')}
        </button>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="get-started-title">
      <h2 id="get-started-title">{t('getStarted.empty.title')}</h2>
      <p>{t('getStarted.empty.body')}</p>
      <div className="card-actions">
        <button type="button" className="primary" onClick={() => go('admin')}>
          {t('getStarted.empty.import')}
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
          {t('getStarted.empty.demo')}
        </button>
      </div>
    </section>
  );
}
