import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/**
 * Copies the console database's write-ahead log into the database file, on a connection of its
 * own, then exits. PASSIVE: it never waits for the console's connection and never blocks it; pages
 * a reader still needs stay in the log for a later checkpoint. A crash or kill part-way is safe by
 * SQLite's design: the log stays whole until a writer starts it over.
 */
export interface CheckpointRequest {
  dbPath: string;
}

/** SQLite's answer: frames in the log, and how many of them are now in the database file. */
export interface CheckpointAnswer {
  ok: boolean;
  log: number;
  checkpointed: number;
  message?: string;
}

const { dbPath } = workerData as CheckpointRequest;
let answer: CheckpointAnswer;
try {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // As on the console's own connection: the file is synced before the log may be started over.
    db.pragma('synchronous = FULL');
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    answer = { ok: true, log: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
  } finally {
    db.close();
  }
} catch (error) {
  answer = { ok: false, log: 0, checkpointed: 0, message: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(answer);
