import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where a worker thread's code is, and the Node options it needs to load it. */
export interface WorkerEntry {
  url: URL;
  execArgv: string[];
}

/**
 * Where a worker's code is: next to the calling file when running from source (through tsx, which
 * the worker loads too), or beside the bundled main process (electron.vite.config.ts builds each
 * worker as its own file next to index.js). Null when neither exists: the work then runs on the
 * calling thread.
 *
 * `caller` is the calling module's import.meta.url; `source` is the worker's file relative to it
 * and `bundled` the name of its build output.
 */
export function workerEntry(caller: string, source: string, bundled: string): WorkerEntry | null {
  if (caller.endsWith('.ts')) return { url: new URL(source, caller), execArgv: ['--import', 'tsx'] };
  const url = new URL(`./${bundled}`, caller);
  return existsSync(fileURLToPath(url)) ? { url, execArgv: [] } : null;
}
