import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Logger } from '../types';
import { workerEntry } from '../workers/entry';
import { ImportFileError } from './errors';
import { decodeRows, type MappedRow } from './mappedRows';
import { COUNTERS, POSTED, STOP, TAKEN, type ParseJob, type ParseMessage } from './parseProtocol';
import type { ParseRequest } from './parseWorker';

/** How long the first batch may take to come (the worker starting, the first chunk read). */
const START_TIMEOUT_MS = 30_000;
/** A worker that sends nothing for this long has died (it reads a 256 KiB chunk in milliseconds). */
const STALL_TIMEOUT_MS = 60_000;

/**
 * The file's rows as the parse worker maps them, a chunk at a time, taken synchronously: `next`
 * blocks until the worker has the next batch, so the import can take them inside its one write
 * transaction without an await there (nothing else may run on the connection in between).
 */
export interface RowStream {
  /** The next batch in file order; null at the end of the file. Throws what the worker hit. */
  next(): MappedRow[] | null;
  /** Whether the file had a header line; known once `next` has returned null. */
  readonly sawHeader: boolean;
  /** Stops the worker's reading (when the import ends early) and lets the port go. */
  close(): void;
}

/** Atomics.waitAsync (ES2024, in Node since 16), which the project's TypeScript library predates. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync: (
      array: Int32Array,
      index: number,
      value: number,
      timeout: number,
    ) => { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
  }
).waitAsync;

let shared: Worker | undefined;
let unavailable = false;
/** Imports reading on the worker now: it keeps the process alive only while there are some. */
let active = 0;

function hold(worker: Worker): void {
  active += 1;
  worker.ref();
}

function release(worker: Worker): void {
  active -= 1;
  if (active === 0) worker.unref();
}

/** Imports whose file the parse worker has read in this process, for tests and diagnostics. */
let streams = 0;

export function parseWorkerStreams(): number {
  return streams;
}

/** Set by tests that want imports read on the calling thread (and written after reading). */
export function setParseWorkerEnabled(enabled: boolean): void {
  unavailable = !enabled;
}

function startWorker(): Worker | null {
  if (shared) return shared;
  // Imports written as they are read (runImport) come from the command line, which runs from
  // source; the desktop app's Import screen previews first and writes later (uploads.ts), so its
  // bundle has no import worker and would read on the calling thread.
  const entry = workerEntry(import.meta.url, './parseWorker.ts', 'import-worker.js');
  if (!entry) return null;
  const worker = new Worker(entry.url, { execArgv: entry.execArgv });
  const forget = () => {
    if (shared === worker) shared = undefined;
  };
  worker.on('error', forget);
  worker.on('exit', forget);
  // An idle worker must not keep the CLI or a test process alive.
  worker.unref();
  shared = worker;
  return worker;
}

/** Starts the worker if it is not running, so it boots while the caller sniffs the file. */
export function warmParseWorker(): void {
  if (!unavailable) startWorker();
}

/**
 * Starts reading a file on the parse worker and waits for its first batch. Null when no worker can
 * run or it does not answer: the caller reads the file itself.
 */
export async function openRowStream(job: ParseJob, log?: Logger): Promise<RowStream | null> {
  if (unavailable) return null;
  const worker = startWorker();
  if (!worker) return null;
  const counters = new SharedArrayBuffer(COUNTERS * Int32Array.BYTES_PER_ELEMENT);
  const state = new Int32Array(counters);
  const { port1, port2 } = new MessageChannel();
  hold(worker);
  worker.postMessage({ job, port: port2, counters } satisfies ParseRequest, [port2]);
  let failure: Error | null = null;
  const onFailure = (error: Error) => {
    failure = error;
    // Wakes the wait below.
    Atomics.notify(state, POSTED);
  };
  const onExit = (code: number) => onFailure(new Error(`The import's parse worker stopped (exit code ${code}).`));
  worker.once('error', onFailure);
  worker.once('exit', onExit);
  try {
    const waited = waitAsync(state, POSTED, 0, START_TIMEOUT_MS);
    const outcome = waited.async ? await waited.value : waited.value;
    if (failure !== null || outcome === 'timed-out') {
      log?.warn('the import parse worker did not start; reading on the main thread', {
        error: failure === null ? 'timed out' : (failure as Error).message,
      });
      // A worker that answers late finds the job stopped.
      Atomics.store(state, STOP, 1);
      port1.close();
      release(worker);
      return null;
    }
  } finally {
    worker.off('error', onFailure);
    worker.off('exit', onExit);
  }
  streams += 1;
  return new WorkerRowStream(worker, port1, state);
}

class WorkerRowStream implements RowStream {
  sawHeader = false;
  private ended = false;
  private closed = false;

  constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly state: Int32Array,
  ) {}

  next(): MappedRow[] | null {
    const state = this.state;
    while (!this.ended) {
      const posted = Atomics.load(state, POSTED);
      const received = receiveMessageOnPort(this.port);
      if (received === undefined) {
        if (Atomics.wait(state, POSTED, posted, STALL_TIMEOUT_MS) === 'timed-out') {
          throw new Error(`The import's parse worker sent nothing for ${STALL_TIMEOUT_MS / 1000} s; nothing was imported.`);
        }
        continue;
      }
      Atomics.add(state, TAKEN, 1);
      Atomics.notify(state, TAKEN);
      const message = received.message as ParseMessage;
      if ('rows' in message) return decodeRows(message.rows);
      this.ended = true;
      if ('end' in message) {
        this.sawHeader = message.sawHeader;
        return null;
      }
      throw message.error.said ? new ImportFileError(message.error.said, message.error.line) : new Error(message.error.message);
    }
    return null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.state, STOP, 1);
    Atomics.notify(this.state, TAKEN);
    this.port.close();
    release(this.worker);
  }
}
