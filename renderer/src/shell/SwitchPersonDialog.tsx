import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { ROLES, type Role } from '../../../shared/domain/roles';

/**
 * Switch person: hands the desk to someone else. The console decides what the desk may become: a
 * role it has been given needs nothing more; the manager role needs the manager passphrase (or a
 * manager signed in now, or a manager's hub token).
 */
export function SwitchPersonDialog({ onClose }: { onClose: () => void }) {
  const user = useAppStore((s) => s.session?.user);
  const switchPerson = useAppStore((s) => s.switchPerson);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(user?.role === 'manager' ? 'agent' : (user?.role ?? 'agent'));
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);
  const needsPassphrase = role !== user?.role && user?.role !== 'manager';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') {
      setError(t('shell.switch.nameMissing'));
      return;
    }
    setError(null);
    setRefused(null);
    setBusy(true);
    void switchPerson(name.trim(), role, needsPassphrase && passphrase !== '' ? passphrase : undefined)
      .then((message) => {
        if (message === null) onClose();
        else setRefused(message);
      })
      .finally(() => setBusy(false));
  };
  return (
    <div className="overlay">
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby="switch-person-title"
        className="dialog"
        onSubmit={submit}
        noValidate
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      >
        <h2 id="switch-person-title">{t('shell.switchPerson')}</h2>
        <p>{t('shell.switch.intro')}</p>
        <label htmlFor="switch-person-name">{t('shell.switch.name')}</label>
        <input
          id="switch-person-name"
          ref={nameRef}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={120}
          aria-invalid={error !== null}
          aria-describedby={error ? 'switch-person-error' : undefined}
        />
        {error && (
          <p id="switch-person-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <fieldset>
          <legend>{t('firstRun.role')}</legend>
          {ROLES.map((r) => (
            <label key={r} className="radio">
              <input type="radio" name="switch-person-role" value={r} checked={role === r} onChange={() => setRole(r)} />
              {t(`role.${r}`)}
            </label>
          ))}
        </fieldset>
        {needsPassphrase && (
          <>
            <label htmlFor="switch-person-passphrase">{t('firstRun.passphrase')}</label>
            <p id="switch-person-passphrase-hint" className="muted">
              {t('shell.switch.passphraseHint')}
            </p>
            <input
              id="switch-person-passphrase"
              type="password"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              autoComplete="off"
              aria-describedby="switch-person-passphrase-hint"
              maxLength={200}
            />
          </>
        )}
        {refused && (
          <p className="field-error" role="alert">
            {refused}
          </p>
        )}
        <div className="call-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('shell.switch.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('shell.switch.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
