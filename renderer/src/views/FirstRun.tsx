import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { ROLES, type Role } from '../../../shared/domain/roles';
import { LanguageSelect } from '../components/LanguageSelect';

export interface WhoFormProps {
  onSubmit: (name: string, role: Role, managerPassphrase?: string) => void;
  busy: boolean;
}

/** First run, step one: who is using this console. */
export function WhoForm({ onSubmit, busy }: WhoFormProps) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') {
      setError(t('firstRun.nameMissing'));
      return;
    }
    setError(null);
    if (role === 'manager' && passphrase.length < 10) {
      setPassphraseError(t('firstRun.passphraseShort'));
      return;
    }
    setPassphraseError(null);
    onSubmit(name.trim(), role, role === 'manager' ? passphrase : undefined);
  };
  return (
    <form onSubmit={submit} className="card first-run" aria-labelledby="first-run-title" noValidate>
      <h1 id="first-run-title">{t('firstRun.title')}</h1>
      <p>{t('firstRun.intro')}</p>
      <label htmlFor="first-run-name">{t('firstRun.name')}</label>
      <input
        id="first-run-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        autoComplete="name"
        aria-invalid={error !== null}
        aria-describedby={error ? 'first-run-name-error' : undefined}
        maxLength={120}
      />
      {error && (
        <p id="first-run-name-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <fieldset>
        <legend>{t('firstRun.role')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="radio">
            <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} />
            {t(`role.${r}`)}
          </label>
        ))}
      </fieldset>
      {role === 'manager' && (
        <>
          <label htmlFor="first-run-passphrase">{t('firstRun.passphrase')}</label>
          <p id="first-run-passphrase-hint" className="muted">
            {t('firstRun.passphraseHint')}
          </p>
          <input
            id="first-run-passphrase"
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            autoComplete="new-password"
            aria-invalid={passphraseError !== null}
            aria-describedby={passphraseError ? 'first-run-passphrase-error' : 'first-run-passphrase-hint'}
            maxLength={200}
          />
          {passphraseError && (
            <p id="first-run-passphrase-error" className="field-error" role="alert">
              {passphraseError}
            </p>
          )}
        </>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('firstRun.continue')}
      </button>
    </form>
  );
}

/**
 * First run: the language first, on the system's until someone chooses. The choice shows at once and
 * is kept for the desk (nobody is signed in yet), then for the person once they are set up.
 */
export function FirstRunContainer() {
  const setup = useAppStore((s) => s.setupSession);
  const chosen = useAppStore((s) => s.chosenLanguage);
  const setLanguage = useAppStore((s) => s.setLanguage);
  const [busy, setBusy] = useState(false);
  return (
    <main className="centered first-run-page">
      <LanguageSelect className="language-select first-run-language" language={chosen} onChange={(l) => void setLanguage(l)} />
      <WhoForm
        busy={busy}
        onSubmit={(name, role, managerPassphrase) => {
          setBusy(true);
          void setup(name, role, managerPassphrase)
            .then(() => {
              // Now someone is signed in: the language they read the first screen in becomes theirs.
              const state = useAppStore.getState();
              if (state.session?.user && chosen !== null) return state.setLanguage(chosen);
              return undefined;
            })
            .finally(() => setBusy(false));
        }}
      />
    </main>
  );
}
