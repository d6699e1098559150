import { said } from '../../../../shared/i18n/said';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAppStore } from '../../store';

/** A manager sets or changes the desk's manager passphrase, which Switch person asks for the manager role. */
export function PassphraseSection() {
  const { t } = useTranslation();
  const id = useId();
  const notify = useAppStore((s) => s.notify);
  const reportError = useAppStore((s) => s.reportError);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (passphrase.length < 10) {
      setProblem(t('admin.passphrase.tooShort', { count: 10 }));
      return;
    }
    if (passphrase !== again) {
      setProblem(t('admin.passphrase.differ'));
      return;
    }
    setProblem(null);
    setBusy(true);
    void api()
      .call('session.passphrase.set', { passphrase })
      .then(() => {
        setPassphrase('');
        setAgain('');
        notify('info', said('admin.passphrase.set'));
      })
      .catch(reportError)
      .finally(() => setBusy(false));
  };
  return (
    <form aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <h2 id={`${id}-title`}>{t('admin.passphrase.title')}</h2>
      <p className="muted">{t('admin.passphrase.intro')}</p>
      <label htmlFor={`${id}-new`}>{t('admin.passphrase.new')}</label>
      <input id={`${id}-new`} type="password" autoComplete="new-password" value={passphrase} maxLength={200} onChange={(e) => setPassphrase(e.target.value)} />
      <label htmlFor={`${id}-again`}>{t('admin.passphrase.again')}</label>
      <input id={`${id}-again`} type="password" autoComplete="new-password" value={again} maxLength={200} onChange={(e) => setAgain(e.target.value)} />
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('admin.passphrase.submit')}
      </button>
    </form>
  );
}
