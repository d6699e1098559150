import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useAppStore } from '../store';
import type { SyncStatus } from '../../../shared/api/sync';
import { formatDateTime } from '../lib/format';
import { sayKept } from '../i18n/said';
import { afterFirstRows } from '../lib/afterFirstRows';

const POLL_MS = 5000;

/** Describes sync in words a person understands: standalone, online, offline, waiting events. */
export function describeSync(status: SyncStatus | null, backendUnreachable: boolean, t: TFunction): string {
  if (backendUnreachable) return t('shell.sync.unreachable');
  if (!status) return t('shell.sync.checking');
  // Without a hub nothing waits for anything: counting "events waiting to sync" there only alarmed people.
  if (!status.hubConfigured) return t('shell.sync.standalone');
  const words = {
    waiting: t('shell.sync.waiting', { count: status.pending }),
    last: status.lastSyncAt ? t('shell.sync.lastSync', { at: formatDateTime(status.lastSyncAt) }) : t('shell.sync.neverSynced'),
  };
  const state = status.online ? t('shell.sync.online', words) : t('shell.sync.offline', words);
  return status.lastError ? `${state} ${t('shell.sync.lastProblem', { problem: sayKept(status.lastError, t) })}` : state;
}

export function StatusArea() {
  const status = useAppStore((s) => s.syncStatus);
  const unreachable = useAppStore((s) => s.backendUnreachable);
  const refresh = useAppStore((s) => s.refreshSync);
  const { t } = useTranslation();
  useEffect(() => {
    afterFirstRows(() => void refresh());
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  const offline = unreachable || (status?.hubConfigured === true && status.online === false);
  return (
    <div role="status" aria-label={t('shell.sync.label')} className={`status-area ${offline ? 'status-offline' : ''}`}>
      <span className="status-dot" aria-hidden="true" />
      {describeSync(status, unreachable, t)}
    </div>
  );
}
