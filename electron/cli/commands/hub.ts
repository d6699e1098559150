import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { ROLES, type Role } from '../../../shared/domain/roles';
import { openHubStore, type HubStore } from '../../../hub/store/connect';
import { startHub } from '../../../hub/server';
import { createToken, listTokens, revokeToken, TokenError } from '../../../hub/tokens';
import { stderrHubLogger } from '../../../hub/log';
import { defaultDataDir } from '../../backend/paths';
import { CliError } from './errors';
import { parsePort } from './serve';

export const DEFAULT_HUB_PORT = 4790;
/** Longest a graceful shutdown waits for requests in flight (a batch commits in well under a second). */
const SHUTDOWN_DEADLINE_MS = 60_000;

/** --data DIR wins, then WINBACK_HUB_DATA, then a "hub" folder beside the console's data. */
export function hubDataDir(explicit: string | undefined): string {
  if (explicit) return resolve(explicit);
  if (process.env.WINBACK_HUB_DATA) return resolve(process.env.WINBACK_HUB_DATA);
  return join(defaultDataDir(), 'hub');
}

function addDataOption(command: Command): Command {
  return command.option('--data <dir>', 'folder for the hub\'s SQLite store (default: $WINBACK_HUB_DATA, else "hub" in the console data folder); ignored when DATABASE_URL is set');
}

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`a role is one of ${ROLES.join(', ')}.`);
  return value as Role;
}

async function withStore<T>(options: { data?: string }, run: (store: HubStore) => Promise<T>): Promise<T> {
  let store: HubStore;
  try {
    store = await openHubStore({ dataDir: hubDataDir(options.data), databaseUrl: process.env.DATABASE_URL });
  } catch (error) {
    throw new CliError(`Could not open the hub's store: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return await run(store);
  } catch (error) {
    if (error instanceof TokenError) throw new CliError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

export function registerHubCommand(program: Command): void {
  const hub = program.command('hub').description('The sync hub for a team: receives events from consoles, serves org-wide trends and assignments.');

  addDataOption(
    hub
      .command('serve')
      .description('Run the hub. Plain HTTP on 127.0.0.1 only unless --listen-public; put TLS in front (docs/hub.md).')
      .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, DEFAULT_HUB_PORT)
      .option('--listen-public', 'listen on every network interface (only behind a TLS reverse proxy or on a trusted network)')
      .option('--host <address>', 'listen on this address instead (implies --listen-public when it is not loopback)')
      .option('--trust-proxy <addresses>', 'comma-separated addresses of the reverse proxies whose X-Forwarded-For the hub believes (docs/hub.md)'),
  ).action(async (options: { data?: string; port: number; listenPublic?: boolean; host?: string; trustProxy?: string }) => {
    const host = options.host ?? (options.listenPublic ? '0.0.0.0' : '127.0.0.1');
    const loopback = ['127.0.0.1', '::1', 'localhost'].includes(host);
    if (!loopback && !options.listenPublic) {
      throw new CliError(`Listening on ${host} sends plain HTTP beyond this computer; add --listen-public to confirm (and put TLS in front, see docs/hub.md).`);
    }
    let store: HubStore;
    try {
      store = await openHubStore({ dataDir: hubDataDir(options.data), databaseUrl: process.env.DATABASE_URL });
    } catch (error) {
      throw new CliError(`Could not open the hub's store: ${error instanceof Error ? error.message : String(error)}`);
    }
    let running;
    const log = stderrHubLogger();
    try {
      const trustProxy = options.trustProxy ? options.trustProxy.split(',').map((a) => a.trim()).filter(Boolean) : undefined;
      running = await startHub({ store, port: options.port, host, log, ...(trustProxy ? { trustProxy } : {}) });
    } catch (error) {
      await store.close();
      if ((error as { code?: string }).code === 'EADDRINUSE') throw new CliError(`Port ${options.port} is in use; choose another with --port.`);
      throw error;
    }
    process.stdout.write(`listening ${running.url}\n`);
    process.stdout.write(`Store: ${store.description}. Press Ctrl+C to stop.\n`);
    if (!loopback) process.stderr.write('Warning: the hub speaks plain HTTP. Put it behind a TLS reverse proxy (docs/hub.md).\n');
    const hubServer = running;
    await new Promise<void>((resolveStop) => {
      // Graceful: readiness turns 503 at once (the proxy stops sending), batches being stored finish
      // and are answered, then the store closes. A second signal, or a minute, stops it regardless.
      const stop = (signal: NodeJS.Signals) => {
        log.info('shutting down', { signal });
        const started = Date.now();
        const force = setTimeout(() => {
          log.error('shutdown took too long; stopping with requests unfinished');
          process.exit(1);
        }, SHUTDOWN_DEADLINE_MS);
        force.unref();
        process.once('SIGINT', () => process.exit(1));
        process.once('SIGTERM', () => process.exit(1));
        void hubServer.close().finally(() => {
          void store.close().finally(() => {
            clearTimeout(force);
            log.info('stopped', { ms: Date.now() - started });
            resolveStop();
          });
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });

  const token = hub.command('token').description('Hub tokens: one per person (console); the hub keeps only a hash of each.');

  addDataOption(
    token
      .command('create')
      .description('Create a token and print it once; name it exactly as the person is named on their console.')
      .requiredOption('--name <name>', 'the person the token belongs to (assignments are addressed to this name)')
      .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, parseRole),
  ).action(async (options: { data?: string; name: string; role: Role }) => {
    const created = await withStore(options, (store) => createToken(store, { name: options.name, role: options.role }, new Date()));
    process.stdout.write(`${created}\n`);
    process.stderr.write(`Created a ${options.role} token for "${options.name.trim()}". Copy it now: the hub keeps only its hash and cannot show it again.\n`);
  });

  addDataOption(
    token.command('list').description('List tokens (names, roles, dates; never the tokens).').option('--json', 'print JSON'),
  ).action(async (options: { data?: string; json?: boolean }) => {
    const tokens = await withStore(options, (store) => listTokens(store));
    if (options.json) {
      process.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
      return;
    }
    if (tokens.length === 0) {
      process.stdout.write('No tokens yet. Create one with: winback hub token create --name NAME --role ROLE\n');
      return;
    }
    for (const t of tokens) {
      const state = t.revokedAt ? `revoked ${t.revokedAt}` : t.lastUsedAt ? `last used ${t.lastUsedAt}` : 'never used';
      process.stdout.write(`${t.name}\t${t.role}\tcreated ${t.createdAt}\t${state}\n`);
    }
  });

  addDataOption(token.command('revoke').description('Revoke the live token with this name; the hub refuses it from then on.').argument('<name>')).action(
    async (name: string, options: { data?: string }) => {
      const revoked = await withStore(options, (store) => revokeToken(store, name, new Date()));
      if (!revoked) throw new CliError(`No live token is named "${name}".`);
      process.stdout.write(`Revoked the token of "${name}".\n`);
    },
  );
}
