import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { BackupError, backupDatabase, backupDatabaseSync, restoreDatabase, type DatabaseSummary } from '../../../db/backup';
import { DatabaseTooNewError, assertNotNewer } from '../../../db/migrate';
import { isWritable } from '../../../db/readOnly';
import { CliError } from './errors';
import { addDbOption, dbPathFrom } from './options';
import { replayErasuresBeforeRestore } from '../../backend/privacy/erase';

function summary(s: DatabaseSummary): string {
  return `schema ${s.schemaVersion}: ${s.customers} customers, ${s.calls} calls`;
}

function asCliError(error: unknown): never {
  if (error instanceof BackupError || error instanceof DatabaseTooNewError) throw new CliError(error.message);
  throw error;
}

export function registerBackupCommands(program: Command): void {
  addDbOption(
    program
      .command('backup')
      .description('Write a verified copy of the database to FILE with SQLite\'s online backup; safe while the console runs.')
      .requiredOption('--out <file>', 'the backup file to write'),
  ).action(async (options: { db?: string; out: string }) => {
    const dbPath = dbPathFrom(options);
    if (!existsSync(dbPath)) throw new CliError(`There is no database at ${dbPath}.`);
    // Opened without the console's pragmas or migrations: a backup never changes the database.
    // A file this process cannot write (a read-only mount, no permission) is opened read-only and
    // copied in one read transaction with VACUUM INTO: SQLite's stepwise backup cannot progress
    // on such a file once its -wal and -shm exist.
    const readOnly = !isWritable(dbPath);
    const db = new Database(dbPath, { fileMustExist: true, readonly: readOnly });
    try {
      assertNotNewer(db);
      const result = readOnly ? backupDatabaseSync(db, options.out) : await backupDatabase(db, options.out);
      process.stdout.write(`Backed up ${dbPath} to ${resolve(options.out)} (${summary(result)}).\n`);
    } catch (error) {
      asCliError(error);
    } finally {
      db.close();
    }
  });

  addDbOption(
    program
      .command('restore')
      .description('Replace the database with a backup FILE, after checking it; the replaced file is kept beside it.')
      .argument('<file>', 'a backup written by `winback backup` or found in the backups folder'),
  ).action(async (file: string, options: { db?: string }) => {
    const dbPath = dbPathFrom(options);
    try {
      const result = await restoreDatabase(file, dbPath, new Date(), replayErasuresBeforeRestore(dbPath, new Date()));
      process.stdout.write(
        `Restored ${resolve(file)} into ${dbPath} (${summary(result)}).` +
          (result.keptAs ? ` The previous file is kept as ${result.keptAs}.` : '') +
          '\n',
      );
    } catch (error) {
      asCliError(error);
    }
  });
}
