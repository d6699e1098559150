import { useEffect } from 'react';
import { useAppStore } from '../store';
import type { SyncStatus } from '../../../shared/api/sync';

const POLL_MS = 5000;

/** Describes sync in words a person understands: standalone, online, offline, waiting events. */
export function describeSync(status: SyncStatus | null, backendUnreachable: boolean): string {
  if (backendUnreachable) return 'Offline: the console backend is not answering. Your work is kept on this desk.';
  if (!status) return 'Checking sync…';
  // Without a hub nothing waits for anything: counting "events waiting to sync" there only alarmed people.
  if (!status.hubConfigured) return 'Standalone: no hub configured. Everything is saved on this desk; nothing is synced.';
  const waiting = `${status.pending.toLocaleString('en')} event${status.pending === 1 ? '' : 's'} waiting to sync`;
  const last = status.lastSyncAt ? `last sync ${new Date(status.lastSyncAt).toLocaleString()}` : 'not synced yet';
  const state = status.online ? 'Online' : 'Offline';
  const error = status.lastError ? ` Last problem: ${status.lastError}` : '';
  return `${state}: ${waiting}, ${last}.${error}`;
}

export function StatusArea() {
  const status = useAppStore((s) => s.syncStatus);
  const unreachable = useAppStore((s) => s.backendUnreachable);
  const refresh = useAppStore((s) => s.refreshSync);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  const offline = unreachable || (status?.hubConfigured === true && status.online === false);
  return (
    <div role="status" aria-label="Sync status" className={`status-area ${offline ? 'status-offline' : ''}`}>
      <span className="status-dot" aria-hidden="true" />
      {describeSync(status, unreachable)}
    </div>
  );
}
