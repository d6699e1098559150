import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { runReportTask, type ReportTask } from './tasks';

/**
 * The report worker: runs report SQL on a read-only connection of its own, so a report over a
 * million calls never freezes the console's main thread (IPC, the browser server, other channels).
 *
 * The connection is kept while reports keep coming (opening Trends asks for five at once, a filter
 * for five more): opening it, reading the schema and preparing the statements again for each report
 * was a fifth to a third of each one's time. It is closed once no report has come for IDLE_CLOSE_MS,
 * and at once when asked (`close`), so nothing stays open for long on a file the console may close,
 * restore over or move.
 */
export interface WorkerRequest {
  id: number;
  dbPath: string;
  task: ReportTask;
}
/** Closes the kept connection now; answered with the same id once closed. */
export interface WorkerClose {
  id: number;
  close: true;
}
export type WorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

export const IDLE_CLOSE_MS = 1000;

let kept: { path: string; db: Database.Database } | null = null;
let idle: ReturnType<typeof setTimeout> | null = null;

function closeKept(): void {
  if (idle) clearTimeout(idle);
  idle = null;
  kept?.db.close();
  kept = null;
}

function connection(path: string): Database.Database {
  if (kept && kept.path !== path) closeKept();
  if (!kept) {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      // Room for what one report reads (a month of calls, one person's calls) to stay in memory
      // between its statements and for its sorts, instead of SQLite's default 2 MB.
      db.pragma('cache_size = -65536');
    } catch (error) {
      db.close();
      throw error;
    }
    kept = { path, db };
  }
  return kept.db;
}

parentPort?.on('message', (request: WorkerRequest | WorkerClose) => {
  if ('close' in request) {
    closeKept();
    parentPort?.postMessage({ id: request.id, ok: true, value: null } satisfies WorkerResponse);
    return;
  }
  let response: WorkerResponse;
  try {
    response = { id: request.id, ok: true, value: runReportTask(connection(request.dbPath), request.task) };
  } catch (error) {
    // A failure may come from the connection itself (the file replaced, say): the next report opens anew.
    closeKept();
    response = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (idle) clearTimeout(idle);
  idle = kept ? setTimeout(closeKept, IDLE_CLOSE_MS) : null;
  // The idle close must not keep the worker (and so the console or a command) alive.
  idle?.unref();
  parentPort?.postMessage(response);
});
