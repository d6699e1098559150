import { Worker } from 'node:worker_threads';
import type { Db } from '../../../db/open';
import type { Logger } from '../types';
import { workerEntry, type WorkerEntry } from '../workers/entry';
import { runReportTask, type ReportTask, type ReportTaskResult } from './tasks';
import type { WorkerClose, WorkerRequest, WorkerResponse } from './worker';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * What the first screen of Trends waits for: the totals and the Pareto chart (the reasons, not by
 * period) and the recovery totals. Asked after a filter while the panels of the one before are still
 * waiting, they are handed to the worker before those.
 */
export function answersFirst(task: ReportTask): boolean {
  return (task.kind === 'reasons' && task.query.group === undefined) || task.kind === 'recovery';
}

class ReportWorker {
  /** Tasks the worker has answered, for tests and diagnostics. */
  answered = 0;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Ids of `release` messages: their answers are not reports. */
  private readonly closing = new Set<number>();
  /**
   * Reports not yet handed to the worker. It is given one at a time (it answers one at a time
   * anyway), so a report the screen waits for, asked later, goes before those asked earlier.
   */
  private readonly waiting: { request: WorkerRequest; first: boolean }[] = [];
  /** The id of the report the worker is working out, if any. */
  private working: number | null = null;

  constructor(private readonly entry: WorkerEntry) {}

  run(dbPath: string, task: ReportTask): Promise<unknown> {
    this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.waiting.push({ request: { id, dbPath, task }, first: answersFirst(task) });
      this.handOver();
    });
  }

  private handOver(): void {
    const worker = this.worker;
    if (!worker || this.working !== null || this.waiting.length === 0) return;
    const urgent = this.waiting.findIndex((w) => w.first);
    const [next] = this.waiting.splice(urgent >= 0 ? urgent : 0, 1);
    if (!next) return;
    this.working = next.request.id;
    worker.ref();
    worker.postMessage(next.request satisfies WorkerRequest);
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
      if (this.working === response.id) this.working = null;
      this.handOver();
      if (response.ok) p.resolve(response.value);
      else p.reject(new Error(response.message));
    });
    const fail = (error: Error) => {
      this.worker = null;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
      this.closing.clear();
      this.waiting.length = 0;
      this.working = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The report worker stopped (exit code ${code}).`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

/**
 * Two workers, each with its own connection: Trends' reports (tens of milliseconds each, asked as a
 * person clicks) on one; the manager's slower reports on the other (working out "Did it work" reads
 * every call and touch, seconds over a year of calls). A worker answers one task at a time, so on one
 * worker a filter chosen while the slow one ran would wait for it.
 */
export type ReportLane = 'trends' | 'slow';

const LANE: Record<ReportTask['kind'], ReportLane> = {
  reasons: 'trends',
  recovery: 'trends',
  offerMatrix: 'trends',
  agreement: 'trends',
  offerEconomics: 'slow',
  attribution: 'slow',
};

export const laneOf = (task: ReportTask): ReportLane => LANE[task.kind];

/** Undefined until first used; null when every report runs on the calling thread. */
let lanes: { entry: WorkerEntry; workers: Map<ReportLane, ReportWorker> } | null | undefined;

/** How many report tasks the worker threads have answered in this process (one lane, or both). */
export function reportWorkerAnswered(lane?: ReportLane): number {
  let n = 0;
  for (const [name, worker] of lanes?.workers ?? []) if (lane === undefined || name === lane) n += worker.answered;
  return n;
}

/**
 * Closes the read-only connections the report workers keep between reports (each closes by itself a
 * second after its last one): before the console closes, restores over or moves its database file.
 */
export async function releaseReportConnections(): Promise<void> {
  await Promise.all([...(lanes?.workers.values() ?? [])].map((w) => w.release()));
}

/** Set by tests and tools that want every report on the calling thread. */
export function setReportWorkerEnabled(enabled: boolean): void {
  lanes = enabled ? undefined : null;
}

function workerFor(lane: ReportLane): ReportWorker | null {
  if (lanes === undefined) {
    const entry = workerEntry(import.meta.url, './worker.ts', 'report-worker.js');
    lanes = entry ? { entry, workers: new Map() } : null;
  }
  if (lanes === null) return null;
  let worker = lanes.workers.get(lane);
  if (!worker) {
    worker = new ReportWorker(lanes.entry);
    lanes.workers.set(lane, worker);
  }
  return worker;
}

/**
 * Runs a report task on its lane's worker thread when the database is a file and the worker can
 * start; otherwise (an in-memory database, no worker build, or a worker that failed) on this thread,
 * with the same result.
 */
export async function runReport<T extends ReportTask>(db: Db, task: T, log?: Logger): Promise<ReportTaskResult<T>> {
  const worker = db.memory ? null : workerFor(laneOf(task));
  if (worker) {
    try {
      return (await worker.run(db.name, task)) as ReportTaskResult<T>;
    } catch (error) {
      log?.warn('report worker failed; running the report on the main thread', {
        kind: task.kind,
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }
  return runReportTask(db, task);
}
