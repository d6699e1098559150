/**
 * The backend's logger. Messages name events and ids, never customer names, phones or emails:
 * logs leave the desk in support tickets.
 */
export interface Logger {
  info(message: string, fields?: Record<string, string | number | boolean>): void;
  warn(message: string, fields?: Record<string, string | number | boolean>): void;
  error(message: string, fields?: Record<string, string | number | boolean>): void;
}

export function createStderrLogger(minLevel: 'info' | 'warn' | 'error' = 'info'): Logger {
  const order = { info: 0, warn: 1, error: 2 } as const;
  const write = (level: keyof typeof order) => (message: string, fields?: Record<string, string | number | boolean>) => {
    if (order[level] < order[minLevel]) return;
    const line = JSON.stringify({ at: new Date().toISOString(), level, message, ...fields });
    process.stderr.write(`${line}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
