import { hash } from 'node:crypto';

/** JSON with object keys sorted at every level: equal content gives equal text, whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** What an event's content hash covers: its envelope without the id, keys in canonical order. */
export interface HashedEnvelope {
  consoleId: string;
  kind: string;
  occurredAt: string;
  seq: number;
}

/**
 * `canonicalJson({ ...envelope, payload })` from the payload's canonical text, so a payload is
 * written once per event rather than twice (its text is stored, the envelope's is hashed).
 */
export function canonicalEnvelope(envelope: HashedEnvelope, payloadText: string): string {
  return `{"consoleId":${JSON.stringify(envelope.consoleId)},"kind":${JSON.stringify(envelope.kind)},"occurredAt":${JSON.stringify(envelope.occurredAt)},"payload":${payloadText},"seq":${JSON.stringify(envelope.seq)}}`;
}

/** One-shot hashing: no Hash object per event (a batch hashes hundreds). */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
