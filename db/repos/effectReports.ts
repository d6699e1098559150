import type { Db } from '../open';
import { prepared } from '../statements';
import type { CostModel, CostModelKind } from '../../shared/domain/effect';
import { toCents } from '../../shared/domain/effect';
import type { OffersMadeCell, WonBackCell, WonBackRecord } from '../../shared/reports/offerEconomics';
import type { HandleTimeCell } from '../../shared/reports/handleTime';

/** Reads for offer economics and handle time (read-only: reports never write). */

export interface OfferCostRow {
  type: string;
  percent: number | null;
  duration_months: number | null;
  cost_model: CostModelKind | null;
  cost_percent: number | null;
  cost_months: number | null;
  cost_amount: number | null;
}

/** An offer's cost model; with none set, a discount offer costs its own discount and any other nothing. */
export function costModelOf(o: OfferCostRow): CostModel {
  switch (o.cost_model) {
    case 'discount':
      return { kind: 'discount', percent: o.cost_percent ?? o.percent ?? 0, months: o.cost_months ?? o.duration_months ?? 0 };
    case 'free_months':
      return { kind: 'free_months', months: o.cost_months ?? 0 };
    case 'fixed':
      return { kind: 'fixed', amount: o.cost_amount ?? 0 };
    case 'none':
      return { kind: 'none' };
    default:
      return o.type === 'discount' && o.percent !== null && o.duration_months !== null
        ? { kind: 'discount', percent: o.percent, months: o.duration_months }
        : { kind: 'none' };
  }
}

/**
 * Each customer won back through an offer, from the raw tables (the reference the summary is
 * checked against, and the benchmark's baseline): the offer accepted on their last call with an accepted
 * offer (the first by id when several were accepted on it), where the customer came back (the
 * returns import) or that call recovered them. The return is the imported date, else the call's
 * day; the re-loss the first one intensive care recorded on or after the return.
 */
export function wonBackRecords(db: Db, cycleId: string | null): WonBackRecord[] {
  const rows = prepared(
    db,
    `WITH acc AS (
       SELECT k.customer_id, o.offer_id, k.primary_reason_id AS reason_id, k.completed_at, k.outcome, k.cycle_id,
         row_number() OVER (PARTITION BY k.customer_id ORDER BY k.completed_at DESC, k.id DESC, o.offer_id) AS rn
       FROM call_offers o JOIN calls k ON k.id = o.call_id
       WHERE o.answer = 'accepted'
     ), won AS (
       SELECT a.*, c.segment, coalesce(c.returned_revenue, c.monthly_revenue, 0) AS monthly,
         coalesce(c.returned_on, CASE WHEN a.outcome = 'recovered' THEN substr(a.completed_at, 1, 10) END) AS returned_on
       FROM acc a JOIN customers c ON c.id = a.customer_id
       WHERE a.rn = 1 AND (c.returned_on IS NOT NULL OR a.outcome = 'recovered')
         AND (@cycleId IS NULL OR coalesce(a.cycle_id, c.cycle_id) = @cycleId)
     )
     SELECT w.offer_id, f.name AS offer, w.reason_id, r.name AS reason, w.segment, w.monthly, w.returned_on,
       (SELECT min(e.relost_on) FROM care_enrolments e WHERE e.customer_id = w.customer_id AND e.status = 'relost' AND e.relost_on >= w.returned_on) AS relost_on,
       f.type, f.percent, f.duration_months, f.cost_model, f.cost_percent, f.cost_months, f.cost_amount
     FROM won w JOIN offers f ON f.id = w.offer_id LEFT JOIN reasons r ON r.id = w.reason_id`,
  ).all({ cycleId }) as (OfferCostRow & {
    offer_id: string;
    offer: string;
    reason_id: string | null;
    reason: string | null;
    segment: string | null;
    monthly: number;
    returned_on: string;
    relost_on: string | null;
  })[];
  return rows.map((r) => ({
    offerId: r.offer_id,
    offer: r.offer,
    reasonId: r.reason_id,
    reason: r.reason,
    segment: r.segment,
    monthlyCents: toCents(r.monthly),
    returnedOn: r.returned_on,
    relostOn: r.relost_on,
    cost: costModelOf(r),
  }));
}

/**
 * The won-back customers by offer, diagnosed reason and segment, with their revenue and cost in
 * cents: the cells migration 24's triggers keep summed from `offer_wins`, the per-customer rows
 * migration 20's triggers keep exact (the same figures `wonBackRecords` computes from the raw
 * tables; test/unit/effect-offer-wins.test.ts). One period of the cells' key at a time, so the
 * primary key's prefix finds it.
 */
export function wonBackCells(db: Db, cycleId: string | null): WonBackCell[] {
  return prepared(
    db,
    `SELECT w.offer_id AS offerId, f.name AS offer, nullif(w.reason_id, '') AS reasonId, r.name AS reason, nullif(w.segment, '') AS segment,
       w.won AS wonBack, w.revenue_cents AS revenueCents, w.cost_cents AS costCents
     FROM offer_win_cells w JOIN offers f ON f.id = w.offer_id LEFT JOIN reasons r ON r.id = nullif(w.reason_id, '')
     WHERE w.period_kind = @kind AND w.period = @period`,
  ).all(cycleId === null ? { kind: 'all', period: '' } : { kind: 'cycle', period: cycleId }) as WonBackCell[];
}

/** Calls on which each offer was made, by diagnosed reason and segment, from the summaries the triggers keep. */
export function offersMadeCells(db: Db, cycleId: string | null): OffersMadeCell[] {
  return prepared(
    db,
    `SELECT oc.offer_id AS offerId, f.name AS offer, nullif(oc.reason_id, '') AS reasonId, r.name AS reason,
       nullif(oc.segment, '') AS segment, sum(oc.offered) AS calls
     FROM offer_cells oc JOIN offers f ON f.id = oc.offer_id LEFT JOIN reasons r ON r.id = nullif(oc.reason_id, '')
     WHERE oc.period_kind = @kind AND oc.period = @period
     GROUP BY oc.reason_id, oc.offer_id, oc.segment HAVING sum(oc.offered) > 0`,
    // One period of the cells' key at a time, so the primary key's prefix finds it.
  ).all(cycleId === null ? { kind: 'all', period: '' } : { kind: 'cycle', period: cycleId }) as OffersMadeCell[];
}

export function handleTimeCells(db: Db, cycleId: string | null): { cells: HandleTimeCell[]; untimed: number } {
  const rows = prepared(
    db,
    `SELECT k.caller_id AS callerId, p.name AS caller, k.caller_role AS role, coalesce(k.cycle_id, c.cycle_id) AS cycleId, cy.name AS cycle,
       k.outcome, count(*) AS calls, sum(t.talk_ms) AS talkMs, sum(t.wrap_ms) AS wrapMs,
       sum(t.apologize_ms) AS apologize, sum(t.listen_ms) AS listen, sum(t.diagnose_ms) AS diagnose, sum(t.assist_ms) AS assist, sum(t.offer_ms) AS offer
     FROM call_timings t JOIN calls k ON k.id = t.call_id JOIN people p ON p.id = k.caller_id
     JOIN customers c ON c.id = k.customer_id LEFT JOIN cycles cy ON cy.id = coalesce(k.cycle_id, c.cycle_id)
     WHERE @cycleId IS NULL OR coalesce(k.cycle_id, c.cycle_id) = @cycleId
     GROUP BY k.caller_id, k.caller_role, coalesce(k.cycle_id, c.cycle_id), k.outcome`,
  ).all({ cycleId }) as (Omit<HandleTimeCell, 'stageMs'> & { apologize: number; listen: number; diagnose: number; assist: number; offer: number })[];
  // Every call less the timed ones, from the call facts the triggers keep (one row per call, its cycle
  // the call's or else the customer's): looking up each of 300,000 calls' customer and timing held
  // the console's main thread for most of a second whenever a manager opened Trends.
  // One statement per case, so each counts from an index (every call, or one cycle's); the timed
  // calls are found from the timings (CROSS JOIN keeps SQLite from scanning every call instead).
  const untimed = (
    cycleId === null
      ? prepared(db, 'SELECT (SELECT count(*) FROM call_facts) - (SELECT count(*) FROM call_timings t CROSS JOIN call_facts f ON f.call_id = t.call_id)').pluck().get()
      : prepared(
          db,
          `SELECT (SELECT count(*) FROM call_facts WHERE cycle_id = @cycleId)
             - (SELECT count(*) FROM call_timings t CROSS JOIN call_facts f ON f.call_id = t.call_id WHERE f.cycle_id = @cycleId)`,
        )
          .pluck()
          .get({ cycleId })
  ) as number;
  return {
    cells: rows.map(({ apologize, listen, diagnose, assist, offer, ...r }) => ({ ...r, stageMs: { apologize, listen, diagnose, assist, offer } })),
    untimed,
  };
}
