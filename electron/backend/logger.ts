import type { Logger } from './types';

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
