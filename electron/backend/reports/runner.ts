import { Worker } from 'node:worker_threads';
import type { Db } from '../../../db/open';
import type { Logger } from '../types';
import { workerEntry, type WorkerEntry } from '../workers/entry';
import { runReportTask, type ReportTask, type ReportTaskResult } from './tasks';
import type { WorkerClose, WorkerRequest, WorkerResponse } from './worker';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

class ReportWorker {
  /** Tasks the worker has answered, for tests and diagnostics. */
  answered = 0;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Ids of `release` messages: their answers are not reports. */
  private readonly closing = new Set<number>();

  constructor(private readonly entry: WorkerEntry) {}

  run(dbPath: string, task: ReportTask): Promise<unknown> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, dbPath, task } satisfies WorkerRequest);
    });
  }

  /** Closes the connection the worker keeps between reports; nothing to do when it is not running. */
  release(): Promise<void> {
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    const id = this.nextId++;
    return new Promise((resolve) => {
      // Settled either way: a worker that stopped has no connection left to close.
      this.pending.set(id, { resolve: () => resolve(), reject: () => resolve() });
      this.closing.add(id);
      worker.ref();
      worker.postMessage({ id, close: true } satisfies WorkerClose);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.entry.url, { execArgv: this.entry.execArgv });
    worker.on('message', (response: WorkerResponse) => {
      const p = this.pending.get(response.id);
      this.pending.delete(response.id);
      // An idle worker must not keep the CLI or a test process alive.
      if (this.pending.size === 0) worker.unref();
      if (!p) return;
      if (this.closing.delete(response.id)) {
        p.resolve(null);
        return;
      }
      this.answered += 1;
      if (response.ok) p.resolve(response.value);
      else p.reject(new Error(response.message));
    });
    const fail = (error: Error) => {
      this.worker = null;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
      this.closing.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The report worker stopped (exit code ${code}).`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

let shared: ReportWorker | null | undefined;

/** How many report tasks the worker thread has answered in this process. */
export function reportWorkerAnswered(): number {
  return shared?.answered ?? 0;
}

/**
 * Closes the read-only connection the report worker keeps between reports (it closes by itself a
 * second after the last one): before the console closes, restores over or moves its database file.
 */
export function releaseReportConnections(): Promise<void> {
  return shared ? shared.release() : Promise.resolve();
}

/** Set by tests and tools that want every report on the calling thread. */
export function setReportWorkerEnabled(enabled: boolean): void {
  shared = enabled ? undefined : null;
}

/**
 * Runs a report task on the worker thread when the database is a file and the worker can start;
 * otherwise (an in-memory database, no worker build, or a worker that failed) on this thread,
 * with the same result.
 */
export async function runReport<T extends ReportTask>(db: Db, task: T, log?: Logger): Promise<ReportTaskResult<T>> {
  if (shared === undefined) {
    const entry = workerEntry(import.meta.url, './worker.ts', 'report-worker.js');
    shared = entry ? new ReportWorker(entry) : null;
  }
  if (shared && !db.memory) {
    try {
      return (await shared.run(db.name, task)) as ReportTaskResult<T>;
    } catch (error) {
      log?.warn('report worker failed; running the report on the main thread', {
        kind: task.kind,
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }
  return runReportTask(db, task);
}
