import { backupFolderFor, checkDatabaseFile, listBackups, type BackupFile } from '../../../db/backup';
import type { Db } from '../../../db/open';
import type { BackupInfo, GoodBackup, MaintenanceStatus } from '../../../shared/api/maintenance';
import type { Logger } from '../types';
import { lastBackupAt } from './backup';

export function toBackupInfo(b: BackupFile): BackupInfo {
  return { file: b.file, takenAt: b.takenAt, reason: b.reason, sizeBytes: b.sizeBytes };
}

/** The newest backup that passes the full integrity check; unusable ones are skipped and logged. */
export function newestGoodBackup(folder: string, log: Logger): (GoodBackup & { path: string }) | null {
  for (const b of listBackups(folder)) {
    try {
      return { ...toBackupInfo(b), ...checkDatabaseFile(b.path), path: b.path };
    } catch (error) {
      log.warn('backup skipped: unusable', { file: b.file, why: error instanceof Error ? error.message : String(error) });
    }
  }
  return null;
}

export function healthyStatus(db: Db): MaintenanceStatus {
  const folder = backupFolderFor(db.name);
  return {
    state: 'ok',
    problem: null,
    databasePath: db.name,
    backupsFolder: folder,
    lastBackupAt: lastBackupAt(db),
    backups: listBackups(folder).map(toBackupInfo),
    newestGoodBackup: null,
  };
}
