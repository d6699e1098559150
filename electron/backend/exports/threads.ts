import { Worker } from 'node:worker_threads';
import type { WorkerEntry } from '../workers/entry';
import type { ExportWorkerData, FromExportWorker, ToExportWorker } from './protocol';

/**
 * The young generation of a worker's heap, where its rows and CSV strings live and die within a
 * range: a larger one (V8 sizes it for a whole process) only made each worker bigger, the peak of a
 * million-call export about 240 MB instead of 200, for no measurable speed.
 */
const YOUNG_GENERATION_MB = 8;

/** What a worker sends about the range it is writing: where it ends, then its parts. */
export type RangeNews = Extract<FromExportWorker, { type: 'cut' | 'part' }>;
type Answer = Exclude<FromExportWorker, RangeNews | { type: 'failed' }>;

/**
 * One export worker seen from the coordinator: requests answered in turn (begin, count), news of
 * ranges handed to `onRange`, and any failure (a SQLite error, the thread dying) to `onFailure`.
 */
export class ExportThread {
  /** Resolves once the worker has loaded its code and opened its connection. */
  readonly booted: Promise<Answer>;
  /** Told where each range this thread writes ends, and its parts; the thread is idle after a range's last part. */
  onRange: (news: RangeNews) => void = () => undefined;
  private readonly worker: Worker;
  private waiting: { type: Answer['type']; resolve: (answer: Answer) => void } | null = null;
  private stopping = false;

  constructor(entry: WorkerEntry, data: ExportWorkerData, onFailure: (error: Error) => void) {
    this.worker = new Worker(entry.url, { execArgv: entry.execArgv, workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    this.booted = this.answer('booted');
    this.worker.on('message', (message: FromExportWorker) => {
      if (message.type === 'part' || message.type === 'cut') {
        this.onRange(message);
      } else if (message.type === 'failed') {
        onFailure(new Error(message.message));
      } else if (this.waiting?.type === message.type) {
        const { resolve } = this.waiting;
        this.waiting = null;
        resolve(message);
      } else {
        onFailure(new Error(`The export worker answered ${message.type} unasked.`));
      }
    });
    this.worker.on('error', onFailure);
    this.worker.on('exit', (code) => {
      if (!this.stopping) onFailure(new Error(`The export worker stopped (exit code ${code}).`));
    });
  }

  /** Sends a request and resolves with its answer (a failure arrives through onFailure instead). */
  ask<T extends Answer['type']>(message: ToExportWorker, answer: T): Promise<Extract<Answer, { type: T }>> {
    const reply = this.answer(answer);
    this.worker.postMessage(message);
    return reply as Promise<Extract<Answer, { type: T }>>;
  }

  send(message: ToExportWorker, transfer: ArrayBuffer[] = []): void {
    if (!this.stopping) this.worker.postMessage(message, transfer);
  }

  /** Ends the thread; its connection (and with it its read transaction) closes as it exits. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker.terminate();
  }

  private answer(type: Answer['type']): Promise<Answer> {
    if (this.waiting) throw new Error('An export worker was asked twice at once.');
    return new Promise((resolve) => {
      this.waiting = { type, resolve };
    });
  }
}
