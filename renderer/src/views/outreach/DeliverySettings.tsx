import { said } from '../../../../shared/i18n/said';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SMTP_SECURITY, type OutreachSettings, type SmtpSecurity } from '../../../../shared/api/outreach';
import { api } from '../../api/client';
import { useAppStore } from '../../store';

/**
 * Admin, Outreach delivery: who emails come from, and the SMTP relay IT sets up. The relay's
 * password is sent here once and never comes back: the form only learns whether one is set.
 */
export function DeliverySettings() {
  const id = useId();
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [settings, setSettings] = useState<OutreachSettings | null>(null);
  const [company, setCompany] = useState('');
  const [fromAddress, setFromAddress] = useState('');
  const [replyTo, setReplyTo] = useState('');
  const [useRelay, setUseRelay] = useState(false);
  const [host, setHost] = useState('');
  const [port, setPort] = useState('587');
  const [security, setSecurity] = useState<SmtpSecurity>('starttls');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [rate, setRate] = useState('60');
  const [hubPublicUrl, setHubPublicUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();

  const apply = (s: OutreachSettings) => {
    setSettings(s);
    setCompany(s.company ?? '');
    setFromAddress(s.fromAddress ?? '');
    setReplyTo(s.replyTo ?? '');
    setUseRelay(s.smtp !== null);
    setHost(s.smtp?.host ?? '');
    setPort(String(s.smtp?.port ?? 587));
    setSecurity(s.smtp?.security ?? 'starttls');
    setUser(s.smtp?.user ?? '');
    setPassword('');
    setRate(String(s.ratePerMinute));
    setHubPublicUrl(s.hubPublicUrl ?? '');
  };
  useEffect(() => {
    api().call('outreach.settings.get', {}).then(apply).catch(reportError);
  }, [reportError]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      apply(
        await api().call('outreach.settings.set', {
          company,
          fromAddress: fromAddress.trim() === '' ? null : fromAddress,
          replyTo: replyTo.trim() === '' ? null : replyTo,
          smtp: useRelay ? { host, port: Number(port), security, user, ...(password !== '' ? { password } : {}) } : null,
          ratePerMinute: Number(rate),
          hubPublicUrl,
        }),
      );
      notify('info', said('outreach.delivery.saved'));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  if (!settings) return <p aria-busy="true">{t('outreach.delivery.loading')}</p>;
  return (
    <form className="stack-form" aria-labelledby={`${id}-h`} onSubmit={(e) => void save(e)}>
      <h2 id={`${id}-h`}>{t('outreach.delivery.title')}</h2>
      <label htmlFor={`${id}-company`}>{t('outreach.delivery.company')}</label>
      <input id={`${id}-company`} value={company} maxLength={120} onChange={(e) => setCompany(e.target.value)} />
      <label htmlFor={`${id}-from`}>{t('outreach.delivery.from')}</label>
      <input id={`${id}-from`} type="email" value={fromAddress} onChange={(e) => setFromAddress(e.target.value)} placeholder={t('outreach.delivery.fromPlaceholder')} />
      <label htmlFor={`${id}-reply`}>{t('outreach.delivery.reply')}</label>
      <input id={`${id}-reply`} type="email" value={replyTo} onChange={(e) => setReplyTo(e.target.value)} />
      <label htmlFor={`${id}-hub`}>{t('outreach.delivery.hub')}</label>
      <input id={`${id}-hub`} value={hubPublicUrl} onChange={(e) => setHubPublicUrl(e.target.value)} placeholder={t('outreach.delivery.hubUrlPlaceholder')} />
      {!settings.hubConfigured && hubPublicUrl !== '' && <p className="muted">{t('outreach.delivery.hubNeeded')}</p>}
      <label className="checkbox">
        <input type="checkbox" checked={useRelay} onChange={(e) => setUseRelay(e.target.checked)} />
        {t('outreach.delivery.useRelay')}
      </label>
      {useRelay && (
        <>
          <label htmlFor={`${id}-host`}>{t('outreach.delivery.host')}</label>
          <input id={`${id}-host`} value={host} onChange={(e) => setHost(e.target.value)} placeholder={t('outreach.delivery.hostPlaceholder')} />
          <label htmlFor={`${id}-port`}>{t('outreach.delivery.port')}</label>
          <input id={`${id}-port`} type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} />
          <label htmlFor={`${id}-security`}>{t('outreach.delivery.encryption')}</label>
          <select id={`${id}-security`} value={security} onChange={(e) => setSecurity(e.target.value as SmtpSecurity)}>
            {SMTP_SECURITY.map((s) => (
              <option key={s} value={s}>
                {t(`outreach.delivery.security.${s}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-user`}>{t('outreach.delivery.user')}</label>
          <input id={`${id}-user`} value={user} autoComplete="off" onChange={(e) => setUser(e.target.value)} />
          <label htmlFor={`${id}-password`}>{settings.smtp?.passwordSet ? t('outreach.delivery.passwordSet') : t('outreach.delivery.password')}</label>
          <input id={`${id}-password`} type="password" value={password} autoComplete="new-password" onChange={(e) => setPassword(e.target.value)} />
          <label htmlFor={`${id}-rate`}>{t('outreach.delivery.rate')}</label>
          <input id={`${id}-rate`} type="number" min={1} max={6000} value={rate} onChange={(e) => setRate(e.target.value)} />
        </>
      )}
      <div className="row-actions">
        <button type="submit" disabled={busy}>
          {t('outreach.delivery.save')}
        </button>
        {settings.smtp && (
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              api()
                .call('outreach.smtp.test', {})
                .then((r) => notify('info', said('outreach.delivery.tested', { host: r.host })))
                .catch(reportError)
                .finally(() => setBusy(false));
            }}
          >
            {t('outreach.delivery.test')}
          </button>
        )}
      </div>
    </form>
  );
}
