import type { EventKind } from '../../shared/sync/events';

/** How ingest hands a batch's checked events to a store; each store brings its own writer (connect.ts). */

/** A checked event ready for the events table, with its payload parsed for the projections. */
export interface EventRow {
  id: string;
  kind: EventKind;
  consoleId: string;
  seq: number;
  occurredAt: string;
  subject: string;
  /** The record the event changes, for the binding to its token (trust.ts): the subject but for reviews, each its own record. */
  record: string;
  /** The payload as canonical JSON: what the events table keeps. */
  payloadText: string;
  /** SHA-256 of the canonical envelope: a resend must match it to count as a duplicate. */
  hash: string;
  payload: unknown;
}

/** What a store did with a batch's rows, inside the batch's transaction. */
export interface StoredBatch {
  /** The hub's receive number (rid) of each row it inserted, by event id. */
  inserted: Map<string, number>;
  /** The content hash the store already held for each row it did not insert, by event id. */
  held: Map<string, string>;
  /** Rows refused because they would change a record another token owns (trust.ts), with the reason, by event id. */
  refused: Map<string, string>;
}

/**
 * One batch's transaction in a store: rows are handed over part by part, in the batch's order, and
 * `close(true)` resolves once everything has committed durably. `close(false)` rolls back.
 */
export interface BatchWriter {
  write: (rows: readonly EventRow[]) => void;
  close: (commit: boolean) => Promise<StoredBatch>;
}
