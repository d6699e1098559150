import type { Insertable, Transaction } from 'kysely';
import type { EventKind, EventPayload } from '../shared/sync/events';
import type { CallsTable, DeparturesTable, HubDatabase } from './store/schema';

/**
 * The tables the reasons report reads, kept in step with the events in the same transaction.
 * Order is the hub's receive order (`rid`): a console sends in its own sequence order, so for
 * one console this is its sequence; wall-clock times are never used to order (desk clocks drift).
 */
export interface StoredEvent {
  rid: number;
  kind: EventKind;
  payload: unknown;
}

const CHUNK = 300;

function lastPerKey<T>(items: readonly T[], key: (t: T) => string): T[] {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    map.delete(k);
    map.set(k, item);
  }
  return [...map.values()];
}

/** A customer imported by two consoles is one departure: the latest received description wins. */
export async function projectDepartures(trx: Transaction<HubDatabase>, events: readonly StoredEvent[]): Promise<void> {
  const rows: Insertable<DeparturesTable>[] = events
    .filter((e) => e.kind === 'customer.departed')
    .map((e) => {
      const p = e.payload as EventPayload<'customer.departed'>;
      return {
        external_id: p.externalId,
        cycle: p.cycle,
        departed_at: p.departedAt,
        stated_reason_text: p.statedReasonText,
        stated_reason_id: p.statedReasonId,
        stated_category_id: p.statedCategoryId,
        monthly_revenue: p.monthlyRevenue,
        segment: p.segment,
        product: p.product,
        frontline_team: p.frontlineTeam ?? null,
        event_rid: e.rid,
      };
    });
  // One statement may not touch a row twice (PostgreSQL refuses), so keep the last per customer.
  const unique = lastPerKey(rows, (r) => r.external_id);
  for (let i = 0; i < unique.length; i += CHUNK) {
    await trx
      .insertInto('departures')
      .values(unique.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.column('external_id').doUpdateSet((eb) => ({
          cycle: eb.ref('excluded.cycle'),
          departed_at: eb.ref('excluded.departed_at'),
          stated_reason_text: eb.ref('excluded.stated_reason_text'),
          stated_reason_id: eb.ref('excluded.stated_reason_id'),
          stated_category_id: eb.ref('excluded.stated_category_id'),
          monthly_revenue: eb.ref('excluded.monthly_revenue'),
          segment: eb.ref('excluded.segment'),
          product: eb.ref('excluded.product'),
          frontline_team: eb.ref('excluded.frontline_team'),
          event_rid: eb.ref('excluded.event_rid'),
        })),
      )
      .execute();
  }
}

type Diagnosed = EventPayload<'call.completed'>['diagnosedReasons'];

function primaryOf(reasons: Diagnosed): { reasonId: string; categoryId: string } | null {
  return reasons.find((r) => r.primary) ?? reasons[0] ?? null;
}

/**
 * Folds a call's events: the latest completion sets the call, then each amendment, in receive
 * order, replaces the fields it names. An amendment always describes a completed call, so one that
 * arrived before its completion (from another console, say) still applies once the completion is
 * here; until then the call is null and waits in the events table.
 */
export function foldCall(events: readonly StoredEvent[]): Insertable<CallsTable> | null {
  const completion = events.filter((e) => e.kind === 'call.completed').at(-1);
  if (!completion) return null;
  const p = completion.payload as EventPayload<'call.completed'>;
  const primary = primaryOf(p.diagnosedReasons);
  const call: Insertable<CallsTable> = {
    call_id: p.callId,
    external_id: p.externalId,
    cycle: p.cycle,
    completed_at: p.completedAt,
    caller_role: p.callerRole,
    outcome: p.outcome,
    monthly_revenue: p.monthlyRevenue,
    segment: p.segment,
    product: p.product,
    frontline_team: p.frontlineTeam ?? null,
    stated_reason_id: p.statedReasonId,
    primary_reason_id: primary?.reasonId ?? null,
    primary_category_id: primary?.categoryId ?? null,
    amendments: 0,
    event_rid: completion.rid,
  };
  let amendments = 0;
  for (const e of events) {
    if (e.kind !== 'call.amended') continue;
    const a = e.payload as EventPayload<'call.amended'>;
    if (a.outcome !== undefined) call.outcome = a.outcome;
    if (a.diagnosedReasons !== undefined) {
      const amendedPrimary = primaryOf(a.diagnosedReasons);
      call.primary_reason_id = amendedPrimary?.reasonId ?? null;
      call.primary_category_id = amendedPrimary?.categoryId ?? null;
    }
    amendments += 1;
    call.event_rid = Math.max(Number(call.event_rid), e.rid);
  }
  call.amendments = amendments;
  return call;
}

export async function projectCalls(trx: Transaction<HubDatabase>, events: readonly StoredEvent[]): Promise<void> {
  const callIds = [
    ...new Set(
      events
        .filter((e) => e.kind === 'call.completed' || e.kind === 'call.amended')
        .map((e) => (e.payload as { callId: string }).callId),
    ),
  ];
  for (let i = 0; i < callIds.length; i += CHUNK) {
    const part = callIds.slice(i, i + CHUNK);
    const history = await trx
      .selectFrom('events')
      .select(['rid', 'kind', 'subject', 'payload'])
      .where('subject', 'in', part)
      .where('kind', 'in', ['call.completed', 'call.amended'])
      .orderBy('rid')
      .execute();
    const bySubject = new Map<string, StoredEvent[]>();
    for (const h of history) {
      const list = bySubject.get(h.subject) ?? [];
      list.push({ rid: Number(h.rid), kind: h.kind as EventKind, payload: JSON.parse(h.payload) as unknown });
      bySubject.set(h.subject, list);
    }
    const rows = part.map((id) => foldCall(bySubject.get(id) ?? [])).filter((r): r is Insertable<CallsTable> => r !== null);
    if (rows.length === 0) continue;
    await trx
      .insertInto('calls')
      .values(rows)
      .onConflict((oc) =>
        oc.column('call_id').doUpdateSet((eb) => ({
          external_id: eb.ref('excluded.external_id'),
          cycle: eb.ref('excluded.cycle'),
          completed_at: eb.ref('excluded.completed_at'),
          caller_role: eb.ref('excluded.caller_role'),
          outcome: eb.ref('excluded.outcome'),
          monthly_revenue: eb.ref('excluded.monthly_revenue'),
          segment: eb.ref('excluded.segment'),
          product: eb.ref('excluded.product'),
          frontline_team: eb.ref('excluded.frontline_team'),
          stated_reason_id: eb.ref('excluded.stated_reason_id'),
          primary_reason_id: eb.ref('excluded.primary_reason_id'),
          primary_category_id: eb.ref('excluded.primary_category_id'),
          amendments: eb.ref('excluded.amendments'),
          event_rid: eb.ref('excluded.event_rid'),
        })),
      )
      .execute();
  }
}
