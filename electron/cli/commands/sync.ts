import type { Command } from 'commander';
import { createBackend } from '../../backend/create';
import { connectHub } from '../../backend/sync/failover';
import { normaliseHubUrls, readHubConfig, type HubConfig } from '../../backend/sync/settings';
import { pushOutbox } from '../../backend/sync/sender';
import { CliError } from './errors';
import { addDbOption, dbPathFrom } from './options';

interface SyncOptions {
  db?: string;
  hub?: string;
  token?: string;
}

function hubFrom(options: SyncOptions, stored: HubConfig | null): HubConfig {
  if (options.hub !== undefined || options.token !== undefined) {
    if (!options.hub || !options.token) throw new CliError('Give both --hub URL and --token TOKEN, or neither to use the hub saved in the console.');
    try {
      const urls = normaliseHubUrls(options.hub);
      return { url: urls[0] ?? options.hub, urls, token: options.token };
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
      .option('--hub <url>', 'hub address, or several separated by commas to fail over (default: those saved in the console)')
      .option('--token <token>', "this console's hub token (default: the one saved in the console)"),
  ).action(async (options: SyncOptions) => {
    const backend = createBackend({ dbPath: dbPathFrom(options) });
    try {
      const hub = hubFrom(options, readHubConfig(backend.db));
      const result = await pushOutbox(backend.db, connectHub(hub), { now: backend.deps.now });
      process.stdout.write(`${JSON.stringify({ sent: result.sent, pending: result.pending })}\n`);
      if (result.refused > 0) process.stderr.write(`The hub refused ${result.refused} event(s) as invalid; they are in the console's audit log.\n`);
      if (result.error) throw new CliError(result.error.message);
    } finally {
      backend.close();
    }
  });
}
