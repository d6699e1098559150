import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { Audience, MessageChannel, OutreachSummary } from '../../../../shared/api/outreach';
import { api } from '../../api/client';
import { formatDate, formatMoney } from '../../lib/format';
import { useAppStore } from '../../store';
import { OutreachFigures } from './OutreachFigures';
import './outreach.css';

type Loaded = { fixed: boolean; fix: { whatChanged: string; fixedOn: string } | null; outreaches: OutreachSummary[] };

function FixForm({ issueId, initial, today, onFixed }: { issueId: string; initial: string; today: string; onFixed: () => void }) {
  const id = useId();
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [whatChanged, setWhatChanged] = useState(initial);
  const [fixedOn, setFixedOn] = useState(today);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api().call('outreach.issue.fix', { issueId, whatChanged, fixedOn });
      notify('info', 'Marked fixed. Now choose how to tell the customers it drove away.');
      onFixed();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="fix-form" aria-labelledby={`${id}-h`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-h`}>We fixed it</h3>
      <label htmlFor={`${id}-what`}>What changed, in a sentence for customers</label>
      <textarea id={`${id}-what`} rows={2} maxLength={500} value={whatChanged} onChange={(e) => setWhatChanged(e.target.value)} placeholder="Renewal prices now match what new customers pay." />
      <label htmlFor={`${id}-on`}>Fixed on</label>
      <input id={`${id}-on`} type="date" value={fixedOn} max={today} onChange={(e) => setFixedOn(e.target.value)} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || whatChanged.trim().length < 10}>
          Mark fixed
        </button>
      </div>
    </form>
  );
}

function Builder({ issueId, onBuilt }: { issueId: string; onBuilt: (o: OutreachSummary) => void }) {
  const id = useId();
  const reportError = useAppStore((s) => s.reportError);
  const [byCall, setByCall] = useState(true);
  const [message, setMessage] = useState<MessageChannel | null>('email');
  const [audience, setAudience] = useState<Audience | null>(null);
  const [busy, setBusy] = useState(false);
  const choice = { issueId, byCall, messageChannel: message };
  const check = async () => {
    setBusy(true);
    try {
      setAudience(await api().call('outreach.issue.audience', choice));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="outreach-builder"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        api()
          .call('outreach.issue.build', choice)
          .then(onBuilt)
          .catch(reportError)
          .finally(() => setBusy(false));
      }}
    >
      <h3 id={`${id}-h`}>Tell the customers it drove away</h3>
      <p className="muted">Those behind this issue's reasons and calls who have not come back and may be contacted.</p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={byCall}
          onChange={(e) => {
            setByCall(e.target.checked);
            setAudience(null);
          }}
        />
        Call them (they go to the queue with what changed shown on the call)
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={message !== null}
          onChange={(e) => {
            setMessage(e.target.checked ? 'email' : null);
            setAudience(null);
          }}
        />
        Send a message
      </label>
      {message !== null && (
        <>
          <label htmlFor={`${id}-channel`}>Message by</label>
          <select
            id={`${id}-channel`}
            value={message}
            onChange={(e) => {
              setMessage(e.target.value as MessageChannel);
              setAudience(null);
            }}
          >
            <option value="email">Email</option>
            <option value="letter">Letter (mail-merge file)</option>
          </select>
        </>
      )}
      {audience && (
        <p role="status">
          Reaches {audience.included} of {audience.candidates} customers not won back ({formatMoney(audience.revenue)} a month).
          {audience.excluded.length > 0 ? ` Left out: ${audience.excluded.map((e) => `${e.customers} ${e.why.toLowerCase()}`).join('; ')}.` : ''}
        </p>
      )}
      <div className="form-actions">
        <button type="button" disabled={busy || (!byCall && message === null)} onClick={() => void check()}>
          Check who it reaches
        </button>
        <button type="submit" className="primary" disabled={busy || (!byCall && message === null)}>
          Build the outreach
        </button>
      </div>
    </form>
  );
}

/** On an issue's page: mark it fixed with what changed, build the outreach, and see what it brought back. */
export function IssueOutreach({ issueId, status }: { issueId: string; status: string }) {
  const reportError = useAppStore((s) => s.reportError);
  const openOutreach = useAppStore((s) => s.openOutreach);
  const openIssue = useAppStore((s) => s.openIssue);
  const loadIssues = useAppStore((s) => s.loadIssues);
  const [data, setData] = useState<Loaded | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const load = useCallback(() => {
    api().call('outreach.issue', { issueId }).then(setData).catch(reportError);
  }, [issueId, reportError]);
  useEffect(load, [load, status]);
  if (!data) return null;
  const fixed = data.fixed && data.fix !== null;
  return (
    <section className="issue-outreach" aria-label="After the fix">
      {!fixed && <FixForm issueId={issueId} initial={data.fix?.whatChanged ?? ''} today={today} onFixed={() => void Promise.all([openIssue(issueId), loadIssues()])} />}
      {fixed && data.fix && (
        <p>
          <strong>Fixed {formatDate(data.fix.fixedOn)}.</strong> What customers are told: {data.fix.whatChanged}
        </p>
      )}
      {fixed && <Builder issueId={issueId} onBuilt={(o) => void openOutreach(o.id)} />}
      {data.outreaches.map((o) => (
        <div key={o.id} className="card">
          <h3>
            <button type="button" className="link-button" onClick={() => void openOutreach(o.id)}>
              {o.name}
            </button>{' '}
            <span className="muted">built {formatDate(o.createdAt)}</span>
          </h3>
          <OutreachFigures outreach={o} />
        </div>
      ))}
    </section>
  );
}
