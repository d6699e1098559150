import { DEFAULT_TAXONOMY } from '../shared/domain/taxonomy';
import { toCents } from '../shared/domain/effect';
import { buildOfferEconomics, type OffersMadeCell, type OfferEconomicsReport, type WonBackRecord } from '../shared/reports/offerEconomics';
import { buildHandleTimeReport, type HandleTimeCell, type HandleTimeReport } from '../shared/reports/handleTime';
import type { HubStore } from './store/connect';
import { heldCalls, inCycle, offerDefinitions, returnsAndRelosses, type HubCall } from './effectCalls';

/**
 * Offer economics and handle time across every console, worked out from every event the hub
 * holds, by the console's rules and through the console's builders (shared/reports/offerEconomics.ts,
 * handleTime.ts), so the hub's figures are those of one console holding all the calls
 * (test/hub/effect-money.test.ts checks them to the cent). The routes read the cells kept at
 * ingest (effectMoneyCells.ts); this is the reference they are checked and measured against.
 */
const REASON_NAMES = new Map<string, string>();
for (const c of DEFAULT_TAXONOMY) for (const r of c.reasons) REASON_NAMES.set(r.id, r.name);
const reasonName = (id: string | null) => (id === null ? null : (REASON_NAMES.get(id) ?? id));

/** The customer's description the hub holds: their segment, revenue and cycle now. */
async function departures(store: HubStore): Promise<Map<string, { segment: string | null; monthlyRevenue: number | null }>> {
  const rows = await store.db.selectFrom('departures').select(['external_id', 'segment', 'monthly_revenue']).execute();
  return new Map(rows.map((d) => [d.external_id, { segment: d.segment === '' ? null : d.segment, monthlyRevenue: d.monthly_revenue }]));
}

/**
 * As the desk's `offer_wins`: each customer's offer accepted on their latest call with an accepted
 * offer (by completion time, then call id, then offer id), won back when the returns import says
 * they came back or that call recovered them; the return is the imported day, else the call's; the
 * re-loss the first one on or after it; the revenue the one paid after the return, else the
 * departed revenue.
 */
function bestAccepted(calls: readonly HubCall[]): Map<string, { call: HubCall; offerId: string }> {
  const best = new Map<string, { call: HubCall; offerId: string }>();
  const later = (a: { call: HubCall; offerId: string }, b: { call: HubCall; offerId: string }) =>
    a.call.completedAt !== b.call.completedAt
      ? a.call.completedAt > b.call.completedAt
      : a.call.callId !== b.call.callId
        ? a.call.callId > b.call.callId
        : a.offerId < b.offerId;
  for (const call of calls) {
    for (const o of call.offers) {
      if (o.answer !== 'accepted') continue;
      const candidate = { call, offerId: o.offerId };
      const held = best.get(call.externalId);
      if (!held || later(candidate, held)) best.set(call.externalId, candidate);
    }
  }
  return best;
}

export async function offerEconomicsFromEvents(store: HubStore, filters: { cycle?: string | undefined }): Promise<OfferEconomicsReport> {
  const calls = await heldCalls(store);
  const offer = await offerDefinitions(store, calls);
  const { returns, relost } = await returnsAndRelosses(store);
  const customers = await departures(store);

  const won: WonBackRecord[] = [];
  for (const [externalId, { call, offerId }] of bestAccepted(calls)) {
    if (!inCycle(call, filters.cycle)) continue;
    const back = returns.get(externalId);
    const returnedOn = back?.returnedOn?.slice(0, 10) ?? (call.outcome === 'recovered' ? call.completedAt.slice(0, 10) : null);
    if (returnedOn === null) continue;
    const lost = (relost.get(externalId) ?? []).filter((d) => d >= returnedOn).sort()[0] ?? null;
    const customer = customers.get(externalId);
    const d = offer(offerId);
    won.push({
      offerId,
      offer: d.name,
      reasonId: call.primaryReasonId,
      reason: reasonName(call.primaryReasonId),
      segment: customer?.segment ?? null,
      monthlyCents: toCents(back?.monthlyRevenue ?? customer?.monthlyRevenue ?? 0),
      returnedOn,
      relostOn: lost,
      cost: d.cost,
    });
  }

  // Calls on which each offer was made (any answer but "not offered"), by diagnosed reason and segment.
  const made = new Map<string, OffersMadeCell>();
  for (const call of calls) {
    if (!inCycle(call, filters.cycle)) continue;
    const segment = customers.get(call.externalId)?.segment ?? null;
    for (const o of call.offers) {
      if (o.answer === 'not_offered') continue;
      const key = JSON.stringify([o.offerId, call.primaryReasonId, segment]);
      const cell = made.get(key) ?? { offerId: o.offerId, offer: offer(o.offerId).name, reasonId: call.primaryReasonId, reason: reasonName(call.primaryReasonId), segment, calls: 0 };
      cell.calls += 1;
      made.set(key, cell);
    }
  }
  return buildOfferEconomics(won, [...made.values()], cycleLabel(calls, filters.cycle));
}

/** The cycle asked for, by the name its calls carry (the name as asked when no call names it). */
function cycleLabel(calls: readonly HubCall[], cycle: string | undefined): string | null {
  if (cycle === undefined) return null;
  return calls.find((c) => inCycle(c, cycle))?.cycle ?? cycle;
}

export async function handleTimeFromEvents(store: HubStore, filters: { cycle?: string | undefined }): Promise<HandleTimeReport> {
  const calls = (await heldCalls(store)).filter((c) => inCycle(c, filters.cycle));
  // A caller is named as their latest call names them (a renamed person keeps one row).
  const names = new Map<string, { name: string; rid: number }>();
  for (const c of calls) if ((names.get(c.callerId)?.rid ?? -1) < c.rid) names.set(c.callerId, { name: c.callerName, rid: c.rid });
  const cells = new Map<string, HandleTimeCell>();
  let untimed = 0;
  for (const c of calls) {
    if (!c.timings) {
      untimed += 1;
      continue;
    }
    const key = JSON.stringify([c.callerId, c.callerRole, c.cycleKey, c.outcome]);
    const cell = cells.get(key) ?? {
      callerId: c.callerId,
      caller: names.get(c.callerId)?.name ?? c.callerName,
      role: c.callerRole,
      cycleId: c.cycleKey,
      cycle: c.cycle,
      outcome: c.outcome,
      calls: 0,
      talkMs: 0,
      wrapMs: 0,
      stageMs: { apologize: 0, listen: 0, diagnose: 0, assist: 0, offer: 0 },
    };
    cell.calls += 1;
    cell.talkMs += c.timings.talkMs;
    cell.wrapMs += c.timings.wrapMs;
    for (const s of Object.keys(cell.stageMs) as (keyof typeof cell.stageMs)[]) cell.stageMs[s] += c.timings.stageMs[s];
    cells.set(key, cell);
  }
  return buildHandleTimeReport([...cells.values()], untimed, cycleLabel(calls, filters.cycle));
}
