import type { Db } from '../../db/open';
import type { Logger } from './logger';
import type { Theme } from '../../shared/api/preferences';

/**
 * What only the desktop shell can do, given by the Electron main process. Absent under
 * `winback serve` and the CLI, where the browser or the terminal does these things itself.
 */
export interface DesktopShell {
  /** Opens a checked tel:/sip:/callto: URL with the system's handler (main process allow-list). */
  openDialUrl: (url: string) => Promise<void>;
  /** Lets native menus and dialogs follow the console's theme. */
  applyTheme: (theme: Theme) => void;
}

/** What every service needs from the outside world, passed in so tests can substitute it. */
export interface ServiceDeps {
  db: Db;
  now: () => Date;
  appVersion: string;
  log: Logger;
  /** Where bundled data (the demo sample) lives. */
  dataDir: string;
  desktop?: DesktopShell;
}
