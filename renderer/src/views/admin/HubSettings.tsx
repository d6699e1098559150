import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { HubSettings } from '../../../../shared/api/sync';
import type { Role } from '../../../../shared/domain/roles';
import { api } from '../../api/client';
import { useAppStore } from '../../store';

export interface HubSettingsPanelProps {
  settings: HubSettings | null;
  role: Role | null;
  busy: boolean;
  /** The outcome of the last action, in words. */
  message: string | null;
  onSave: (url: string, token: string | undefined) => void;
  onTest: () => void;
  onSyncNow: () => void;
  onPull: () => void;
  onPublish: () => void;
  onDisconnect: () => void;
}

/**
 * The hub section of Admin: the hub's address and this console's token. The token can be entered
 * or replaced, never read back: the window only learns whether one is configured.
 */
export function HubSettingsPanel({ settings, role, busy, message, onSave, onTest, onSyncNow, onPull, onPublish, onDisconnect }: HubSettingsPanelProps) {
  const [url, setUrl] = useState(settings?.url ?? '');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setUrl(settings?.url ?? ''), [settings?.url]);
  const connected = Boolean(settings?.url);
  const tokenConfigured = settings?.tokenConfigured ?? false;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (url.trim() === '') {
      setError('Enter the hub address, for example https://hub.example.com/.');
      return;
    }
    if (!tokenConfigured && token.trim() === '') {
      setError("Enter this console's hub token as your manager gave it to you.");
      return;
    }
    setError(null);
    onSave(url.trim(), token.trim() === '' ? undefined : token.trim());
    setToken('');
  };

  return (
    <section aria-labelledby="hub-settings-title" className="hub-settings">
      <h2 id="hub-settings-title">Hub</h2>
      <p>
        {connected
          ? `This console sends its calls to the hub at ${settings?.url ?? ''} and receives its assignments from it.`
          : 'This console works standalone. To share calls with your team and receive assignments, enter the hub address and this console\u2019s token.'}
      </p>
      <form aria-label="Hub settings" onSubmit={submit} noValidate className="hub-form">
        <label htmlFor="hub-url">Hub address</label>
        <input
          id="hub-url"
          type="text"
          title="Several addresses of the same hub, separated by commas: the console uses the next when one does not answer."
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://hub.example.com/"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={error ? 'hub-settings-error' : undefined}
        />
        <label htmlFor="hub-token">Hub token</label>
        <input
          id="hub-token"
          type="password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          placeholder={tokenConfigured ? 'Configured; leave empty to keep it' : 'wbh_\u2026'}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="hub-token-state"
        />
        <p id="hub-token-state" className="muted">
          Token configured: {tokenConfigured ? 'yes' : 'no'}
        </p>
        {error && (
          <p id="hub-settings-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Save hub settings
        </button>
      </form>
      {connected && (
        <div role="group" aria-label="Hub actions" className="hub-actions">
          <button type="button" onClick={onTest} disabled={busy || !tokenConfigured}>
            Test connection
          </button>
          <button type="button" onClick={onSyncNow} disabled={busy || !tokenConfigured}>
            Sync now
          </button>
          <button type="button" onClick={onPull} disabled={busy || !tokenConfigured}>
            Fetch my assignments
          </button>
          {role === 'manager' && (
            <button type="button" onClick={onPublish} disabled={busy || !tokenConfigured}>
              Publish assignments
            </button>
          )}
          <button type="button" onClick={onDisconnect} disabled={busy}>
            Disconnect from hub
          </button>
        </div>
      )}
      {settings && settings.refusedEvents > 0 && (
        <p className="muted">
          The hub refused {settings.refusedEvents} event{settings.refusedEvents === 1 ? '' : 's'} (invalid, or too large to send); they are kept in
          this console&rsquo;s audit log.
        </p>
      )}
      <p role="status" aria-label="Hub result">
        {message}
      </p>
    </section>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function HubSettingsContainer() {
  const role = useAppStore((s) => s.session?.user?.role ?? null);
  const reportError = useAppStore((s) => s.reportError);
  const refreshSync = useAppStore((s) => s.refreshSync);
  const [settings, setSettings] = useState<HubSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    api().call('hub.settings.get', {}).then(setSettings).catch(reportError);
  }, [reportError]);

  /** Runs one action: a failure becomes a visible message, and the status area is refreshed either way. */
  const act = useCallback(
    (work: () => Promise<string>) => {
      setBusy(true);
      setMessage(null);
      work()
        .then(setMessage)
        .catch(reportError)
        .finally(() => {
          setBusy(false);
          void refreshSync();
        });
    },
    [reportError, refreshSync],
  );

  return (
    <HubSettingsPanel
      settings={settings}
      role={role}
      busy={busy}
      message={message}
      onSave={(url, token) =>
        act(async () => {
          const saved = await api().call('hub.settings.set', token === undefined ? { url } : { url, token });
          setSettings(saved);
          return 'Hub settings saved. Sync starts in the background.';
        })
      }
      onTest={() =>
        act(async () => {
          const me = await api().call('hub.test', {});
          return `The hub answers: this console's token belongs to ${me.name} (${me.role}).`;
        })
      }
      onSyncNow={() =>
        act(async () => {
          const r = await api().call('sync.now', {});
          const refused = r.refused > 0 ? ` The hub refused ${plural(r.refused, 'event')}.` : '';
          return `Sent ${plural(r.sent, 'event')}; ${plural(r.pending, 'event')} waiting.${refused}`;
        })
      }
      onPull={() =>
        act(async () => {
          const r = await api().call('hub.assignments.pull', {});
          if (r.received === 0) return 'No customers are assigned to you on the hub right now. Nothing here was changed.';
          return `Received ${plural(r.received, 'assigned customer')}: ${r.added} new, ${r.updated} updated. They are in your queue.`;
        })
      }
      onPublish={() =>
        act(async () => {
          const r = await api().call('hub.assignments.publish', {});
          const refused = r.rejected.length > 0 ? ` Not published: ${r.rejected.map((x) => `${x.externalId} (${x.reason})`).slice(0, 3).join('; ')}${r.rejected.length > 3 ? `; and ${r.rejected.length - 3} more` : ''}.` : '';
          return `Published ${plural(r.published, 'assignment')} for ${r.people.join(', ') || 'nobody'}.${refused}`;
        })
      }
      onDisconnect={() =>
        act(async () => {
          setSettings(await api().call('hub.settings.clear', {}));
          return 'Disconnected: this console works standalone. Events wait here until a hub is set again.';
        })
      }
    />
  );
}
