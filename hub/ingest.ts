import { parseEvent, type EventEnvelope, type EventKind } from '../shared/sync/events';
import type { IngestResponse, RejectedEvent } from '../shared/sync/hubApi';
import type { HubStore } from './store/connect';
import { canonicalEnvelope, canonicalJson, sha256Hex } from './canonical';
import type { BatchWriter, EventRow } from './store/batch';
import { recordOf, type BatchSender } from './store/trust';

/** Events checked at a time: a store that works in a process of its own stores one part while the next is checked. */
const PART = 500;

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
    'pause.recorded': 'pauseId',
    'cycle.control': 'cycle',
    'customer.grouped': 'externalId',
    'customer.returned': 'externalId',
    'offer.defined': 'offerId',
  };
  return String(p[key[event.kind]]);
}

function readableId(raw: unknown): string | null {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string' && raw.id.length <= 100) return raw.id;
  return null;
}

/** Lets a store's answers in, and its next statements out, between two parts of a batch. */
function yieldToStore(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Stores a console's batch, each event bound to the token that sent it (store/trust.ts: an event
 * that would change a record another token owns is refused, unless the token is a manager's).
 * Idempotent on the event id: an event already held is a duplicate when
 * its content is identical and is refused (never overwritten) when it differs. A bad event is
 * refused with its reason; the good ones of the same batch are kept. Everything the batch changes
 * commits together, so a hub killed mid-batch has either all of it or none of it, and this answers
 * only once that commit is durable.
 */
export async function ingestBatch(store: HubStore, raw: readonly unknown[], sender: BatchSender, now: Date): Promise<IngestResponse> {
  const rejected: RejectedEvent[] = [];
  const duplicate: string[] = [];
  const rows: EventRow[] = [];
  const indexOf = new Map<string, number>();
  const inBatch = new Map<string, string>();
  let writer: BatchWriter | null = null;

  try {
    for (let start = 0; start < raw.length; start += PART) {
      const part: EventRow[] = [];
      for (let index = start; index < Math.min(raw.length, start + PART); index += 1) {
        const item = raw[index];
        const parsed = parseEvent(item);
        if (!parsed.ok) {
          rejected.push({ id: readableId(item), index, reason: parsed.reason });
          continue;
        }
        const event = parsed.event;
        const payloadText = canonicalJson(event.payload);
        const hash = sha256Hex(canonicalEnvelope(event, payloadText));
        const seen = inBatch.get(event.id);
        if (seen !== undefined) {
          if (seen === hash) duplicate.push(event.id);
          else rejected.push({ id: event.id, index, reason: 'This batch holds two different events with the same id.' });
          continue;
        }
        inBatch.set(event.id, hash);
        indexOf.set(event.id, index);
        const subject = subjectOf(event);
        part.push({
          id: event.id,
          kind: event.kind,
          consoleId: event.consoleId,
          seq: event.seq,
          occurredAt: event.occurredAt,
          subject,
          record: recordOf(event.kind, subject, event.payload),
          payloadText,
          hash,
          payload: event.payload,
        });
      }
      if (part.length === 0) continue;
      writer ??= store.openBatchWriter(sender, now.toISOString());
      writer.write(part);
      rows.push(...part);
      if (start + PART < raw.length) await yieldToStore();
    }
  } catch (error) {
    await writer?.close(false).catch(() => undefined);
    throw error;
  }

  const accepted: string[] = [];
  if (writer) {
    const stored = await writer.close(true);
    for (const row of rows) {
      const refusal = stored.refused.get(row.id);
      if (stored.inserted.has(row.id)) accepted.push(row.id);
      else if (refusal !== undefined) rejected.push({ id: row.id, index: indexOf.get(row.id) ?? -1, reason: refusal });
      else if (stored.held.get(row.id) === row.hash) duplicate.push(row.id);
      else {
        rejected.push({
          id: row.id,
          index: indexOf.get(row.id) ?? -1,
          reason: 'The hub already holds a different event with this id; the one it holds was kept unchanged.',
        });
      }
    }
  }
  rejected.sort((a, b) => a.index - b.index);
  return { accepted, duplicate, rejected };
}
