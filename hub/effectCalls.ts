import { sql } from 'kysely';
import type { CostModel } from '../shared/domain/effect';
import type { EventKind, EventPayload } from '../shared/sync/events';
import { foldHeldCall, type HubCall } from './store/effectCallFold';
import type { StoredEvent } from './store/projections';
import type { HubStore } from './store/connect';

/**
 * The calls, offers and returns org-wide offer economics and handle time are counted from, read
 * back from the events the hub holds (each call folded by effectCallFold.ts).
 */
export { foldHeldCall, type HubCall } from './store/effectCallFold';

interface Held {
  rid: number | string;
  kind: string;
  subject: string;
  payload: string;
}

async function eventsOf(store: HubStore, kinds: readonly EventKind[]): Promise<Held[]> {
  const r = await sql<Held>`SELECT rid, kind, subject, payload FROM events WHERE kind IN (${sql.join(kinds)}) ORDER BY rid`.execute(store.db);
  return r.rows;
}

/** Every completed call the hub holds, with its amendments applied (the reference the kept cells are checked against). */
export async function heldCalls(store: HubStore): Promise<HubCall[]> {
  const bySubject = new Map<string, StoredEvent[]>();
  for (const h of await eventsOf(store, ['call.completed', 'call.amended'])) {
    const list = bySubject.get(h.subject) ?? [];
    list.push({ rid: Number(h.rid), kind: h.kind as EventKind, payload: JSON.parse(h.payload) as unknown });
    bySubject.set(h.subject, list);
  }
  const calls: HubCall[] = [];
  for (const events of bySubject.values()) {
    const call = foldHeldCall(events);
    if (call) calls.push(call);
  }
  return calls;
}

/** Whether a call belongs to the cycle asked for, by id or (case aside) by name; every call without one. */
export function inCycle(call: HubCall, cycle: string | undefined): boolean {
  if (cycle === undefined) return true;
  return call.cycleKey === cycle || (call.cycle !== null && call.cycle.toLowerCase() === cycle.toLowerCase());
}

export interface OfferDefinition {
  name: string;
  cost: CostModel;
}

/**
 * Each offer's name and cost model as last described to the hub: by the playbook change that sent
 * it (`offer.defined`) or by a call that answered it, whichever arrived later. An offer no console
 * described (older consoles sent neither) is named by its id and costs nothing.
 */
export async function offerDefinitions(store: HubStore, calls: readonly HubCall[]): Promise<(offerId: string) => OfferDefinition> {
  const latest = new Map<string, OfferDefinition & { rid: number }>();
  const see = (offerId: string, d: OfferDefinition, rid: number) => {
    const held = latest.get(offerId);
    if (!held || held.rid < rid) latest.set(offerId, { ...d, rid });
  };
  for (const c of calls) for (const o of c.offers) if (o.offer !== undefined && o.cost !== undefined) see(o.offerId, { name: o.offer, cost: o.cost }, c.rid);
  for (const h of await eventsOf(store, ['offer.defined'])) {
    const p = JSON.parse(h.payload) as EventPayload<'offer.defined'>;
    see(p.offerId, { name: p.name, cost: p.cost }, Number(h.rid));
  }
  return (offerId) => latest.get(offerId) ?? { name: offerId, cost: { kind: 'none' } };
}

export interface HeldReturn {
  returnedOn: string | null;
  monthlyRevenue: number | null;
}

/** Each customer's latest return (what the desk's customer record says), and every re-loss day they had. */
export async function returnsAndRelosses(store: HubStore): Promise<{ returns: Map<string, HeldReturn>; relost: Map<string, string[]> }> {
  const returns = new Map<string, HeldReturn>();
  const relost = new Map<string, string[]>();
  for (const h of await eventsOf(store, ['customer.returned', 'customer.relost'])) {
    if (h.kind === 'customer.returned') {
      const p = JSON.parse(h.payload) as EventPayload<'customer.returned'>;
      returns.set(h.subject, { returnedOn: p.returnedOn, monthlyRevenue: p.monthlyRevenue });
    } else {
      const p = JSON.parse(h.payload) as EventPayload<'customer.relost'>;
      relost.set(h.subject, [...(relost.get(h.subject) ?? []), p.relostAt.slice(0, 10)]);
    }
  }
  return { returns, relost };
}
