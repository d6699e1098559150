import type { Db } from '../../../db/open';
import { countPendingEvents, markEventsSent, readPendingEvents, type OutboxRow } from '../../../db/repos/outbox';
import { audit } from '../../../db/repos/audit';
import { getSetting, setSetting } from '../../../db/repos/settings';
import type { EventEnvelope, EventKind } from '../../../shared/sync/events';
import { MAX_EVENTS_PER_BATCH } from '../../../shared/sync/hubApi';
import { HubRequestError, type HubClient } from './hubClient';
import { consoleId, SYNC_KEYS } from './settings';

/** Keeps a batch well under the hub's body limit whatever the events hold. */
export const MAX_BATCH_BYTES = 1024 * 1024;

export interface PushResult {
  /** Events the hub now holds that this run sent (accepted or already held). */
  sent: number;
  /** Events the hub refused for good; kept in the audit log with the hub's reason. */
  refused: number;
  /** Events still waiting on this desk. */
  pending: number;
  /** Why the run stopped early; null when the outbox was emptied (or the run's budget used up). */
  error: HubRequestError | null;
}

export interface PushOptions {
  now: () => Date;
  batchSize?: number;
  /** Stop after this many batches (a background round yields to the agent between rounds). */
  maxBatches?: number;
}

/** A payload that is not JSON (a damaged row) travels as text: the hub refuses it with a reason instead of it blocking the outbox. */
function payloadOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function envelope(row: OutboxRow, console: string): EventEnvelope {
  return {
    id: row.id,
    kind: row.kind as EventKind,
    consoleId: console,
    seq: row.seq,
    occurredAt: row.created_at,
    payload: payloadOf(row.payload),
  };
}

function batchOf(rows: readonly OutboxRow[], console: string): EventEnvelope[] {
  const batch: EventEnvelope[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.payload.length + 300;
    if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
    batch.push(envelope(row, console));
    bytes += size;
  }
  return batch;
}

// One push at a time per database in this process: the background loop, "Sync now" and the
// assignments pull share the outbox. (Another process pushing the same outbox is harmless: the hub
// answers "duplicate" and both mark the event sent.)
const running = new WeakMap<Db, Promise<unknown>>();

export function withSyncLock<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const previous = running.get(db) ?? Promise.resolve();
  const next = previous.then(work, work);
  running.set(db, next.catch(() => undefined));
  return next;
}

/**
 * Sends the outbox in seq order, one batch at a time, and marks an event sent only once the hub's
 * answer lists it: accepted or duplicate (the hub holds it) or refused for good (recorded with the
 * reason, never resent). A batch whose answer is lost is simply sent again; the hub's idempotent
 * ingest makes that harmless.
 */
export async function pushOutbox(db: Db, client: HubClient, options: PushOptions): Promise<PushResult> {
  let batchSize = Math.min(options.batchSize ?? MAX_EVENTS_PER_BATCH, MAX_EVENTS_PER_BATCH);
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const console = consoleId(db);
  let sent = 0;
  let refused = 0;
  let batches = 0;
  let error: HubRequestError | null = null;
  while (batches < maxBatches) {
    const rows = readPendingEvents(db, batchSize);
    if (rows.length === 0) break;
    const batch = batchOf(rows, console);
    let answer;
    try {
      answer = await client.postEvents(batch);
    } catch (e) {
      if (e instanceof HubRequestError && e.failure === 'too_large' && batchSize > 1) {
        batchSize = Math.max(1, Math.floor(batch.length / 2));
        continue;
      }
      if (e instanceof HubRequestError) {
        error = e;
        break;
      }
      throw e;
    }
    batches += 1;
    const inBatch = new Set(batch.map((e) => e.id));
    const held = [...answer.accepted, ...answer.duplicate].filter((id) => inBatch.has(id));
    const refusals = answer.rejected.filter((r) => r.id !== null && inBatch.has(r.id));
    const at = options.now().toISOString();
    db.transaction(() => {
      sent += markEventsSent(db, held, at);
      let newlyRefused = 0;
      for (const r of refusals) {
        if (r.id === null || markEventsSent(db, [r.id], at) === 0) continue;
        newlyRefused += 1;
        audit(db, { at, actorId: null, action: 'sync.refused', entity: 'outbox', entityId: r.id, detail: { reason: r.reason } });
      }
      if (newlyRefused > 0) setSetting(db, SYNC_KEYS.refused, (getSetting<number>(db, SYNC_KEYS.refused) ?? 0) + newlyRefused);
      refused += newlyRefused;
    })();
    if (held.length + refusals.length === 0) {
      // The hub answered without naming any event of the batch: sending it again would loop.
      error = new HubRequestError('protocol', 'The hub answered without acknowledging any event of the batch. Is the hub up to date?');
      break;
    }
  }
  return { sent, refused, pending: countPendingEvents(db), error };
}
