import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Db } from '../../../db/open';
import type { Logger } from '../types';
import type { CheckpointAnswer, CheckpointRequest } from './checkpointWorker';
import { workerEntry } from './entry';

/**
 * Below this much write-ahead log a checkpoint is quick (SQLite's own automatic checkpoint starts at
 * 1,000 pages, about 4 MB): it is left to the next commit, as usual.
 */
const BACKGROUND_FROM_BYTES = 4 * 1024 * 1024;

/** Set by tests that want the checkpoint of a large write taken on the calling thread. */
let enabled = true;
export function setBackgroundCheckpointEnabled(on: boolean): void {
  enabled = on;
}

/**
 * Runs `write` (one transaction that may write a hundred megabytes of log, an import) with SQLite's
 * automatic checkpoint held back, so its commit returns as soon as the log is synced, and then
 * copies the log into the database file on a worker thread, on the other core. SQLite's
 * documentation suggests this for writers that must answer quickly: the commit is durable once the
 * log is synced (synchronous=FULL); the checkpoint only moves pages. For 100,000 imported customers
 * the checkpoint is about 27,000 pages, some 0.17 s.
 *
 * Without a worker (an in-memory database, no worker build) the checkpoint is taken on this thread
 * straight after the commit, as SQLite would have.
 */
export function withCheckpointAfter<T>(db: Db, write: () => T, log?: Logger): T {
  if (db.memory) return write();
  const automatic = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    return write();
  } finally {
    db.pragma(`wal_autocheckpoint = ${automatic}`);
    if (automatic > 0 && walBytes(db.name) >= BACKGROUND_FROM_BYTES) checkpointSoon(db, log);
  }
}

function walBytes(dbPath: string): number {
  try {
    return statSync(`${dbPath}-wal`).size;
  } catch {
    return 0;
  }
}

/** Checkpoints that have finished on the worker in this process, for tests and diagnostics. */
let finished = 0;
let running: Promise<CheckpointAnswer | null> = Promise.resolve(null);

export function backgroundCheckpointsFinished(): number {
  return finished;
}

/** Resolves when the checkpoint started last has finished (tests; closing the console). */
export function checkpointSettled(): Promise<CheckpointAnswer | null> {
  return running;
}

function checkpointSoon(db: Db, log?: Logger): void {
  const entry = enabled ? workerEntry(import.meta.url, './checkpointWorker.ts', 'checkpoint-worker.js') : null;
  if (!entry) {
    db.pragma('wal_checkpoint(PASSIVE)');
    return;
  }
  const worker = new Worker(entry.url, { execArgv: entry.execArgv, workerData: { dbPath: db.name } satisfies CheckpointRequest });
  running = new Promise<CheckpointAnswer | null>((resolve) => {
    worker.once('message', (answer: CheckpointAnswer) => {
      if (answer.ok) finished += 1;
      else log?.warn('background checkpoint failed; the next commit takes it', { reason: answer.message ?? 'unknown' });
      resolve(answer);
    });
    worker.once('error', (error: Error) => {
      log?.warn('background checkpoint failed; the next commit takes it', { reason: error.message });
      resolve(null);
    });
    worker.once('exit', () => resolve(null));
  });
}
