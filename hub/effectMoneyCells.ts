import { sql, type RawBuilder } from 'kysely';
import { DEFAULT_TAXONOMY } from '../shared/domain/taxonomy';
import { wonBackCents, type CostModel } from '../shared/domain/effect';
import { buildOfferEconomicsFromCells, type OffersMadeCell, type OfferEconomicsReport, type WonBackCell } from '../shared/reports/offerEconomics';
import { buildHandleTimeReport, type HandleTimeCell, type HandleTimeReport } from '../shared/reports/handleTime';
import type { HubStore } from './store/connect';

/**
 * Offer economics and handle time across every console, from the cells kept at ingest
 * (hub/store/effectProjection.ts): a few thousand rows summed, instead of every call event folded.
 * The same figures as the events give (effectMoney.ts; test/hub/effect-money.test.ts), through the
 * console's builders. A blank key column ('') is no value.
 */
const REASON_NAMES = new Map<string, string>();
for (const c of DEFAULT_TAXONOMY) for (const r of c.reasons) REASON_NAMES.set(r.id, r.name);
const orNull = (v: string) => (v === '' ? null : v);
const reasonName = (id: string | null) => (id === null ? null : (REASON_NAMES.get(id) ?? id));

/** The cycle asked for, by id or (case aside) by name, as the raw report's `inCycle`; every row without one. */
function inCycle(cycle: string | undefined): RawBuilder<unknown> {
  return cycle === undefined ? sql`1 = 1` : sql`(cycle_key = ${cycle} OR lower(cycle) = lower(${cycle}))`;
}

/** The cycle's name as its calls carry it (the name as asked when none does). */
async function cycleLabel(store: HubStore, cycle: string | undefined): Promise<string | null> {
  if (cycle === undefined) return null;
  const r = await sql<{ cycle: string }>`SELECT min(cycle) AS cycle FROM (
      SELECT cycle FROM effect_handle_cells WHERE ${inCycle(cycle)} AND calls > 0 AND cycle <> ''
      UNION ALL SELECT cycle FROM effect_untimed_cells WHERE ${inCycle(cycle)} AND calls > 0 AND cycle <> '') named`.execute(store.db);
  return r.rows[0]?.cycle ?? cycle;
}

export async function offerEconomicsOrgWide(store: HubStore, filters: { cycle?: string | undefined }): Promise<OfferEconomicsReport> {
  const where = inCycle(filters.cycle);
  const [made, won, offers, label] = await Promise.all([
    sql<{ offer_id: string; reason_id: string; segment: string; calls: number }>`SELECT offer_id, reason_id, segment, sum(calls) AS calls
      FROM effect_made_cells WHERE ${where} GROUP BY offer_id, reason_id, segment HAVING sum(calls) > 0`.execute(store.db),
    sql<{ offer_id: string; reason_id: string; segment: string; monthly_cents: number; months_paid: number; customers: number }>`
      SELECT offer_id, reason_id, segment, monthly_cents, months_paid, sum(customers) AS customers
      FROM effect_won_cells WHERE ${where} GROUP BY offer_id, reason_id, segment, monthly_cents, months_paid HAVING sum(customers) > 0`.execute(store.db),
    sql<{ offer_id: string; name: string; cost: string }>`SELECT offer_id, name, cost FROM effect_offers`.execute(store.db),
    cycleLabel(store, filters.cycle),
  ]);
  const described = new Map(offers.rows.map((o) => [o.offer_id, { name: o.name, cost: JSON.parse(o.cost) as CostModel }]));
  const offer = (id: string) => described.get(id) ?? { name: id, cost: { kind: 'none' } as CostModel };

  const madeCells: OffersMadeCell[] = made.rows.map((m) => ({
    offerId: m.offer_id,
    offer: offer(m.offer_id).name,
    reasonId: orNull(m.reason_id),
    reason: reasonName(orNull(m.reason_id)),
    segment: orNull(m.segment),
    calls: Number(m.calls),
  }));
  // Every customer of a cell paid the same for as long: their cost, rounded per customer as the console rounds it, times how many.
  const wonCells = new Map<string, WonBackCell>();
  for (const w of won.rows) {
    const k = JSON.stringify([w.offer_id, w.reason_id, w.segment]);
    let cell = wonCells.get(k);
    if (!cell) {
      cell = { offerId: w.offer_id, offer: offer(w.offer_id).name, reasonId: orNull(w.reason_id), reason: reasonName(orNull(w.reason_id)), segment: orNull(w.segment), wonBack: 0, revenueCents: 0, costCents: 0 };
      wonCells.set(k, cell);
    }
    const n = Number(w.customers);
    const money = wonBackCents(Number(w.monthly_cents), Number(w.months_paid), offer(w.offer_id).cost);
    cell.wonBack += n;
    cell.revenueCents += money.revenueCents * n;
    cell.costCents += money.costCents * n;
  }
  return buildOfferEconomicsFromCells([...wonCells.values()], madeCells, label);
}

export async function handleTimeOrgWide(store: HubStore, filters: { cycle?: string | undefined }): Promise<HandleTimeReport> {
  const where = inCycle(filters.cycle);
  type Cell = { caller_id: string; caller_role: string; cycle_key: string; cycle: string; outcome: string; calls: number; talk_ms: number; wrap_ms: number } & Record<
    'apologize_ms' | 'listen_ms' | 'diagnose_ms' | 'assist_ms' | 'offer_ms',
    number
  >;
  const [cells, untimed, names, label] = await Promise.all([
    sql<Cell>`SELECT * FROM effect_handle_cells WHERE ${where} AND calls > 0 ORDER BY caller_id, caller_role, cycle_key, outcome, cycle`.execute(store.db),
    sql<{ calls: number | null }>`SELECT sum(calls) AS calls FROM effect_untimed_cells WHERE ${where}`.execute(store.db),
    sql<{ caller_id: string; name: string; rid: number }>`SELECT caller_id, name, rid FROM effect_caller_names WHERE ${where}`.execute(store.db),
    cycleLabel(store, filters.cycle),
  ]);
  // A caller is named as their latest call names them (a renamed person keeps one row).
  const nameOf = new Map<string, { name: string; rid: number }>();
  for (const n of names.rows) if ((nameOf.get(n.caller_id)?.rid ?? -1) < Number(n.rid)) nameOf.set(n.caller_id, { name: n.name, rid: Number(n.rid) });
  const byKey = new Map<string, HandleTimeCell>();
  for (const c of cells.rows) {
    const k = JSON.stringify([c.caller_id, c.caller_role, c.cycle_key, c.outcome]);
    let cell = byKey.get(k);
    if (!cell) {
      cell = {
        callerId: c.caller_id,
        caller: nameOf.get(c.caller_id)?.name ?? c.caller_id,
        role: c.caller_role,
        cycleId: orNull(c.cycle_key),
        cycle: orNull(c.cycle),
        outcome: c.outcome,
        calls: 0,
        talkMs: 0,
        wrapMs: 0,
        stageMs: { apologize: 0, listen: 0, diagnose: 0, assist: 0, offer: 0 },
      };
      byKey.set(k, cell);
    }
    cell.calls += Number(c.calls);
    cell.talkMs += Number(c.talk_ms);
    cell.wrapMs += Number(c.wrap_ms);
    cell.stageMs.apologize += Number(c.apologize_ms);
    cell.stageMs.listen += Number(c.listen_ms);
    cell.stageMs.diagnose += Number(c.diagnose_ms);
    cell.stageMs.assist += Number(c.assist_ms);
    cell.stageMs.offer += Number(c.offer_ms);
  }
  return buildHandleTimeReport([...byKey.values()], Number(untimed.rows[0]?.calls ?? 0), label);
}
