import log from 'electron-log/main';
import { join } from 'node:path';
import type { Logger } from '../backend/logger';
import { redactingLogger, redactLogData } from '../backend/redact-log';
import { rotateLogFiles } from './log-rotation';

export const LOG_FILE_NAME = 'main.log';
/** About 5 MB of history per desk: five archives of 1 MB next to the current file. */
const MAX_LOG_BYTES = 1024 * 1024;
const KEEP_ARCHIVES = 5;

/**
 * The desktop console's log: electron-log writing to <user data>/logs/main.log, rotated by size,
 * behind the redaction guard. Only the main process logs; the renderer's console is not collected.
 */
export function createFileLogger(options: { logsDir: string; production: boolean }): Logger {
  log.transports.file.resolvePathFn = () => join(options.logsDir, LOG_FILE_NAME);
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.file.level = 'info';
  log.transports.file.archiveLogFn = (file) => rotateLogFiles(file.path, KEEP_ARCHIVES);
  log.transports.console.level = options.production ? false : 'warn';
  // Every line, whoever writes it (uncaught errors, the updater), passes the redaction guard.
  log.hooks.push((message) => ({ ...message, data: redactLogData(message.data) }));
  log.errorHandler.startCatching({ showDialog: false });
  const write = (level: 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, string | number | boolean>) => {
    if (fields && Object.keys(fields).length > 0) log[level](message, JSON.stringify(fields));
    else log[level](message);
  };
  return redactingLogger({ info: write('info'), warn: write('warn'), error: write('error') });
}
