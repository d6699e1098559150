/** Loose on purpose: the relay has the last word; this only keeps out what can never be an address. */
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** Whether a message can be addressed to this at all: the outreach sender and the keep-in-touch list ask the same. */
export function isEmailAddress(value: string | null): boolean {
  return value !== null && value.length <= 320 && EMAIL.test(value.trim());
}
