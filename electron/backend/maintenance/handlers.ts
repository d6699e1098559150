import type { HandlerGroup } from '../types';
import { healthyStatus } from './status';
import { appError } from '../i18n/errors';

/** On a healthy database the channels report; replacing a database in use is the command line's job. */
export const maintenanceHandlers: HandlerGroup<'maintenance.status' | 'maintenance.restoreBackup'> = {
  'maintenance.status': (deps) => healthyStatus(deps.db),
  'maintenance.restoreBackup': () => {
    throw appError('conflict', 'maintenance.healthy');
  },
};
