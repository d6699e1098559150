import { said } from '../../../shared/i18n/said';
import type { Db } from '../../../db/open';
import { countPendingEvents, markEventsSent, markSeqRangeSent, readPendingEventsAfter, type OutboxRow } from '../../../db/repos/outbox';
import { audit } from '../../../db/repos/audit';
import { getSetting, setSetting } from '../../../db/repos/settings';
import type { EventEnvelope, EventKind } from '../../../shared/sync/events';
import { BASE_EVENTS_PER_BATCH, MAX_EVENTS_PER_BATCH } from '../../../shared/sync/hubApi';
import { EncodedEvents, HubRequestError, type HubClient } from './hubClient';
import { consoleId, SYNC_KEYS } from './settings';

/** Keeps a batch well under the hub's default body limit (4 MiB) whatever the events hold. */
export const MAX_BATCH_BYTES = 2 * 1024 * 1024;

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

/** Events ready to send, encoded ahead; `after` is the seq just before the first of them. */
interface Batch {
  after: number;
  lastSeq: number;
  ids: Set<string>;
  body: EncodedEvents;
}

/** The unsent events after `after`, up to `limit` and MAX_BATCH_BYTES; null when there are none. */
function readBatch(db: Db, after: number, limit: number, console: string): Batch | null {
  const rows = readPendingEventsAfter(db, after, limit);
  const events: EventEnvelope[] = [];
  let bytes = 0;
  let lastSeq = after;
  for (const row of rows) {
    const size = row.payload.length + 300;
    if (events.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
    events.push(envelope(row, console));
    bytes += size;
    lastSeq = row.seq;
  }
  if (events.length === 0) return null;
  return { after, lastSeq, ids: new Set(events.map((e) => e.id)), body: new EncodedEvents(events) };
}

/**
 * Lets a request just started reach the socket before this desk blocks on its disk: fetch (undici)
 * reuses a kept-alive connection only after a full turn of the event loop, and checks an idle one
 * in another, so the request leaves on the second turn. Three turns leave room; they cost nothing
 * while the process is otherwise idle.
 */
async function letRequestOut(): Promise<void> {
  for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
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
 *
 * The desk's own work overlaps the hub's: the next batch is read and encoded while the hub stores
 * the current one, and goes out as soon as the current one is answered, before that answer is
 * written down here. Only one batch is ever at the hub, so the hub receives a console's events in
 * the console's order, which its projections rely on (receive order decides which description of
 * a customer or call is the latest).
 */
export async function pushOutbox(db: Db, client: HubClient, options: PushOptions): Promise<PushResult> {
  const ceiling = Math.min(options.batchSize ?? MAX_EVENTS_PER_BATCH, MAX_EVENTS_PER_BATCH);
  // Every hub takes BASE_EVENTS_PER_BATCH; larger batches once this hub's answer says it takes them.
  let batchSize = Math.min(ceiling, BASE_EVENTS_PER_BATCH);
  let shrunk = false;
  let sizeBeforeShrinking = batchSize;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const console = consoleId(db);
  let sent = 0;
  let refused = 0;
  let batches = 0;
  let error: HubRequestError | null = null;

  /** Marks what the hub answered for, and records refusals, in one transaction. */
  const record = (batch: Batch, held: readonly string[], refusals: readonly { id: string; reason: string }[]) => {
    const at = options.now().toISOString();
    db.transaction(() => {
      // The usual answer holds the whole batch: its seq range is marked in one statement.
      sent += new Set(held).size === batch.ids.size ? markSeqRangeSent(db, batch.after, batch.lastSeq, at) : markEventsSent(db, held, at);
      let newlyRefused = 0;
      for (const r of refusals) {
        if (markEventsSent(db, [r.id], at) === 0) continue;
        newlyRefused += 1;
        audit(db, { at, actorId: null, action: 'sync.refused', entity: 'outbox', entityId: r.id, detail: { reason: r.reason } });
      }
      if (newlyRefused > 0) setSetting(db, SYNC_KEYS.refused, (getSetting<number>(db, SYNC_KEYS.refused) ?? 0) + newlyRefused);
      refused += newlyRefused;
    })();
  };

  let current = maxBatches > 0 ? readBatch(db, 0, batchSize, console) : null;
  let answering = current ? client.postEvents(current.body) : null;
  while (current && answering) {
    // While the hub stores this batch, read and encode the one after it (within the run's budget).
    const next = batches + 1 < maxBatches ? readBatch(db, current.lastSeq, batchSize, console) : null;
    let answer;
    try {
      answer = await answering;
    } catch (e) {
      if (e instanceof HubRequestError && e.failure === 'too_large' && current.ids.size > 1) {
        if (!shrunk) sizeBeforeShrinking = batchSize;
        batchSize = Math.max(1, Math.floor(current.ids.size / 2));
        shrunk = true;
        current = readBatch(db, current.after, batchSize, console);
        answering = current ? client.postEvents(current.body) : null;
        continue;
      }
      if (e instanceof HubRequestError && e.failure === 'too_large') {
        // One event the hub refuses even alone would block every event behind it for ever: it is
        // set aside like any event the hub refuses for good (kept, with the reason, in the audit
        // log and counted as refused), and the rest go on.
        const [id] = current.ids;
        if (id !== undefined) {
          const kib = Math.ceil(Buffer.byteLength(current.body.json) / 1024);
          const reason = `The event is larger than the hub accepts in one request (${kib} KiB): set aside on this desk and not sent. The hub said: ${e.message}`;
          record(current, [], [{ id, reason }]);
        }
        batchSize = sizeBeforeShrinking;
        current = batches < maxBatches ? readBatch(db, current.lastSeq, batchSize, console) : null;
        answering = current ? client.postEvents(current.body) : null;
        continue;
      }
      if (e instanceof HubRequestError) {
        error = e;
        break;
      }
      throw e;
    }
    batches += 1;
    if (answer.maxEvents !== undefined && !shrunk) batchSize = Math.min(ceiling, answer.maxEvents);
    const inBatch = current.ids;
    const held = [...answer.accepted, ...answer.duplicate].filter((id) => inBatch.has(id));
    const refusals = answer.rejected.flatMap((r) => (r.id !== null && inBatch.has(r.id) ? [{ id: r.id, reason: r.reason }] : []));
    if (held.length + refusals.length === 0) {
      // The hub answered without naming any event of the batch: sending it again would loop.
      error = new HubRequestError('protocol', said('errors.hub.request.nothingAcknowledged'));
      break;
    }
    if (new Set([...held, ...refusals.map((r) => r.id)]).size < inBatch.size) {
      // Some events went unanswered: write down the rest, then go on from the oldest still unsent,
      // so nothing overtakes them.
      record(current, held, refusals);
      current = batches < maxBatches ? readBatch(db, current.after, batchSize, console) : null;
      answering = current ? client.postEvents(current.body) : null;
      continue;
    }
    answering = next ? client.postEvents(next.body) : null;
    if (answering) {
      // Its failure is handled when it is awaited, next time round; until then it must not count as unhandled.
      answering.catch(() => undefined);
      await letRequestOut();
    }
    record(current, held, refusals);
    current = next;
  }
  return { sent, refused, pending: countPendingEvents(db), error };
}
