import { Trans, useTranslation } from 'react-i18next';
import type { MaintenanceStatus } from '../../../shared/api/maintenance';
import { useAppStore } from '../store';
import { formatCount, formattingLocaleNow } from '../lib/format';

export interface RecoveryScreenProps {
  status: MaintenanceStatus;
  restoring: boolean;
  onRestore: (file: string) => void;
}

function when(iso: string): string {
  return new Intl.DateTimeFormat(formattingLocaleNow(), { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * Shown instead of the console when its database failed the check at start. Says what happened,
 * that nothing was deleted, and offers the newest backup that passes the full integrity check.
 * The console never quietly starts over with an empty database.
 */
export function RecoveryScreen({ status, restoring, onRestore }: RecoveryScreenProps) {
  const { t } = useTranslation();
  const good = status.newestGoodBackup;
  return (
    <main className="centered" aria-labelledby="recovery-title">
      <section className="card recovery">
        <h1 id="recovery-title">{t('recovery.title')}</h1>
        <p>{t('recovery.explain')}</p>
        <dl className="recovery-facts">
          <div>
            <dt>{t('recovery.found')}</dt>
            <dd>{status.problem}</dd>
          </div>
          <div>
            <dt>{t('recovery.file')}</dt>
            <dd>
              <code>{status.databasePath}</code>
            </dd>
          </div>
        </dl>
        {good ? (
          <>
            <h2>{t('recovery.restoreTitle')}</h2>
            <p>
              <Trans
                i18nKey="recovery.newest"
                values={{
                  when: when(good.takenAt),
                  customers: t('recovery.customers', { count: good.customers, formatted: formatCount(good.customers) }),
                  calls: t('recovery.calls', { count: good.calls, formatted: formatCount(good.calls) }),
                }}
                components={{ 1: <strong /> }}
              />
            </p>
            <button type="button" className="primary" disabled={restoring} onClick={() => onRestore(good.file)}>
              {restoring ? t('recovery.restoring') : t('recovery.restore', { when: when(good.takenAt) })}
            </button>
          </>
        ) : (
          <>
            <h2>{t('recovery.noneTitle')}</h2>
            <p>
              <Trans
                i18nKey={status.backups.length === 0 ? 'recovery.noBackups' : 'recovery.noneGood'}
                count={status.backups.length}
                values={{ folder: status.backupsFolder, command: 'npx winback restore FILE', total: formatCount(status.backups.length) }}
                components={{ 1: <code />, 2: <code /> }}
              />
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
