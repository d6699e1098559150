import type { EventPayload } from '../../shared/sync/events';
import { foldCall, type StoredEvent } from './projections';

/**
 * A call as org-wide offer economics and handle time count it, folded from the events the hub holds
 * (the `calls` projection keeps neither the offers nor the times): its latest completion, then every
 * amendment in receive order; its offers are the completion's, replaced by each amendment that names
 * offers; its times are the completion's (an amendment never changes them). Kept beside the
 * projections because ingest folds it too (effectProjection.ts), as the reference reads do.
 */
export type OfferAnswer = EventPayload<'call.completed'>['offers'][number];

export interface HubCall {
  callId: string;
  externalId: string;
  /** The cycle's id where the console sent it (newer consoles), else its name. */
  cycleKey: string | null;
  cycle: string | null;
  completedAt: string;
  callerId: string;
  callerName: string;
  callerRole: string;
  outcome: string;
  primaryReasonId: string | null;
  offers: readonly OfferAnswer[];
  timings: EventPayload<'call.completed'>['timings'];
  /** Receive order of the call's latest event: the later of two descriptions of an offer wins. */
  rid: number;
}

/** A call folded from its events in receive order (its latest completion, then each amendment); null before its completion is here. */
export function foldHeldCall(events: readonly StoredEvent[]): HubCall | null {
  const row = foldCall(events);
  const completion = events.filter((e) => e.kind === 'call.completed').at(-1);
  if (!row || !completion) return null;
  const p = completion.payload as EventPayload<'call.completed'>;
  let offers: readonly OfferAnswer[] = p.offers;
  for (const e of events) {
    const a = e.payload as EventPayload<'call.amended'>;
    if (e.kind === 'call.amended' && a.offers !== undefined) offers = a.offers;
  }
  return {
    callId: row.call_id,
    externalId: row.external_id,
    cycleKey: p.cycleId ?? p.cycle,
    cycle: p.cycle,
    completedAt: row.completed_at,
    callerId: p.callerId,
    callerName: p.callerName,
    callerRole: p.callerRole,
    outcome: row.outcome,
    primaryReasonId: row.primary_reason_id,
    offers,
    timings: p.timings ?? null,
    rid: Math.max(...events.map((e) => e.rid)),
  };
}

