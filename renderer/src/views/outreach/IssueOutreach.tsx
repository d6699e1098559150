import { said } from '../../../../shared/i18n/said';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Audience, MessageChannel, OutreachSummary } from '../../../../shared/api/outreach';
import { api } from '../../api/client';
import { formatDate, formatMoney } from '../../lib/format';
import { useAppStore } from '../../store';
import { OutreachFigures, leftOut } from './OutreachFigures';
import './outreach.css';

type Loaded = { fixed: boolean; fix: { whatChanged: string; fixedOn: string } | null; outreaches: OutreachSummary[] };

function FixForm({ issueId, initial, today, onFixed }: { issueId: string; initial: string; today: string; onFixed: () => void }) {
  const id = useId();
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [whatChanged, setWhatChanged] = useState(initial);
  const [fixedOn, setFixedOn] = useState(today);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api().call('outreach.issue.fix', { issueId, whatChanged, fixedOn });
      notify('info', said('outreach.fix.marked'));
      onFixed();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="fix-form" aria-labelledby={`${id}-h`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-h`}>{t('outreach.fix.title')}</h3>
      <label htmlFor={`${id}-what`}>{t('outreach.fix.what')}</label>
      <textarea id={`${id}-what`} rows={2} maxLength={500} value={whatChanged} onChange={(e) => setWhatChanged(e.target.value)} placeholder={t('outreach.fix.placeholder')} />
      <label htmlFor={`${id}-on`}>{t('outreach.fix.on')}</label>
      <input id={`${id}-on`} type="date" value={fixedOn} max={today} onChange={(e) => setFixedOn(e.target.value)} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || whatChanged.trim().length < 10}>
          {t('outreach.fix.mark')}
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
  const { t } = useTranslation();
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
      <h3 id={`${id}-h`}>{t('outreach.builder.title')}</h3>
      <p className="muted">{t('outreach.builder.help')}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={byCall}
          onChange={(e) => {
            setByCall(e.target.checked);
            setAudience(null);
          }}
        />
        {t('outreach.builder.call')}
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
        {t('outreach.builder.message')}
      </label>
      {message !== null && (
        <>
          <label htmlFor={`${id}-channel`}>{t('outreach.builder.by')}</label>
          <select
            id={`${id}-channel`}
            value={message}
            onChange={(e) => {
              setMessage(e.target.value as MessageChannel);
              setAudience(null);
            }}
          >
            <option value="email">{t('outreach.builder.email')}</option>
            <option value="letter">{t('outreach.builder.letter')}</option>
          </select>
        </>
      )}
      {audience && (
        <p role="status">
          {t('outreach.builder.reaches', { included: audience.included, count: audience.candidates, amount: formatMoney(audience.revenue) })}
          {audience.excluded.length > 0 ? ` ${leftOut(t, audience.excluded)}` : ''}
        </p>
      )}
      <div className="form-actions">
        <button type="button" disabled={busy || (!byCall && message === null)} onClick={() => void check()}>
          {t('outreach.builder.check')}
        </button>
        <button type="submit" className="primary" disabled={busy || (!byCall && message === null)}>
          {t('outreach.builder.build')}
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
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  const load = useCallback(() => {
    api().call('outreach.issue', { issueId }).then(setData).catch(reportError);
  }, [issueId, reportError]);
  useEffect(load, [load, status]);
  if (!data) return null;
  const fixed = data.fixed && data.fix !== null;
  return (
    <section className="issue-outreach" aria-label={t('outreach.figures.label')}>
      {!fixed && <FixForm issueId={issueId} initial={data.fix?.whatChanged ?? ''} today={today} onFixed={() => void Promise.all([openIssue(issueId), loadIssues()])} />}
      {fixed && data.fix && (
        <p>
          <Trans i18nKey="outreach.fix.fixedOn" values={{ day: formatDate(data.fix.fixedOn), what: data.fix.whatChanged }} components={[<strong key="fixed" />]} />
        </p>
      )}
      {fixed && <Builder issueId={issueId} onBuilt={(o) => void openOutreach(o.id)} />}
      {data.outreaches.map((o) => (
        <div key={o.id} className="card">
          <h3>
            <button type="button" className="link-button" onClick={() => void openOutreach(o.id)}>
              {o.name}
            </button>{' '}
            <span className="muted">{t('outreach.fix.builtOn', { day: formatDate(o.createdAt) })}</span>
          </h3>
          <OutreachFigures outreach={o} />
        </div>
      ))}
    </section>
  );
}
