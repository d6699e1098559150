import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { afterFirstRows } from '../lib/afterFirstRows';
import type { TFunction } from 'i18next';
import { useAppStore } from '../store';
import type { DeskPresence } from '../../../shared/api/presence';
import { formatDuration } from '../lib/duration';
import './presence.css';

const POLL_MS = 5_000;

export function describePresence(t: TFunction, p: DeskPresence): string {
  switch (p.state) {
    case 'in_call':
      return p.stage ? t('components.presence.inCallStage', { stage: t(`card.stage.${p.stage}`) }) : t('components.presence.inCall');
    case 'wrap_up':
      return t('components.presence.wrapUp');
    case 'paused':
      return t('components.presence.paused', { reason: p.pauseReason ?? '' });
    case 'idle':
      return t('components.presence.ready');
  }
}

/**
 * The person's own state on the floor, in the top bar: what the manager's board shows of this desk,
 * and the pause control (a reason from the manager's list, then Resume).
 */
export function PresenceControl() {
  const { t } = useTranslation();
  const presence = useAppStore((s) => s.presence);
  const readAt = useAppStore((s) => s.presenceReadAt);
  const load = useAppStore((s) => s.loadPresence);
  const pause = useAppStore((s) => s.pauseDesk);
  const resume = useAppStore((s) => s.resumeDesk);
  const view = useAppStore((s) => s.view);
  const [reason, setReason] = useState('');
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    afterFirstRows(() => void load());
    const timer = setInterval(() => void load(), POLL_MS);
    const tick = setInterval(() => setNowMs(Date.now()), 1_000);
    return () => {
      clearInterval(timer);
      clearInterval(tick);
    };
  }, [load]);
  // A call opened or closed on this window: read the state at once rather than at the next poll.
  useEffect(() => {
    void load();
  }, [view, load]);
  if (!presence) return null;
  const seconds = (Date.parse(presence.since) > 0 ? (readAt - Date.parse(presence.since)) / 1000 : 0) + (nowMs - readAt) / 1000;
  const paused = presence.state === 'paused';
  const busy = presence.state === 'in_call' || presence.state === 'wrap_up';
  return (
    <div className={`presence presence-${presence.state}`} role="group" aria-label={t('components.presence.label')}>
      <span className="presence-state" role="status" aria-live="polite">
        {describePresence(t, presence)} <span className="presence-time">· {formatDuration(seconds)}</span>
      </span>
      {paused ? (
        <button type="button" onClick={() => void resume()}>
          {t('components.presence.resume')}
        </button>
      ) : (
        <>
          <label className="sr-only" htmlFor="pause-reason">
            {t('components.presence.reason')}
          </label>
          <select id="pause-reason" value={reason} disabled={busy} onChange={(e) => setReason(e.target.value)} title={busy ? t('components.presence.busy') : undefined}>
            <option value="">{t('components.presence.pauseFor')}</option>
            {presence.pauseReasons.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={busy || reason === ''}
            onClick={() => {
              void pause(reason);
              setReason('');
            }}
          >
            {t('components.presence.pause')}
          </button>
        </>
      )}
    </div>
  );
}
