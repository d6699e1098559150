import { AppError } from '../../../shared/api/result';
import type { HandlerGroup } from '../types';
import { healthyStatus } from './status';

/** On a healthy database the channels report; replacing a database in use is the command line's job. */
export const maintenanceHandlers: HandlerGroup<'maintenance.status' | 'maintenance.restoreBackup'> = {
  'maintenance.status': (deps) => healthyStatus(deps.db),
  'maintenance.restoreBackup': () => {
    throw new AppError(
      'conflict',
      'The database is healthy, so the console will not replace it. To go back to a backup, close the console and run `npx winback restore FILE`.',
    );
  },
};
