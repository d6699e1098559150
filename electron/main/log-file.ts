import type { NodeLogger } from 'electron-log';
import { join } from 'node:path';
import type { Logger } from '../backend/types';
import { redactingLogger, redactLogData } from '../backend/redact-log';
import { rotateLogFiles } from './log-rotation';

export const LOG_FILE_NAME = 'main.log';
/** About 6 MB of history per desk: the current file and five archives of 1 MB. */
export const MAX_LOG_BYTES = 1024 * 1024;
export const KEEP_ARCHIVES = 5;

/**
 * Points an electron-log instance at <logsDir>/main.log, rotated by size, with every line behind the
 * redaction guard, and adapts it to the backend's Logger. Takes the instance so tests can use
 * electron-log's Node flavour, which writes the same files without Electron.
 */
export function configureFileLog(
  log: NodeLogger,
  options: { logsDir: string; production: boolean; maxBytes?: number },
): Logger {
  const maxBytes = options.maxBytes ?? MAX_LOG_BYTES;
  log.transports.file.resolvePathFn = () => join(options.logsDir, LOG_FILE_NAME);
  log.transports.file.maxSize = maxBytes;
  log.transports.file.level = 'info';
  log.transports.file.archiveLogFn = (file) => {
    try {
      rotateLogFiles(file.path, KEEP_ARCHIVES);
    } catch {
      // A file held open elsewhere (an editor on Windows) cannot be renamed: start it afresh rather
      // than let it grow without bound.
      file.clear();
    }
  };
  log.transports.console.level = options.production ? false : 'warn';
  // Every line, whoever writes it (uncaught errors, libraries), passes the redaction guard.
  log.hooks.push((message) => ({ ...message, data: redactLogData(message.data) }));
  const write = (level: 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, string | number | boolean>) => {
    if (fields && Object.keys(fields).length > 0) log[level](message, JSON.stringify(fields));
    else log[level](message);
  };
  return redactingLogger({ info: write('info'), warn: write('warn'), error: write('error') });
}
