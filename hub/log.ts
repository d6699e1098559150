/**
 * The hub's log: one JSON line per message on stderr. Messages name events, token names and
 * counts, never customer names, phones, emails or tokens.
 */
export interface HubLogger {
  info: (message: string, fields?: Record<string, string | number | boolean>) => void;
  error: (message: string, fields?: Record<string, string | number | boolean>) => void;
}

export function stderrHubLogger(): HubLogger {
  const write = (level: string) => (message: string, fields?: Record<string, string | number | boolean>) => {
    process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })}\n`);
  };
  return { info: write('info'), error: write('error') };
}

export const silentHubLogger: HubLogger = { info: () => {}, error: () => {} };
