import type { Db } from '../../db/open';
import type { Logger } from './logger';

/** What every service needs from the outside world, passed in so tests can substitute it. */
export interface ServiceDeps {
  db: Db;
  now: () => Date;
  appVersion: string;
  log: Logger;
  /** Where bundled data (the demo sample) lives. */
  dataDir: string;
}
