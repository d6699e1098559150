import type { EventKind, EventPayload } from '../../shared/sync/events';
import type { CallsTable, DeparturesTable } from './schema';

/**
 * The tables the reasons report reads, kept in step with the events in the same transaction.
 * Order is the hub's receive order (`rid`): a console sends in its own sequence order, so for
 * one console this is its sequence; wall-clock times are never used to order (desk clocks drift).
 *
 * What each table gets is decided here, without a store; hub/store/ingestSqlite.ts and
 * ingestPostgres.ts write it, each in the way its store does fastest.
 */
export interface StoredEvent {
  rid: number;
  kind: EventKind;
  payload: unknown;
}

/** An event of the events table as the calls projection reads it back: its payload still text. */
export interface HeldCallEvent {
  rid: number;
  kind: string;
  subject: string;
  payload: string;
}

export type DepartureRow = DeparturesTable;
export type CallRow = CallsTable;

/** Column order of the statements that write each projection; the row types name the same keys. */
export const DEPARTURE_COLUMNS = [
  'external_id',
  'cycle',
  'departed_at',
  'stated_reason_text',
  'stated_reason_id',
  'stated_category_id',
  'monthly_revenue',
  'segment',
  'product',
  'frontline_team',
  'event_rid',
] as const satisfies readonly (keyof DepartureRow)[];

export const CALL_COLUMNS = [
  'call_id',
  'external_id',
  'cycle',
  'completed_at',
  'caller_role',
  'outcome',
  'monthly_revenue',
  'segment',
  'product',
  'frontline_team',
  'stated_reason_id',
  'primary_reason_id',
  'primary_category_id',
  'amendments',
  'event_rid',
] as const satisfies readonly (keyof CallRow)[];

/** The event kinds the calls projection folds. */
export const CALL_KINDS = ['call.completed', 'call.amended'] as const satisfies readonly EventKind[];

function byRid(events: readonly StoredEvent[]): StoredEvent[] {
  return [...events].sort((a, b) => a.rid - b.rid);
}

/**
 * A customer imported by two consoles is one departure: the latest received description wins.
 * One row per customer (a statement may not touch a row twice: PostgreSQL refuses), the last.
 */
export function departureRows(events: readonly StoredEvent[]): DepartureRow[] {
  const rows = new Map<string, DepartureRow>();
  for (const e of byRid(events)) {
    if (e.kind !== 'customer.departed') continue;
    const p = e.payload as EventPayload<'customer.departed'>;
    rows.delete(p.externalId);
    rows.set(p.externalId, {
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
    });
  }
  return [...rows.values()];
}

/** The calls a batch touches, in receive order of their first event in it. */
export function callIdsOf(events: readonly StoredEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of byRid(events)) {
    if (e.kind === 'call.completed' || e.kind === 'call.amended') ids.add((e.payload as { callId: string }).callId);
  }
  return [...ids];
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
export function foldCall(events: readonly StoredEvent[]): CallRow | null {
  const completion = events.filter((e) => e.kind === 'call.completed').at(-1);
  if (!completion) return null;
  const p = completion.payload as EventPayload<'call.completed'>;
  const primary = primaryOf(p.diagnosedReasons);
  const call: CallRow = {
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
    call.event_rid = Math.max(call.event_rid, e.rid);
  }
  call.amendments = amendments;
  return call;
}

/**
 * The calls rows for `callIds` from every event the hub holds for them (`held`, any order). The
 * events of the batch being stored are among them; their payloads are taken from `known` (by rid)
 * rather than parsed again from their text.
 */
export function callRows(callIds: readonly string[], held: readonly HeldCallEvent[], known: ReadonlyMap<number, unknown>): CallRow[] {
  const bySubject = new Map<string, StoredEvent[]>();
  for (const h of [...held].sort((a, b) => a.rid - b.rid)) {
    const rid = Number(h.rid);
    let list = bySubject.get(h.subject);
    if (!list) {
      list = [];
      bySubject.set(h.subject, list);
    }
    list.push({ rid, kind: h.kind as EventKind, payload: known.has(rid) ? known.get(rid) : (JSON.parse(h.payload) as unknown) });
  }
  const rows: CallRow[] = [];
  for (const id of callIds) {
    const row = foldCall(bySubject.get(id) ?? []);
    if (row) rows.push(row);
  }
  return rows;
}
