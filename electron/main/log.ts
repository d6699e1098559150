import log from 'electron-log/main';
import type { Logger } from '../backend/logger';
import { configureFileLog } from './log-file';

/**
 * The desktop console's log: <user data>/logs/main.log (log-file.ts). Only the main process logs;
 * the renderer's console is not collected. Uncaught errors are written there too, without a dialog.
 */
export function createFileLogger(options: { logsDir: string; production: boolean }): Logger {
  const logger = configureFileLog(log, options);
  log.errorHandler.startCatching({ showDialog: false });
  return logger;
}
