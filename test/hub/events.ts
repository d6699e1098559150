import { randomUUID } from 'node:crypto';
import type { EventEnvelope, EventKind, EventPayload } from '../../shared/sync/events';
import { enqueueEvent } from '../../db/repos/outbox';
import type { Db } from '../../db/open';

/** Scripted events, shaped as the import and the call screen write them. */
export function departed(externalId: string, over: Partial<EventPayload<'customer.departed'>> = {}): EventPayload<'customer.departed'> {
  return {
    externalId,
    cycle: '2026-11',
    departedAt: '2026-11-03',
    statedReasonText: 'Price too high',
    statedReasonId: 'price.too-expensive',
    statedCategoryId: 'price',
    monthlyRevenue: 100,
    segment: 'Month-to-month',
    product: 'Fiber optic',
    frontlineTeam: 'Billing desk',
    ...over,
  };
}

export function completed(callId: string, externalId: string, over: Partial<EventPayload<'call.completed'>> = {}): EventPayload<'call.completed'> {
  return {
    callId,
    externalId,
    cycle: '2026-11',
    completedAt: '2026-11-16T10:00:00.000Z',
    callerId: 'p-agent',
    callerName: 'Alex Agent',
    callerRole: 'agent',
    outcome: 'declined',
    reasonConfirmed: true,
    diagnosedReasons: [{ reasonId: 'competitor.better-offer', categoryId: 'competitor', primary: true }],
    offers: [],
    monthlyRevenue: 100,
    segment: 'Month-to-month',
    product: 'Fiber optic',
    statedReasonId: 'price.too-expensive',
    frontlineTeam: 'Billing desk',
    ...over,
  };
}

export function amended(callId: string, over: Partial<EventPayload<'call.amended'>> = {}): EventPayload<'call.amended'> {
  return { callId, amendedAt: '2026-11-17T09:00:00.000Z', amendedBy: 'p-manager', ...over };
}

let seq = 0;
/** An envelope as a console would send it, for tests that post to the hub directly. */
export function envelope<K extends EventKind>(kind: K, payload: EventPayload<K>, consoleId = 'console-test'): EventEnvelope {
  seq += 1;
  return { id: randomUUID(), kind, consoleId, seq, occurredAt: '2026-11-16T10:00:00.000Z', payload };
}

/** Queues events in a console's outbox, as the change's own transaction would. */
export function enqueue(db: Db, events: readonly { kind: EventKind; payload: unknown }[], now = '2026-11-16T10:00:00.000Z'): void {
  db.transaction(() => {
    for (const e of events) enqueueEvent(db, e.kind, e.payload as never, now);
  })();
}
