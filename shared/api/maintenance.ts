import { z } from 'zod';
import { channel } from './channel';

export const BackupInfoSchema = z.object({
  /** The file name inside the backups folder; the only way to name a backup to restore. */
  file: z.string(),
  takenAt: z.string(),
  /** 'daily', or 'before-migration-vN' for the copy taken before an upgrade from schema N. */
  reason: z.string(),
  sizeBytes: z.number().int(),
});
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

export const GoodBackupSchema = BackupInfoSchema.extend({
  schemaVersion: z.number().int(),
  customers: z.number().int(),
  calls: z.number().int(),
});
export type GoodBackup = z.infer<typeof GoodBackupSchema>;

export const MaintenanceStatusSchema = z.object({
  /** 'damaged': the database failed its check at start and was not opened; only a restore is possible. */
  state: z.enum(['ok', 'damaged']),
  /** What the check found, in SQLite's words (damaged only). */
  problem: z.string().nullable(),
  databasePath: z.string(),
  backupsFolder: z.string(),
  lastBackupAt: z.string().nullable(),
  /** Every backup in the folder, newest first. */
  backups: z.array(BackupInfoSchema),
  /** The newest backup that passes the full integrity check; looked for only when damaged. */
  newestGoodBackup: GoodBackupSchema.nullable(),
});
export type MaintenanceStatus = z.infer<typeof MaintenanceStatusSchema>;

/**
 * Health of the console's database and recovery from a damaged one. Callable before first-run
 * (`setup`): a damaged database has no readable "who is using this console".
 */
export const maintenanceChannels = {
  'maintenance.status': channel({ input: z.object({}).strict(), output: MaintenanceStatusSchema, setup: true }),
  'maintenance.restoreBackup': channel({
    input: z
      .object({ file: z.string().min(1, 'errors.input.nameBackup').max(200, 'errors.input.backupNameLong') })
      .strict(),
    output: MaintenanceStatusSchema,
    setup: true,
  }),
};
