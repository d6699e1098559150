import { ipcMain } from 'electron';
import log from 'electron-log/main';
import type { Logger } from '../backend/types';
import { configureFileLog } from './log-file';

/** The IPC channel electron-log opens for renderer logging on import. */
const ELECTRON_LOG_CHANNEL = '__ELECTRON_LOG__';

/**
 * The desktop console's log: <user data>/logs/main.log (log-file.ts). Only the main process logs:
 * electron-log's renderer channel is closed again, so the only IPC the main process answers is the
 * API contract. Uncaught errors are written to the log too, without a dialog.
 */
export function createFileLogger(options: { logsDir: string; production: boolean }): Logger {
  ipcMain.removeAllListeners(ELECTRON_LOG_CHANNEL);
  ipcMain.removeHandler(ELECTRON_LOG_CHANNEL);
  const logger = configureFileLog(log, options);
  log.errorHandler.startCatching({ showDialog: false });
  return logger;
}
