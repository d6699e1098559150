import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/open';
import { createDispatcher, type Dispatch } from './dispatch';
import type { DesktopShell, ServiceDeps } from './deps';
import { createStderrLogger, type Logger } from './logger';
import { projectRoot } from './paths';

export interface Backend {
  db: Db;
  deps: ServiceDeps;
  dispatch: Dispatch;
  close(): void;
}

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Opens the database and wires the services; shared by the Electron main process, serve and the CLI. */
export function createBackend(options: { dbPath: string; log?: Logger; now?: () => Date; desktop?: DesktopShell }): Backend {
  const db = openDatabase(options.dbPath);
  const deps: ServiceDeps = {
    db,
    now: options.now ?? (() => new Date()),
    appVersion: appVersion(),
    log: options.log ?? createStderrLogger('warn'),
    dataDir: join(projectRoot(), 'data'),
    ...(options.desktop ? { desktop: options.desktop } : {}),
  };
  return { db, deps, dispatch: createDispatcher(deps), close: () => db.close() };
}
