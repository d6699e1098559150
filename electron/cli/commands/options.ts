import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { finish } from '../../backend/exports/stream';
import type { Command } from 'commander';
import { defaultDataDir, resolveDbPath } from '../../backend/paths';
import { CliError } from './errors';

export const DB_OPTION_HELP = 'SQLite database file (default: $WINBACK_DB, else the console data folder)';

export function addDbOption(command: Command): Command {
  return command.option('--db <path>', DB_OPTION_HELP);
}

export function dbPathFrom(options: { db?: string }): string {
  return resolveDbPath(options.db, defaultDataDir());
}

/** The database a command reads: it must exist (a command that only reads never creates one). */
export function existingDbPath(options: { db?: string }): string {
  const path = dbPathFrom(options);
  if (!existsSync(path)) throw new CliError(`There is no console database at ${path}. Pass --db PATH or set WINBACK_DB.`);
  return path;
}

export const isClosedPipe = (error: unknown): boolean => (error as { code?: string } | null)?.code === 'EPIPE';

/** Writes the text to --out (or standard output), waiting until it is all written. */
export async function writeOutput(text: string, out: string | undefined): Promise<void> {
  const stream: Writable = out ? createWriteStream(out) : process.stdout;
  try {
    if (!stream.write(text)) await once(stream, 'drain');
    if (out) await finish(stream);
  } catch (error) {
    if (!isClosedPipe(error)) throw error;
  }
}
