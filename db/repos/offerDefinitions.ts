import type { Db } from '../open';
import { prepared } from '../statements';
import { enqueueEvent } from './outbox';
import { costModelOf, type OfferCostRow } from './effectReports';
import type { CostModel } from '../../shared/domain/effect';

/**
 * What the hub needs of an offer to count its economics as the desk does: its name and the cost
 * model the desk resolves for it (costModelOf). Calls carry it for each offer they answer; a change
 * to the playbook sends it again (`offer.defined`), since the desk counts every customer an offer
 * won back at its current cost.
 */
export interface OfferForHub {
  offer: string;
  cost: CostModel;
}

export function offerForHub(db: Db, offerId: string): OfferForHub | undefined {
  const row = prepared(db, 'SELECT name, type, percent, duration_months, cost_model, cost_percent, cost_months, cost_amount FROM offers WHERE id = ?').get(offerId) as
    | (OfferCostRow & { name: string })
    | undefined;
  return row ? { offer: row.name.slice(0, 200), cost: costModelOf(row) } : undefined;
}

/** Offer answers as they travel: each with the offer's name and cost when the desk has the offer. */
export function offerAnswersForHub<A extends { offerId: string }>(db: Db, answers: readonly A[]): (A & Partial<OfferForHub>)[] {
  return answers.map((a) => ({ ...a, ...offerForHub(db, a.offerId) }));
}

/** Sends the offer's name and cost as they now are. Call in the transaction of the change. */
export function enqueueOfferDefined(db: Db, offerId: string, now: string): void {
  const o = offerForHub(db, offerId);
  if (o) enqueueEvent(db, 'offer.defined', { offerId, name: o.offer, cost: o.cost, definedAt: now }, now);
}
