import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { runReportTask, type ReportTask } from './tasks';

/**
 * The report worker: runs report SQL on a read-only connection of its own, so a report over a
 * million calls never freezes the console's main thread (IPC, the browser server, other channels).
 * A connection per task: nothing stays open on a file the console may close or move.
 */
export interface WorkerRequest {
  id: number;
  dbPath: string;
  task: ReportTask;
}
export type WorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

parentPort?.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    const db = new Database(request.dbPath, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      // Room for what one report reads (a month of calls, one person's calls) to stay in memory
      // between its statements and for its sorts, instead of SQLite's default 2 MB.
      db.pragma('cache_size = -65536');
      response = { id: request.id, ok: true, value: runReportTask(db, request.task) };
    } finally {
      db.close();
    }
  } catch (error) {
    response = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(response);
});
