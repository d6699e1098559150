import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useAppStore } from '../../store';

/** A manager sets or changes the desk's manager passphrase, which Switch person asks for the manager role. */
export function PassphraseSection() {
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
      setProblem('A manager passphrase is at least 10 characters.');
      return;
    }
    if (passphrase !== again) {
      setProblem('The two passphrases differ.');
      return;
    }
    setProblem(null);
    setBusy(true);
    void api()
      .call('session.passphrase.set', { passphrase })
      .then(() => {
        setPassphrase('');
        setAgain('');
        notify('info', "This desk's manager passphrase is set.");
      })
      .catch(reportError)
      .finally(() => setBusy(false));
  };
  return (
    <form aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <h2 id={`${id}-title`}>Manager passphrase of this desk</h2>
      <p className="muted">
        Switch person asks for it before anyone at this desk takes the manager role. Only a slow hash of it is kept.
      </p>
      <label htmlFor={`${id}-new`}>New manager passphrase</label>
      <input id={`${id}-new`} type="password" autoComplete="new-password" value={passphrase} maxLength={200} onChange={(e) => setPassphrase(e.target.value)} />
      <label htmlFor={`${id}-again`}>The same again</label>
      <input id={`${id}-again`} type="password" autoComplete="new-password" value={again} maxLength={200} onChange={(e) => setAgain(e.target.value)} />
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        Set the passphrase
      </button>
    </form>
  );
}
