/**
 * The message for a call to a channel outside the contract. Never String(channel): an object whose
 * toString is not a function would throw out of the dispatcher (found by test/unit/fuzz-api.test.ts).
 */
export function unknownChannelMessage(channel: unknown): string {
  return typeof channel === 'string'
    ? `There is no API channel named ${JSON.stringify(channel).slice(0, 80)}.`
    : `An API channel is named by a string, not by ${channel === null ? 'null' : `a ${typeof channel}`}.`;
}
