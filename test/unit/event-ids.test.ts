import { describe, expect, it } from 'vitest';
import { EventEnvelope } from '../../shared/sync/events';
import { newEventId } from '../../db/repos/outbox';

describe('hub event ids', () => {
  it('are UUIDs of version 7 that the hub accepts, unique, and in the order they were made across milliseconds', () => {
    const t = Date.UTC(2026, 10, 16, 15);
    const earlier = newEventId(t);
    const later = newEventId(t + 1);
    expect(earlier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(earlier < later).toBe(true);
    // The first 48 bits are the time in milliseconds.
    expect(parseInt(earlier.replace(/-/g, '').slice(0, 12), 16)).toBe(t);
    const many = new Set(Array.from({ length: 10_000 }, () => newEventId(t)));
    expect(many.size).toBe(10_000);
    const envelope = { id: later, kind: 'customer.relost', consoleId: 'c', seq: 1, occurredAt: '2026-11-16T15:00:00Z', payload: {} };
    expect(EventEnvelope.safeParse(envelope).success).toBe(true);
  });
});
