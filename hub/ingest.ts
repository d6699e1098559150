import { sql, type Transaction } from 'kysely';
import { parseEvent, type EventEnvelope, type EventKind } from '../shared/sync/events';
import type { IngestResponse, RejectedEvent } from '../shared/sync/hubApi';
import type { HubStore } from './store/connect';
import type { HubDatabase } from './store/schema';
import { canonicalJson, sha256Hex } from './canonical';
import { projectCalls, projectDepartures, type StoredEvent } from './projections';

/** Rows per INSERT: well under the bind-parameter limits of both stores. */
const CHUNK = 400;
/** Any fixed number: PostgreSQL ingests take this advisory lock so projections see one order. */
const INGEST_LOCK = 72_431;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What projections look an event up by. */
export function subjectOf(event: EventEnvelope): string {
  const p = event.payload as Record<string, unknown>;
  const key: Record<EventKind, string> = {
    'customer.departed': 'externalId',
    'call.completed': 'callId',
    'call.amended': 'callId',
    'feedback.recorded': 'feedbackId',
    'review.completed': 'externalId',
    'customer.relost': 'externalId',
  };
  return String(p[key[event.kind]]);
}

function readableId(raw: unknown): string | null {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string' && raw.id.length <= 100) return raw.id;
  return null;
}

interface Candidate {
  event: EventEnvelope;
  hash: string;
  payload: string;
  index: number;
}

/**
 * Stores a console's batch. Idempotent on the event id: an event already held is a duplicate when
 * its content is identical and is refused (never overwritten) when it differs. A bad event is
 * refused with its reason; the good ones of the same batch are kept. Everything the batch changes
 * commits together, so a hub killed mid-batch has either all of it or none of it.
 */
export async function ingestBatch(store: HubStore, raw: readonly unknown[], sentBy: string, now: Date): Promise<IngestResponse> {
  const rejected: RejectedEvent[] = [];
  const duplicate: string[] = [];
  const candidates: Candidate[] = [];
  const inBatch = new Map<string, string>();

  raw.forEach((item, index) => {
    const parsed = parseEvent(item);
    if (!parsed.ok) {
      rejected.push({ id: readableId(item), index, reason: parsed.reason });
      return;
    }
    const { id, payload, ...envelope } = parsed.event;
    const payloadText = canonicalJson(payload);
    const hash = sha256Hex(canonicalJson({ ...envelope, payload }));
    const seen = inBatch.get(id);
    if (seen !== undefined) {
      if (seen === hash) duplicate.push(id);
      else rejected.push({ id, index, reason: 'This batch holds two different events with the same id.' });
      return;
    }
    inBatch.set(id, hash);
    candidates.push({ event: parsed.event, hash, payload: payloadText, index });
  });

  const accepted: string[] = [];
  if (candidates.length > 0) {
    await store.db.transaction().execute(async (trx) => {
      if (store.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${INGEST_LOCK})`.execute(trx);
      const stored = await insertNew(trx, candidates, sentBy, now.toISOString());
      const insertedIds = new Set(stored.map((s) => s.id));
      const clashes = candidates.filter((c) => !insertedIds.has(c.event.id));
      await sortClashes(trx, clashes, duplicate, rejected);
      for (const c of candidates) if (insertedIds.has(c.event.id)) accepted.push(c.event.id);
      await projectDepartures(trx, stored);
      await projectCalls(trx, stored);
    });
  }
  rejected.sort((a, b) => a.index - b.index);
  return { accepted, duplicate, rejected };
}

async function insertNew(trx: Transaction<HubDatabase>, candidates: Candidate[], sentBy: string, receivedAt: string): Promise<(StoredEvent & { id: string })[]> {
  const stored: (StoredEvent & { id: string })[] = [];
  for (const part of chunks(candidates)) {
    const rows = await trx
      .insertInto('events')
      .values(
        part.map((c) => ({
          id: c.event.id,
          kind: c.event.kind,
          console_id: c.event.consoleId,
          seq: c.event.seq,
          occurred_at: c.event.occurredAt,
          subject: subjectOf(c.event),
          payload: c.payload,
          content_hash: c.hash,
          sent_by: sentBy,
          received_at: receivedAt,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .returning(['id', 'rid'])
      .execute();
    const ridOf = new Map(rows.map((r) => [r.id, Number(r.rid)]));
    for (const c of part) {
      const rid = ridOf.get(c.event.id);
      if (rid !== undefined) stored.push({ id: c.event.id, rid, kind: c.event.kind, payload: c.event.payload });
    }
  }
  // RETURNING order is not promised by either store; projections need receive order.
  stored.sort((a, b) => a.rid - b.rid);
  return stored;
}

async function sortClashes(trx: Transaction<HubDatabase>, clashes: Candidate[], duplicate: string[], rejected: RejectedEvent[]): Promise<void> {
  for (const part of chunks(clashes)) {
    const held = await trx
      .selectFrom('events')
      .select(['id', 'content_hash'])
      .where('id', 'in', part.map((c) => c.event.id))
      .execute();
    const hashOf = new Map(held.map((h) => [h.id, h.content_hash]));
    for (const c of part) {
      if (hashOf.get(c.event.id) === c.hash) duplicate.push(c.event.id);
      else {
        rejected.push({
          id: c.event.id,
          index: c.index,
          reason: 'The hub already holds a different event with this id; the one it holds was kept unchanged.',
        });
      }
    }
  }
}
