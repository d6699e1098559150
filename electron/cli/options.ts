import type { Command } from 'commander';
import { defaultDataDir, resolveDbPath } from '../backend/paths';

export const DB_OPTION_HELP = 'SQLite database file (default: $WINBACK_DB, else the console data folder)';

export function addDbOption(command: Command): Command {
  return command.option('--db <path>', DB_OPTION_HELP);
}

export function dbPathFrom(options: { db?: string }): string {
  return resolveDbPath(options.db, defaultDataDir());
}
