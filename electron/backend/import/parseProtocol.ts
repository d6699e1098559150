import type { Said } from '../../../shared/i18n/said';
import type { ImportMapping } from '../../../shared/domain/importMapping';
import type { Sniffed } from './encoding';

/**
 * How the parse worker (parseWorker.ts) and the import on the main thread (parseThread.ts) talk.
 * Batches go over a MessagePort of the import's own; a shared array of counters lets the main
 * thread wait for the next batch synchronously, inside its write transaction, and lets the worker
 * wait when it is too far ahead.
 */
export interface ParseJob {
  path: string;
  sniffed: Sniffed;
  separator: ',' | ';';
  mapping: ImportMapping;
  today: string;
  /** Where the worker keeps the customer ids it has seen, when the file is too large to keep them in memory. */
  stagingPath: string;
}

export type ParseMessage =
  /** One chunk of the file's rows, encoded by encodeRows. */
  | { rows: unknown[] }
  | { end: true; sawHeader: boolean }
  /** `said`: the file cannot be read (an ImportFileError's sentence, with its line); otherwise a fault's message. */
  | { error: { message: string; line: number | null; said: Said | null } };

/** Indexes into the job's shared Int32Array. */
export const POSTED = 0;
export const TAKEN = 1;
export const STOP = 2;
export const COUNTERS = 3;

/**
 * Batches (a 256 KiB chunk of the file each) the worker may be ahead of the writes: enough that the
 * writes never wait for it, few enough that a file of any size holds a few MB of rows at a time.
 */
export const MAX_AHEAD = 8;
