import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, found from this file whether it runs from source (tsx) or from out/main. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    dir = dirname(dir);
  }
  return resolve(dirname(fileURLToPath(import.meta.url)), '../..');
}

export const DB_FILE_NAME = 'winback.db';

/** --db PATH wins, then WINBACK_DB, then the default folder (Electron's user-data folder). */
export function resolveDbPath(explicit: string | undefined, defaultDir: string): string {
  if (explicit) return resolve(explicit);
  if (process.env.WINBACK_DB) return resolve(process.env.WINBACK_DB);
  return join(defaultDir, DB_FILE_NAME);
}

/** Where the console keeps its data outside Electron, matching Electron's user-data folder. */
export function defaultDataDir(): string {
  const home = process.env.HOME ?? process.env.USERPROFILE ?? '.';
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Winback Console');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Winback Console');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Winback Console');
}
