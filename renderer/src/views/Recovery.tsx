import type { MaintenanceStatus } from '../../../shared/api/maintenance';
import { useAppStore } from '../store';

export interface RecoveryScreenProps {
  status: MaintenanceStatus;
  restoring: boolean;
  onRestore: (file: string) => void;
}

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' });
}

/**
 * Shown instead of the console when its database failed the check at start. Says what happened,
 * that nothing was deleted, and offers the newest backup that passes the full integrity check.
 * The console never quietly starts over with an empty database.
 */
export function RecoveryScreen({ status, restoring, onRestore }: RecoveryScreenProps) {
  const good = status.newestGoodBackup;
  return (
    <main className="centered" aria-labelledby="recovery-title">
      <section className="card recovery">
        <h1 id="recovery-title">The console&apos;s data is damaged</h1>
        <p>
          When the console started, its database failed SQLite&apos;s integrity check, so it was not opened. Nothing
          has been deleted or changed.
        </p>
        <dl className="recovery-facts">
          <div>
            <dt>What was found</dt>
            <dd>{status.problem}</dd>
          </div>
          <div>
            <dt>Database file</dt>
            <dd>
              <code>{status.databasePath}</code>
            </dd>
          </div>
        </dl>
        {good ? (
          <>
            <h2>Restore the newest good backup</h2>
            <p>
              The newest backup that passes the full integrity check was taken on <strong>{when(good.takenAt)}</strong>. It
              holds {good.customers.toLocaleString()} customers and {good.calls.toLocaleString()} calls. Calls saved after
              that moment are not in it. The damaged file is kept beside the restored one for support.
            </p>
            <button type="button" className="primary" disabled={restoring} onClick={() => onRestore(good.file)}>
              {restoring ? 'Restoring…' : `Restore the backup of ${when(good.takenAt)}`}
            </button>
          </>
        ) : (
          <>
            <h2>No good backup was found</h2>
            <p>
              {status.backups.length === 0
                ? 'There are no backups in '
                : `None of the ${status.backups.length} backups passes the integrity check in `}
              <code>{status.backupsFolder}</code>. Do not start over with an empty console: ask your administrator,
              who can restore a backup kept elsewhere with <code>npx winback restore FILE</code>.
            </p>
          </>
        )}
      </section>
    </main>
  );
}

export function RecoveryContainer() {
  const status = useAppStore((s) => s.health);
  const restoring = useAppStore((s) => s.restoringBackup);
  const restore = useAppStore((s) => s.restoreBackup);
  if (!status) return null;
  return <RecoveryScreen status={status} restoring={restoring} onRestore={(file) => void restore(file)} />;
}
