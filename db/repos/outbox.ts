import { randomFillSync } from 'node:crypto';
import type { Db } from '../open';
import { batchedInsert, prepared } from '../statements';
import type { EventKind, EventPayload } from '../../shared/sync/events';

/**
 * An event id: a UUID of version 7 (RFC 9562), whose first 48 bits are the time in milliseconds and
 * the rest random. Ids made one after another sort one after another, so the unique index on the
 * id (here and in the hub) grows at its end instead of touching a random page per event: a batch of
 * 500 events dirtied some 500 index pages with random ids, and the hub's commit wrote them all.
 * Uniqueness is the 74 random bits', as with version 4; the time in it is the desk's clock and
 * orders nothing (the console's sequence number does).
 */
export function newEventId(now: number = Date.now()): string {
  const b = randomBlock();
  b.writeUIntBE(now, 0, 6);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  let id = '';
  for (let i = 0; i < 16; i += 1) {
    id += HEX[b[i] ?? 0] ?? '00';
    if (i === 3 || i === 5 || i === 7 || i === 9) id += '-';
  }
  return id;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Random bytes drawn from the system's generator 64 KiB at a time and handed out 16 at a time: one
 * call to the generator per event cost more than writing the event (an import of 100,000 customers
 * spent a quarter of a second on them). Each block of 16 is used once.
 */
const pool = Buffer.alloc(64 * 1024);
let poolOffset = pool.length;
function randomBlock(): Buffer {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const block = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  return block;
}

/** Queues an event for the hub. Call inside the transaction that makes the change it describes. */
export function enqueueEvent<K extends EventKind>(db: Db, kind: K, payload: EventPayload<K>, now: string): string {
  const id = newEventId();
  prepared(db, 'INSERT INTO outbox (id, kind, payload, created_at) VALUES (?, ?, ?, ?)').run(
    id,
    kind,
    JSON.stringify(payload),
    now,
  );
  return id;
}

export function countPendingEvents(db: Db): number {
  return (prepared(db, 'SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL').get() as { n: number }).n;
}

export interface OutboxRow {
  seq: number;
  id: string;
  kind: string;
  payload: string;
  created_at: string;
}

/**
 * The oldest unsent events after `seq`, in the console's own order (seq), never by wall-clock time.
 * From 0 that is the next batch; from a batch still on its way to the hub, the one that follows it
 * (read while the hub works on that one, whose events are not marked sent yet).
 */
export function readPendingEventsAfter(db: Db, seq: number, limit: number): OutboxRow[] {
  return prepared(db, 'SELECT seq, id, kind, payload, created_at FROM outbox WHERE sent_at IS NULL AND seq > ? ORDER BY seq LIMIT ?')
    .all(seq, limit) as OutboxRow[];
}

/**
 * Marks events the hub has answered for (stored, or refused for good) so they are not sent again.
 * Only called after the hub's answer arrived; returns how many rows changed.
 */
export function markEventsSent(db: Db, ids: readonly string[], at: string): number {
  const mark = prepared(db, 'UPDATE outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL');
  let changed = 0;
  db.transaction(() => {
    for (const id of ids) changed += mark.run(at, id).changes;
  })();
  return changed;
}

/**
 * Marks every unsent event with a seq in (after, last]: a whole batch the hub answered for, read as
 * the unsent events after `after` up to `last` (later events get later seqs, so none can have
 * joined that range since). One statement instead of one per event; returns how many rows changed.
 */
export function markSeqRangeSent(db: Db, after: number, last: number, at: string): number {
  return prepared(db, 'UPDATE outbox SET sent_at = ? WHERE seq > ? AND seq <= ? AND sent_at IS NULL').run(at, after, last).changes;
}

/**
 * enqueueEvent for many events in one transaction (an import of 200,000 customers): the statement
 * is prepared once, where preparing it per event costs time and native memory the GC does not see.
 */
export function prepareEnqueueEvent(db: Db): <K extends EventKind>(kind: K, payload: EventPayload<K>, now: string) => string {
  const insert = prepared(db, 'INSERT INTO outbox (id, kind, payload, created_at) VALUES (?, ?, ?, ?)');
  return (kind, payload, now) => {
    const id = newEventId();
    insert.run(id, kind, JSON.stringify(payload), now);
    return id;
  };
}

/**
 * Events queued in groups (an import's 100,000 departures): rows go to SQLite several to an
 * INSERT. Call `flush` before anything else queues an event in the same transaction, and before it
 * ends, so the console's order (seq) stays the order the events were added in.
 */
export function prepareEventBatch(db: Db): {
  add: <K extends EventKind>(kind: K, payload: EventPayload<K>, now: string) => string;
  flush: () => void;
} {
  const inserts = batchedInsert(db, 'INSERT INTO outbox (id, kind, payload, created_at)', 4);
  return {
    add: (kind, payload, now) => {
      const id = newEventId();
      inserts.add([id, kind, JSON.stringify(payload), now]);
      return id;
    },
    flush: () => inserts.flush(),
  };
}
