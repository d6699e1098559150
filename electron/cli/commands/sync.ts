import type { Command } from 'commander';
import { createBackend } from '../../backend/create';
import { createHubClient } from '../../backend/sync/hubClient';
import { normaliseHubUrl, readHubConfig } from '../../backend/sync/settings';
import { pushOutbox } from '../../backend/sync/sender';
import { CliError } from './errors';
import { addDbOption, dbPathFrom } from './options';

interface SyncOptions {
  db?: string;
  hub?: string;
  token?: string;
}

function hubFrom(options: SyncOptions, stored: { url: string; token: string } | null): { url: string; token: string } {
  if (options.hub !== undefined || options.token !== undefined) {
    if (!options.hub || !options.token) throw new CliError('Give both --hub URL and --token TOKEN, or neither to use the hub saved in the console.');
    try {
      return { url: normaliseHubUrl(options.hub), token: options.token };
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error));
    }
  }
  if (!stored) throw new CliError('No hub is configured for this console. Pass --hub URL --token TOKEN, or set them in the console (Admin, Hub).');
  return stored;
}

export function registerSyncCommand(program: Command): void {
  addDbOption(
    program
      .command('sync')
      .description('Push the outbox to the hub once and print { "sent": n, "pending": n }.')
      .option('--hub <url>', 'hub address (default: the one saved in the console)')
      .option('--token <token>', "this console's hub token (default: the one saved in the console)"),
  ).action(async (options: SyncOptions) => {
    const backend = createBackend({ dbPath: dbPathFrom(options) });
    try {
      const hub = hubFrom(options, readHubConfig(backend.db));
      const result = await pushOutbox(backend.db, createHubClient(hub), { now: backend.deps.now });
      process.stdout.write(`${JSON.stringify({ sent: result.sent, pending: result.pending })}\n`);
      if (result.refused > 0) process.stderr.write(`The hub refused ${result.refused} event(s) as invalid; they are in the console's audit log.\n`);
      if (result.error) throw new CliError(result.error.message);
    } finally {
      backend.close();
    }
  });
}
