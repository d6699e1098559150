import { useState, type FormEvent } from 'react';
import { useAppStore } from '../store';
import { ROLES, ROLE_LABELS, type Role } from '../../../shared/domain/roles';

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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') {
      setError('Enter your name.');
      return;
    }
    setError(null);
    if (role === 'manager' && passphrase.length < 10) {
      setPassphraseError('Choose a manager passphrase of at least 10 characters.');
      return;
    }
    setPassphraseError(null);
    onSubmit(name.trim(), role, role === 'manager' ? passphrase : undefined);
  };
  return (
    <form onSubmit={submit} className="card first-run" aria-labelledby="first-run-title" noValidate>
      <h1 id="first-run-title">Welcome to Winback Console</h1>
      <p>Who is using this console? Your name goes on the calls you make.</p>
      <label htmlFor="first-run-name">Your name</label>
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
        <legend>Role</legend>
        {ROLES.map((r) => (
          <label key={r} className="radio">
            <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} />
            {ROLE_LABELS[r]}
          </label>
        ))}
      </fieldset>
      {role === 'manager' && (
        <>
          <label htmlFor="first-run-passphrase">Manager passphrase</label>
          <p id="first-run-passphrase-hint" className="muted">
            Needed later to take the manager role on this desk (Switch person). Keep it to yourself; it cannot be shown again.
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
        Continue
      </button>
    </form>
  );
}

export function FirstRunContainer() {
  const setup = useAppStore((s) => s.setupSession);
  const [busy, setBusy] = useState(false);
  return (
    <main className="centered">
      <WhoForm
        busy={busy}
        onSubmit={(name, role, managerPassphrase) => {
          setBusy(true);
          void setup(name, role, managerPassphrase).finally(() => setBusy(false));
        }}
      />
    </main>
  );
}
