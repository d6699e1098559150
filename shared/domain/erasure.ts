/**
 * What an erasure leaves behind, the same on every desk and at the hub, so an event rewritten on
 * the desk that erased and the same event rewritten at the hub read (and hash) alike.
 *
 * An erased customer is known everywhere only by one-way hashes of their id, number and email
 * (`sha256:` over ERASED_HASH_PREFIX and the value; the desks and the hub compute it with their own
 * crypto, shared/ has none). The anonymous id their records keep is derived from the id's hash.
 */
export const ERASED_HASH_PREFIX = 'winback.erased.v1:';

/** What replaces a free text that may quote the customer. */
export const ERASED_TEXT = '(erased)';

/** `sha256:` and 64 hexadecimal characters. */
export const HASHED_KEY_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** The anonymous id an erased customer's records keep (reports still count them as one customer). */
export function erasedIdFromHash(idHash: string): string {
  return `erased-${idHash.slice(7, 23)}`;
}

/**
 * An event's payload with the customer's personal data taken out: their id becomes the anonymous
 * one, and the texts that may quote them (the stated reason as written, feedback, amendment notes)
 * become ERASED_TEXT. Returns null when the event is not about this customer.
 */
export function erasedPayload(
  kind: string,
  payload: Record<string, unknown>,
  externalId: string,
  erasedAs: string,
  customerCalls: ReadonlySet<string>,
): Record<string, unknown> | null {
  const mine = payload.externalId === externalId || (typeof payload.callId === 'string' && customerCalls.has(payload.callId));
  if (!mine) return null;
  const out = { ...payload };
  if (out.externalId === externalId) out.externalId = erasedAs;
  if ('statedReasonText' in out && out.statedReasonText !== null) out.statedReasonText = ERASED_TEXT;
  if (kind === 'feedback.recorded') out.text = ERASED_TEXT;
  if (kind === 'call.amended' && 'note' in out) out.note = ERASED_TEXT;
  return out;
}
