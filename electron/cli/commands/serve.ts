import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { createBackend } from '../../backend/create';
import { createStderrLogger } from '../../backend/logger';
import { redactingLogger } from '../../backend/redact-log';
import { projectRoot } from '../../backend/paths';
import { startServer } from '../../http/server';
import { startSyncLoop } from '../../backend/sync/loop';
import { startOutreachSender } from '../../backend/outreach/senderLoop';
import { startPresenceSender } from '../../backend/sync/presenceSender';
import { CliError } from './errors';
import { addDbOption, dbPathFrom } from './options';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  return port;
}

const LOG_LEVELS = ['info', 'warn', 'error'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

export function parseLogLevel(value: string): LogLevel {
  const level = LOG_LEVELS.find((l) => l === value);
  if (!level) throw new InvalidArgumentError(`a log level is one of ${LOG_LEVELS.join(', ')}.`);
  return level;
}

/** The built renderer; built on first use so `npx winback serve` works straight after install. */
export function ensureRendererBuilt(root: string): string {
  const dir = join(root, 'out', 'renderer');
  if (existsSync(join(dir, 'index.html'))) return dir;
  process.stderr.write('Building the console for the browser (first run only)…\n');
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0 || !existsSync(join(dir, 'index.html'))) throw new CliError('Building the console failed; see the messages above.');
  return dir;
}

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => process.stderr.write('Could not open a browser; open the address above yourself.\n'));
  child.unref();
}

export function registerServeCommand(program: Command): void {
  addDbOption(
    program
      .command('serve')
      .description('Run the console in a browser: serves it on 127.0.0.1 with a per-launch secret in the address.')
      .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, 4780)
      .option('--open', 'open the console in the default browser')
      .option('--log-level <level>', 'lowest level written to stderr as JSON lines: info, warn or error', parseLogLevel, 'warn' as LogLevel),
  ).action(async (options: { db?: string; port: number; open?: boolean; logLevel: LogLevel }) => {
    const rendererDir = ensureRendererBuilt(projectRoot());
    // Masked like the desktop's log file: a log pasted into a support ticket carries no customer data.
    const log = redactingLogger(createStderrLogger(options.logLevel));
    const backend = createBackend({ dbPath: dbPathFrom(options), recovery: true, dailyBackups: true, log });
    let server;
    try {
      server = await startServer({ dispatch: backend.dispatch, rendererDir, port: options.port });
    } catch (error) {
      backend.close();
      const code = (error as { code?: string }).code;
      if (code === 'EADDRINUSE') throw new CliError(`Port ${options.port} is in use; choose another with --port.`);
      throw error;
    }
    // Sends the outbox to the hub in the background when one is configured; idle otherwise.
    const syncLoop = startSyncLoop(backend.deps);
    // Sends queued outreach emails through the SMTP relay when one is configured; idle otherwise.
    const outreachSender = startOutreachSender(backend.deps);
    const presence = startPresenceSender(backend.deps);
    process.stdout.write(`listening ${server.url}\n`);
    process.stdout.write(`Database: ${backend.dbPath}. Press Ctrl+C to stop.\n`);
    if (backend.database.damaged()) {
      process.stderr.write('The database is damaged and was not opened; the console in the browser offers the newest good backup.\n');
    }
    if (options.open) openBrowser(server.url);
    const running = server;
    await new Promise<void>((resolveStop) => {
      const stop = () => {
        void Promise.all([syncLoop.stop(), outreachSender.stop(), presence.stop()])
          .then(() => running.close())
          .finally(() => {
            backend.close();
            resolveStop();
          });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });
}
