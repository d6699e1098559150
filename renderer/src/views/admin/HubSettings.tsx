import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubSettings } from '../../../../shared/api/sync';
import type { Role } from '../../../../shared/domain/roles';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { formatCount } from '../../lib/format';

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
  const { t } = useTranslation();
  const [url, setUrl] = useState(settings?.url ?? '');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setUrl(settings?.url ?? ''), [settings?.url]);
  const connected = Boolean(settings?.url);
  const tokenConfigured = settings?.tokenConfigured ?? false;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (url.trim() === '') {
      setError(t('admin.hub.urlMissing'));
      return;
    }
    if (!tokenConfigured && token.trim() === '') {
      setError(t('admin.hub.tokenMissing'));
      return;
    }
    setError(null);
    onSave(url.trim(), token.trim() === '' ? undefined : token.trim());
    setToken('');
  };

  return (
    <section aria-labelledby="hub-settings-title" className="hub-settings">
      <h2 id="hub-settings-title">{t('admin.hub.title')}</h2>
      <p>
        {connected ? t('admin.hub.connected', { url: settings?.url ?? '' }) : t('admin.hub.standalone')}
      </p>
      <form aria-label={t('admin.hub.settings')} onSubmit={submit} noValidate className="hub-form">
        <label htmlFor="hub-url">{t('admin.hub.url')}</label>
        <input
          id="hub-url"
          type="text"
          title={t('admin.hub.urlTitle')}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder={t('admin.hub.urlPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={error ? 'hub-settings-error' : undefined}
        />
        <label htmlFor="hub-token">{t('admin.hub.token')}</label>
        <input
          id="hub-token"
          type="password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          placeholder={tokenConfigured ? t('admin.hub.tokenKept') : t('admin.hub.tokenPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="hub-token-state"
        />
        <p id="hub-token-state" className="muted">
          {tokenConfigured ? t('admin.hub.tokenSet') : t('admin.hub.tokenNotSet')}
        </p>
        {error && (
          <p id="hub-settings-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('admin.hub.save')}
        </button>
      </form>
      {connected && (
        <div role="group" aria-label={t('admin.hub.actions')} className="hub-actions">
          <button type="button" onClick={onTest} disabled={busy || !tokenConfigured}>
            {t('admin.hub.test')}
          </button>
          <button type="button" onClick={onSyncNow} disabled={busy || !tokenConfigured}>
            {t('admin.hub.syncNow')}
          </button>
          <button type="button" onClick={onPull} disabled={busy || !tokenConfigured}>
            {t('admin.hub.pull')}
          </button>
          {role === 'manager' && (
            <button type="button" onClick={onPublish} disabled={busy || !tokenConfigured}>
              {t('admin.hub.publish')}
            </button>
          )}
          <button type="button" onClick={onDisconnect} disabled={busy}>
            {t('admin.hub.disconnect')}
          </button>
        </div>
      )}
      {settings && settings.refusedEvents > 0 && (
        <p className="muted">{t('admin.hub.refusedEvents', { count: settings.refusedEvents, total: formatCount(settings.refusedEvents) })}</p>
      )}
      <p role="status" aria-label={t('admin.hub.result')}>
        {message}
      </p>
    </section>
  );
}

export function HubSettingsContainer() {
  const { t } = useTranslation();
  const role = useAppStore((s) => s.session?.user?.role ?? null);
  const reportError = useAppStore((s) => s.reportError);
  const refreshSync = useAppStore((s) => s.refreshSync);
  const [settings, setSettings] = useState<HubSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  // Once an action has answered with the settings, a slow first read must not put older ones back
  // (a save made before it came showed "Token configured: no" and hid the hub's actions).
  const answeredByAction = useRef(false);
  const setSettingsFromAction = useCallback((s: HubSettings) => {
    answeredByAction.current = true;
    setSettings(s);
  }, []);
  useEffect(() => {
    api()
      .call('hub.settings.get', {})
      .then((s) => {
        if (!answeredByAction.current) setSettings(s);
      })
      .catch(reportError);
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
          setSettingsFromAction(await api().call('hub.settings.set', token === undefined ? { url } : { url, token }));
          return t('admin.hub.saved');
        })
      }
      onTest={() =>
        act(async () => {
          const me = await api().call('hub.test', {});
          return t('admin.hub.answers', { name: me.name, role: me.role === 'agent' || me.role === 'executive' || me.role === 'manager' ? t(`role.${me.role}`) : me.role });
        })
      }
      onSyncNow={() =>
        act(async () => {
          const r = await api().call('sync.now', {});
          const refused = r.refused > 0 ? ` ${t('admin.hub.refused', { count: r.refused, total: formatCount(r.refused) })}` : '';
          return `${t('admin.hub.sent', { count: r.sent, total: formatCount(r.sent) })} ${t('admin.hub.waiting', { count: r.pending, total: formatCount(r.pending) })}${refused}`;
        })
      }
      onPull={() =>
        act(async () => {
          const r = await api().call('hub.assignments.pull', {});
          if (r.received === 0) return t('admin.hub.noneAssigned');
          return t('admin.hub.received', { count: r.received, total: formatCount(r.received), added: formatCount(r.added), updated: formatCount(r.updated) });
        })
      }
      onPublish={() =>
        act(async () => {
          const r = await api().call('hub.assignments.publish', {});
          const shown = r.rejected.map((x) => `${x.externalId} (${x.reason})`).slice(0, 3).join('; ');
          const refused =
            r.rejected.length === 0
              ? ''
              : ` ${r.rejected.length > 3 ? t('admin.hub.notPublishedMore', { list: shown, count: r.rejected.length - 3, total: formatCount(r.rejected.length - 3) }) : t('admin.hub.notPublished', { list: shown })}`;
          return `${t('admin.hub.published', { count: r.published, total: formatCount(r.published), people: r.people.join(', ') || t('admin.hub.nobody') })}${refused}`;
        })
      }
      onDisconnect={() =>
        act(async () => {
          setSettingsFromAction(await api().call('hub.settings.clear', {}));
          return t('admin.hub.disconnected');
        })
      }
    />
  );
}
