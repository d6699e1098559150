import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/open';
import { createDispatcher, type Dispatch } from './dispatch';
import type { DesktopShell, Logger, ServiceDeps } from './types';
import { createStderrLogger } from './logger';
import { projectRoot } from './paths';
import { openConsoleDatabase, type ConsoleDatabase } from './database';

export interface Backend {
  /** The open database; throws while the console is in recovery mode (a damaged database). */
  readonly db: Db;
  deps: ServiceDeps;
  dispatch: Dispatch;
  dbPath: string;
  database: ConsoleDatabase;
  close(): void;
}

export interface BackendOptions {
  dbPath: string;
  log?: Logger;
  now?: () => Date;
  /**
   * The console itself (the window, `winback serve`): a database that fails its check at start opens
   * in recovery mode, which offers the newest good backup. Commands instead fail with one line.
   */
  recovery?: boolean;
  /** Take a backup each day the console runs (checked at start and every few hours), and apply the retention setting daily. */
  dailyBackups?: boolean;
  /** What only the desktop shell can do; absent under `winback serve` and the CLI. */
  desktop?: DesktopShell;
}

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Opens the database and wires the services; shared by the Electron main process, serve and the CLI. */
export function createBackend(options: BackendOptions): Backend {
  const log = options.log ?? createStderrLogger('warn');
  const now = options.now ?? (() => new Date());
  const database = openConsoleDatabase({
    path: options.dbPath,
    log,
    now,
    recovery: options.recovery === true,
    dailyBackups: options.dailyBackups === true,
  });
  const deps: ServiceDeps = {
    // Read at each use: a restore from recovery mode swaps the database under the running services.
    get db() {
      return database.db();
    },
    now,
    appVersion: appVersion(),
    log,
    dataDir: join(projectRoot(), 'data'),
    ...(options.desktop ? { desktop: options.desktop } : {}),
  };
  return {
    get db() {
      return database.db();
    },
    deps,
    dbPath: database.path,
    database,
    dispatch: database.gate(createDispatcher(deps)),
    close: () => database.close(),
  };
}
