import { z } from 'zod';
import { monthsPaid, wonBackCents, type CostModel } from '../domain/effect';

/**
 * Offer economics: for each offer, diagnosed reason and segment, the customers it won back, the
 * revenue they paid from their return until they were lost again or 12 months, whichever came
 * first, what the offer cost, the net, and the net per call on which the offer was made.
 * Money in whole cents so every sum is exact.
 */
export const OfferEconomicsRow = z.object({
  offerId: z.string(),
  offer: z.string(),
  reasonId: z.string().nullable(),
  reason: z.string(),
  segment: z.string().nullable(),
  callsMade: z.number().int(),
  wonBack: z.number().int(),
  revenueCents: z.number().int(),
  costCents: z.number().int(),
  netCents: z.number().int(),
  /** Null when the offer was never made in this cell. */
  netPerCallCents: z.number().nullable(),
  /** The offer cost more than the revenue it won back. */
  flagged: z.boolean(),
});
export type OfferEconomicsRow = z.infer<typeof OfferEconomicsRow>;

export const OfferEconomicsReport = z.object({
  cycle: z.string().nullable(),
  rows: z.array(OfferEconomicsRow),
  byOffer: z.array(OfferEconomicsRow),
  totals: z.object({ callsMade: z.number().int(), wonBack: z.number().int(), revenueCents: z.number().int(), costCents: z.number().int(), netCents: z.number().int() }),
});
export type OfferEconomicsReport = z.infer<typeof OfferEconomicsReport>;

export interface WonBackRecord {
  offerId: string;
  offer: string;
  reasonId: string | null;
  reason: string | null;
  segment: string | null;
  /** The monthly revenue after the return (the returns import's), else the departed revenue, in cents. */
  monthlyCents: number;
  returnedOn: string;
  relostOn: string | null;
  cost: CostModel;
}

/** Won-back customers of one offer, reason and segment, summed. */
export interface WonBackCell {
  offerId: string;
  offer: string;
  reasonId: string | null;
  reason: string | null;
  segment: string | null;
  wonBack: number;
  revenueCents: number;
  costCents: number;
}

/** Sums won-back records into cells, each customer's money computed as the console's summary does. */
export function wonBackCellsOf(won: readonly WonBackRecord[]): WonBackCell[] {
  const cells = new Map<string, WonBackCell>();
  for (const w of won) {
    const key = JSON.stringify([w.offerId, w.reasonId, w.segment]);
    let c = cells.get(key);
    if (!c) {
      c = { offerId: w.offerId, offer: w.offer, reasonId: w.reasonId, reason: w.reason, segment: w.segment, wonBack: 0, revenueCents: 0, costCents: 0 };
      cells.set(key, c);
    }
    const money = wonBackCents(w.monthlyCents, monthsPaid(w.returnedOn, w.relostOn), w.cost);
    c.wonBack += 1;
    c.revenueCents += money.revenueCents;
    c.costCents += money.costCents;
  }
  return [...cells.values()];
}

export interface OffersMadeCell {
  offerId: string;
  offer: string;
  reasonId: string | null;
  reason: string | null;
  segment: string | null;
  calls: number;
}

type Acc = Omit<OfferEconomicsRow, 'netPerCallCents' | 'flagged'>;

function finish(a: Acc): OfferEconomicsRow {
  return { ...a, netPerCallCents: a.callsMade > 0 ? Math.round(a.netCents / a.callsMade) : null, flagged: a.costCents > a.revenueCents };
}

export function buildOfferEconomics(won: readonly WonBackRecord[], made: readonly OffersMadeCell[], cycle: string | null): OfferEconomicsReport {
  return buildOfferEconomicsFromCells(wonBackCellsOf(won), made, cycle);
}

export function buildOfferEconomicsFromCells(won: readonly WonBackCell[], made: readonly OffersMadeCell[], cycle: string | null): OfferEconomicsReport {
  const cells = new Map<string, Acc>();
  const byOffer = new Map<string, Acc>();
  const cell = (m: Map<string, Acc>, key: string, base: { offerId: string; offer: string; reasonId: string | null; reason: string | null; segment: string | null }) => {
    let a = m.get(key);
    if (!a) {
      a = { offerId: base.offerId, offer: base.offer, reasonId: base.reasonId, reason: base.reason ?? 'No diagnosis', segment: base.segment, callsMade: 0, wonBack: 0, revenueCents: 0, costCents: 0, netCents: 0 };
      m.set(key, a);
    }
    return a;
  };
  const keyOf = (x: { offerId: string; reasonId: string | null; segment: string | null }) => JSON.stringify([x.offerId, x.reasonId, x.segment]);
  for (const m of made) {
    cell(cells, keyOf(m), m).callsMade += m.calls;
    cell(byOffer, m.offerId, { ...m, reasonId: null, reason: 'Every reason', segment: null }).callsMade += m.calls;
  }
  for (const w of won) {
    for (const a of [cell(cells, keyOf(w), w), cell(byOffer, w.offerId, { ...w, reasonId: null, reason: 'Every reason', segment: null })]) {
      a.wonBack += w.wonBack;
      a.revenueCents += w.revenueCents;
      a.costCents += w.costCents;
      a.netCents += w.revenueCents - w.costCents;
    }
  }
  const rows = [...cells.values()].map(finish).sort((a, b) => b.netCents - a.netCents || a.offer.localeCompare(b.offer) || a.reason.localeCompare(b.reason) || (a.segment ?? '').localeCompare(b.segment ?? ''));
  const offers = [...byOffer.values()].map(finish).sort((a, b) => b.netCents - a.netCents || a.offer.localeCompare(b.offer));
  const totals = { callsMade: 0, wonBack: 0, revenueCents: 0, costCents: 0, netCents: 0 };
  for (const o of offers) {
    totals.callsMade += o.callsMade;
    totals.wonBack += o.wonBack;
    totals.revenueCents += o.revenueCents;
    totals.costCents += o.costCents;
    totals.netCents += o.netCents;
  }
  return { cycle, rows, byOffer: offers, totals };
}

const money = (cents: number | null) => (cents === null ? '' : (cents / 100).toFixed(2));

export function offerEconomicsCsvRows(r: OfferEconomicsReport): Record<string, string | number>[] {
  return r.rows.map((x) => ({
    offer: x.offer,
    diagnosed_reason: x.reason,
    segment: x.segment ?? '',
    calls_made: x.callsMade,
    won_back: x.wonBack,
    revenue_won_back: money(x.revenueCents),
    offer_cost: money(x.costCents),
    net: money(x.netCents),
    net_per_call: money(x.netPerCallCents),
    costs_more_than_it_keeps: x.flagged ? 'yes' : 'no',
  }));
}
