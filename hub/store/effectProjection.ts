import { monthsPaid, toCents } from '../../shared/domain/effect';
import type { EventKind, EventPayload } from '../../shared/sync/events';
import { foldHeldCall, type HubCall } from './effectCallFold';
import type { StoredEvent } from './projections';

/**
 * Offer economics and handle time kept at ingest, so the org-wide reports sum cells instead of
 * folding every call event the hub holds on each request.
 *
 * Each customer's contribution is worked out from everything the hub holds about them (their
 * calls with their amendments, their departure's segment and revenue, their latest return, their
 * re-losses), by the rules the reports used on the raw events (hub/effectMoney.ts). A batch that
 * touches a customer takes their old contribution out of the cells (from the per-call and
 * per-customer rows written last time) and puts the new one in, in the batch's transaction: a
 * duplicate or a retried batch recomputes the same contribution and changes nothing.
 *
 * Offers' names and prices stay out of the cells: the won-back cells count customers by monthly
 * revenue and months paid, so the cost of each (rounded per customer, as the console rounds it) is
 * worked out when the report is read, with the offer's price then.
 *
 * The step is written once as a generator of statements; the SQLite writer runs it inside its
 * synchronous transaction, the PostgreSQL writer and the migration's backfill on their
 * connections (effectStore.ts).
 */

/** NULL in a key column is '' (a primary key cannot hold NULL). */
const key = (v: string | null | undefined) => v ?? '';

export interface EffectCallRow {
  call_id: string;
  external_id: string;
  cycle_key: string;
  cycle: string;
  caller_id: string;
  caller_role: string;
  outcome: string;
  reason_id: string;
  segment: string;
  /** The offers made on the call (every answer but "not offered"), as a JSON array of ids. */
  made: string;
  timed: number;
  talk_ms: number;
  wrap_ms: number;
  apologize_ms: number;
  listen_ms: number;
  diagnose_ms: number;
  assist_ms: number;
  offer_ms: number;
}

export interface EffectWinRow {
  external_id: string;
  cycle_key: string;
  cycle: string;
  offer_id: string;
  reason_id: string;
  segment: string;
  monthly_cents: number;
  months_paid: number;
}

export const EFFECT_CALL_COLUMNS = [
  'call_id', 'external_id', 'cycle_key', 'cycle', 'caller_id', 'caller_role', 'outcome', 'reason_id', 'segment', 'made', 'timed',
  'talk_ms', 'wrap_ms', 'apologize_ms', 'listen_ms', 'diagnose_ms', 'assist_ms', 'offer_ms',
] as const satisfies readonly (keyof EffectCallRow)[];
export const EFFECT_WIN_COLUMNS = ['external_id', 'cycle_key', 'cycle', 'offer_id', 'reason_id', 'segment', 'monthly_cents', 'months_paid'] as const satisfies readonly (keyof EffectWinRow)[];

/** A cell table: its key columns, the counts added to it, and every column's type on PostgreSQL. */
export interface CellTable {
  table: string;
  keys: readonly string[];
  sums: readonly string[];
}

export const MADE_CELLS: CellTable = { table: 'effect_made_cells', keys: ['cycle_key', 'cycle', 'offer_id', 'reason_id', 'segment'], sums: ['calls'] };
export const WON_CELLS: CellTable = {
  table: 'effect_won_cells',
  keys: ['cycle_key', 'cycle', 'offer_id', 'reason_id', 'segment', 'monthly_cents', 'months_paid'],
  sums: ['customers'],
};
export const HANDLE_CELLS: CellTable = {
  table: 'effect_handle_cells',
  keys: ['caller_id', 'caller_role', 'cycle_key', 'cycle', 'outcome'],
  sums: ['calls', 'talk_ms', 'wrap_ms', 'apologize_ms', 'listen_ms', 'diagnose_ms', 'assist_ms', 'offer_ms'],
};
export const UNTIMED_CELLS: CellTable = { table: 'effect_untimed_cells', keys: ['cycle_key', 'cycle'], sums: ['calls'] };
export const CELL_TABLES = [MADE_CELLS, WON_CELLS, HANDLE_CELLS, UNTIMED_CELLS] as const;
/** Columns holding numbers (the rest are text). */
export const NUMERIC_COLUMNS = new Set(['monthly_cents', 'months_paid', 'customers', 'calls', 'timed', 'talk_ms', 'wrap_ms', 'apologize_ms', 'listen_ms', 'diagnose_ms', 'assist_ms', 'offer_ms', 'rid']);

type Row = Record<string, string | number>;

/** Additions to one cell table, summed by key (a statement may not touch a row twice: PostgreSQL refuses). */
class Deltas {
  readonly byKey = new Map<string, Row>();
  constructor(readonly cells: CellTable) {}
  add(keys: readonly (string | number)[], sums: readonly number[], sign: 1 | -1): void {
    const k = JSON.stringify(keys);
    let row = this.byKey.get(k);
    if (!row) {
      row = {};
      this.cells.keys.forEach((c, i) => {
        (row as Row)[c] = keys[i] as string | number;
      });
      for (const c of this.cells.sums) row[c] = 0;
      this.byKey.set(k, row);
    }
    this.cells.sums.forEach((c, i) => {
      (row)[c] = ((row)[c] as number) + sign * (sums[i] as number);
    });
  }
  /** The non-zero additions, in key order (concurrent batches lock shared cells in one order). */
  rows(): Row[] {
    return [...this.byKey.entries()]
      .filter(([, r]) => this.cells.sums.some((c) => r[c] !== 0))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, r]) => r);
  }
}

function callContribution(c: EffectCallRow, d: { made: Deltas; handle: Deltas; untimed: Deltas }, sign: 1 | -1): void {
  for (const offerId of JSON.parse(c.made) as string[]) d.made.add([c.cycle_key, c.cycle, offerId, c.reason_id, c.segment], [1], sign);
  if (Number(c.timed) === 1) {
    d.handle.add([c.caller_id, c.caller_role, c.cycle_key, c.cycle, c.outcome], [1, c.talk_ms, c.wrap_ms, c.apologize_ms, c.listen_ms, c.diagnose_ms, c.assist_ms, c.offer_ms].map(Number), sign);
  } else {
    d.untimed.add([c.cycle_key, c.cycle], [1], sign);
  }
}

function winContribution(w: EffectWinRow, won: Deltas, sign: 1 | -1): void {
  won.add([w.cycle_key, w.cycle, w.offer_id, w.reason_id, w.segment, Number(w.monthly_cents), Number(w.months_paid)], [1], sign);
}

export interface HeldEvent {
  rid: number | string;
  kind: string;
  subject: string;
  payload: string;
}

export interface Departure {
  external_id: string;
  segment: string | null;
  monthly_revenue: number | null;
}

/** The latest description of an offer: by a playbook change or by a call that answered it. */
export interface OfferDescription {
  offer_id: string;
  name: string;
  cost: string;
  rid: number;
}

/** A caller's name as their latest call in a cycle gives it. */
export interface CallerName {
  caller_id: string;
  cycle_key: string;
  cycle: string;
  name: string;
  rid: number;
}

/** What the step asks its store: a read, or a write of rows (as JSON) through one of the statements effectStore.ts builds. */
export type EffectStatement =
  /** The customers about to be read and rewritten: a store with concurrent writers locks them first. */
  | { lock: readonly string[] }
  | { read: 'effectCallsOfCalls' | 'customersOfCalls' | 'effectCallsOf' | 'winsOf' | 'callEventsOf' | 'departuresOf' | 'customerEventsOf'; ids: readonly string[] }
  | { write: 'deleteEffectCalls' | 'deleteWins'; ids: readonly string[] }
  | { write: 'insertEffectCalls'; rows: readonly EffectCallRow[] }
  | { write: 'insertWins'; rows: readonly EffectWinRow[] }
  | { write: 'addCells'; cells: CellTable; rows: readonly Row[] }
  | { write: 'describeOffers'; rows: readonly OfferDescription[] }
  | { write: 'nameCallers'; rows: readonly CallerName[] };

export type EffectStep = Generator<EffectStatement, void, unknown[]>;

/** The customers a batch's events touch directly, and the calls whose customer it may change. */
export function touchedBy(events: readonly StoredEvent[]): { customers: string[]; callIds: string[]; offers: OfferDescription[] } {
  const customers = new Set<string>();
  const callIds = new Set<string>();
  const offers: OfferDescription[] = [];
  for (const e of events) {
    const kind: EventKind = e.kind;
    if (kind === 'call.completed' || kind === 'call.amended') callIds.add((e.payload as { callId: string }).callId);
    else if (kind === 'customer.departed' || kind === 'customer.returned' || kind === 'customer.relost') customers.add((e.payload as { externalId: string }).externalId);
    else if (kind === 'offer.defined') {
      const p = e.payload as EventPayload<'offer.defined'>;
      offers.push({ offer_id: p.offerId, name: p.name, cost: JSON.stringify(p.cost), rid: e.rid });
    }
  }
  return { customers: [...customers], callIds: [...callIds], offers };
}

function callRowOf(call: HubCall, segment: string | null): EffectCallRow {
  const t = call.timings;
  return {
    call_id: call.callId,
    external_id: call.externalId,
    cycle_key: key(call.cycleKey),
    cycle: key(call.cycle),
    caller_id: call.callerId,
    caller_role: call.callerRole,
    outcome: call.outcome,
    reason_id: key(call.primaryReasonId),
    segment: key(segment),
    made: JSON.stringify(call.offers.filter((o) => o.answer !== 'not_offered').map((o) => o.offerId)),
    timed: t ? 1 : 0,
    talk_ms: t?.talkMs ?? 0,
    wrap_ms: t?.wrapMs ?? 0,
    apologize_ms: t?.stageMs.apologize ?? 0,
    listen_ms: t?.stageMs.listen ?? 0,
    diagnose_ms: t?.stageMs.diagnose ?? 0,
    assist_ms: t?.stageMs.assist ?? 0,
    offer_ms: t?.stageMs.offer ?? 0,
  };
}

/** As the desk's `offer_wins`: the offer accepted on the latest call with one (completion time, then call id, then offer id). */
function bestAccepted(calls: readonly HubCall[]): { call: HubCall; offerId: string } | null {
  let best: { call: HubCall; offerId: string } | null = null;
  for (const call of calls) {
    for (const o of call.offers) {
      if (o.answer !== 'accepted') continue;
      const later =
        best === null ||
        (call.completedAt !== best.call.completedAt ? call.completedAt > best.call.completedAt : call.callId !== best.call.callId ? call.callId > best.call.callId : o.offerId < best.offerId);
      if (later) best = { call, offerId: o.offerId };
    }
  }
  return best;
}

/**
 * Recomputes what the customers touched by a batch contribute (after the batch's own projections
 * are written), and writes the difference.
 */
export function* effectStep(events: readonly StoredEvent[]): EffectStep {
  const touched = touchedBy(events);
  if (touched.offers.length > 0) yield { write: 'describeOffers', rows: touched.offers };
  const customers = new Set(touched.customers);
  if (touched.callIds.length > 0) {
    // A call completed again may have moved from one customer to another: both are recomputed.
    for (const r of (yield { read: 'effectCallsOfCalls', ids: touched.callIds }) as { external_id: string }[]) customers.add(r.external_id);
    for (const r of (yield { read: 'customersOfCalls', ids: touched.callIds }) as { external_id: string }[]) customers.add(r.external_id);
  }
  if (customers.size === 0) return;
  yield* recompute([...customers].sort());
}

/** Takes the customers' old contribution out of the cells and puts their new one in. */
export function* recompute(customers: readonly string[]): EffectStep {
  yield { lock: customers };
  const oldCalls = (yield { read: 'effectCallsOf', ids: customers }) as EffectCallRow[];
  const oldWins = (yield { read: 'winsOf', ids: customers }) as EffectWinRow[];
  const callEvents = (yield { read: 'callEventsOf', ids: customers }) as HeldEvent[];
  const departures = new Map(((yield { read: 'departuresOf', ids: customers }) as Departure[]).map((d) => [d.external_id, d]));
  const returns = new Map<string, EventPayload<'customer.returned'>>();
  const relost = new Map<string, string[]>();
  const customerEvents = ((yield { read: 'customerEventsOf', ids: customers }) as HeldEvent[]).sort((a, b) => Number(a.rid) - Number(b.rid));
  for (const h of customerEvents) {
    if (h.kind === 'customer.returned') returns.set(h.subject, JSON.parse(h.payload) as EventPayload<'customer.returned'>);
    else relost.set(h.subject, [...(relost.get(h.subject) ?? []), (JSON.parse(h.payload) as EventPayload<'customer.relost'>).relostAt.slice(0, 10)]);
  }

  // Each call folded as the calls projection folds it, its events in receive order.
  const bySubject = new Map<string, StoredEvent[]>();
  for (const h of [...callEvents].sort((a, b) => Number(a.rid) - Number(b.rid))) {
    const list = bySubject.get(h.subject) ?? [];
    list.push({ rid: Number(h.rid), kind: h.kind as EventKind, payload: JSON.parse(h.payload) as unknown });
    bySubject.set(h.subject, list);
  }
  const wanted = new Set(customers);
  const calls: HubCall[] = [];
  for (const list of bySubject.values()) {
    const call = foldHeldCall(list);
    // The calls of these customers only: one moved away is counted with its new customer.
    if (call && wanted.has(call.externalId)) calls.push(call);
  }

  const segmentOf = (externalId: string) => {
    const s = departures.get(externalId)?.segment ?? null;
    return s === '' ? null : s;
  };
  const newCalls = calls.map((c) => callRowOf(c, segmentOf(c.externalId)));
  const newWins: EffectWinRow[] = [];
  const callsOf = new Map<string, HubCall[]>();
  for (const c of calls) callsOf.set(c.externalId, [...(callsOf.get(c.externalId) ?? []), c]);
  for (const [externalId, theirs] of callsOf) {
    const best = bestAccepted(theirs);
    if (!best) continue;
    const back = returns.get(externalId);
    const returnedOn = back?.returnedOn?.slice(0, 10) ?? (best.call.outcome === 'recovered' ? best.call.completedAt.slice(0, 10) : null);
    if (returnedOn === null) continue;
    const lost = (relost.get(externalId) ?? []).filter((d) => d >= returnedOn).sort()[0] ?? null;
    newWins.push({
      external_id: externalId,
      cycle_key: key(best.call.cycleKey),
      cycle: key(best.call.cycle),
      offer_id: best.offerId,
      reason_id: key(best.call.primaryReasonId),
      segment: key(segmentOf(externalId)),
      monthly_cents: toCents(back?.monthlyRevenue ?? departures.get(externalId)?.monthly_revenue ?? 0),
      months_paid: monthsPaid(returnedOn, lost),
    });
  }

  const d = { made: new Deltas(MADE_CELLS), handle: new Deltas(HANDLE_CELLS), untimed: new Deltas(UNTIMED_CELLS), won: new Deltas(WON_CELLS) };
  for (const c of oldCalls) callContribution(c, d, -1);
  for (const c of newCalls) callContribution(c, d, 1);
  for (const w of oldWins) winContribution(w, d.won, -1);
  for (const w of newWins) winContribution(w, d.won, 1);

  if (oldCalls.length > 0) yield { write: 'deleteEffectCalls', ids: oldCalls.map((c) => c.call_id) };
  if (newCalls.length > 0) yield { write: 'insertEffectCalls', rows: newCalls };
  if (oldWins.length > 0) yield { write: 'deleteWins', ids: oldWins.map((w) => w.external_id) };
  if (newWins.length > 0) yield { write: 'insertWins', rows: newWins };
  for (const [cells, deltas] of [
    [MADE_CELLS, d.made],
    [WON_CELLS, d.won],
    [HANDLE_CELLS, d.handle],
    [UNTIMED_CELLS, d.untimed],
  ] as const) {
    const rows = deltas.rows();
    if (rows.length > 0) yield { write: 'addCells', cells, rows };
  }

  // Offers as the calls describe them, and callers as their calls name them: the latest (by receive order) wins.
  const offers = new Map<string, OfferDescription>();
  const names = new Map<string, CallerName>();
  for (const c of calls) {
    for (const o of c.offers) {
      if (o.offer === undefined || o.cost === undefined) continue;
      const held = offers.get(o.offerId);
      if (!held || held.rid < c.rid) offers.set(o.offerId, { offer_id: o.offerId, name: o.offer, cost: JSON.stringify(o.cost), rid: c.rid });
    }
    const k = JSON.stringify([c.callerId, key(c.cycleKey), key(c.cycle)]);
    const held = names.get(k);
    if (!held || held.rid < c.rid) names.set(k, { caller_id: c.callerId, cycle_key: key(c.cycleKey), cycle: key(c.cycle), name: c.callerName, rid: c.rid });
  }
  const byKey = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  if (offers.size > 0) yield { write: 'describeOffers', rows: byKey(offers) };
  if (names.size > 0) yield { write: 'nameCallers', rows: byKey(names) };
}
