import { randomUUID } from 'node:crypto';
import type { OfferRule } from '../../../shared/api/call';
import { pickVariant, type CostModelKind } from '../../../shared/domain/effect';
import type { Db } from '../../../db/open';
import type { ServiceDeps } from '../types';
import { endExperiment, getExperiment, insertExperiment, listVariants, pointRulesAt, runningExperiments } from '../../../db/repos/effect';
import { getOffer } from '../../../db/repos/offers';
import { expectOneRow, prepared } from '../../../db/statements';
import { audit } from '../../../db/repos/audit';
import { enqueueOfferDefined } from '../../../db/repos/offerDefinitions';
import { appError } from '../i18n/errors';
import { said } from '../../../shared/i18n/said';

/**
 * The rules as one customer's call sees them: where a rule proposes an offer under experiment, it
 * proposes the customer's variant instead (by the hash of the experiment and the customer id), so
 * the call shows that variant only.
 */
export function rulesForCustomer(db: Db, rules: readonly OfferRule[], externalId: string): OfferRule[] {
  const running = runningExperiments(db);
  if (running.length === 0) return [...rules];
  const variantOf = new Map<string, string>();
  for (const e of running) {
    const v = pickVariant(e.id, externalId, e.variants);
    if (v) variantOf.set(e.baseOfferId, v.offerId);
  }
  return rules.map((r) => {
    const v = variantOf.get(r.offerId);
    return v === undefined ? r : { ...r, offerId: v };
  });
}

export function startExperiment(
  deps: ServiceDeps,
  input: { name: string; baseOfferId: string; variants: { offerId: string; weight: number }[] },
  actorId: string,
): { id: string } {
  const { db } = deps;
  const base = getOffer(db, input.baseOfferId);
  if (!base) throw appError('not_found', 'playbook.unknownOffer', { id: input.baseOfferId });
  const ids = new Set<string>();
  for (const v of input.variants) {
    const o = getOffer(db, v.offerId);
    if (!o) throw appError('not_found', 'playbook.unknownOffer', { id: v.offerId });
    if (o.retired_at !== null) throw appError('conflict', 'effect.variantRetired', { name: o.name });
    if (ids.has(v.offerId)) throw appError('invalid_input', 'effect.variantTwice', { name: o.name });
    ids.add(v.offerId);
  }
  const clash = runningExperiments(db).find((e) => e.baseOfferId === input.baseOfferId || e.variants.some((v) => ids.has(v.offerId)));
  if (clash) throw appError('conflict', 'effect.experimentRunning', { name: base.name });
  const id = randomUUID();
  const now = deps.now().toISOString();
  db.transaction(() => {
    insertExperiment(db, { id, name: input.name, baseOfferId: input.baseOfferId, variants: input.variants }, actorId, now);
    audit(db, { at: now, actorId, action: 'effect.startExperiment', entity: 'experiment', entityId: id, detail: input });
  })();
  return { id };
}

/** Ends an experiment: the rules that proposed its offer now propose the winner, and the decision is kept. */
export function finishExperiment(deps: ServiceDeps, input: { id: string; winnerOfferId: string; note: string }, actorId: string): { rulesChanged: number } {
  const { db } = deps;
  const e = getExperiment(db, input.id);
  if (!e) throw appError('not_found', 'effect.experimentNotFound', { id: input.id });
  if (e.ended_at !== null) throw appError('conflict', 'effect.experimentEnded', { name: e.name });
  if (!listVariants(db, e.id).some((v) => v.offer_id === input.winnerOfferId)) {
    throw appError('invalid_input', 'effect.winnerNotVariant');
  }
  const now = deps.now().toISOString();
  let rulesChanged = 0;
  db.transaction(() => {
    endExperiment(db, e.id, input.winnerOfferId, input.note, actorId, now);
    if (input.winnerOfferId !== e.base_offer_id) rulesChanged = pointRulesAt(db, e.base_offer_id, input.winnerOfferId);
    audit(db, { at: now, actorId, action: 'effect.endExperiment', entity: 'experiment', entityId: e.id, detail: { winnerOfferId: input.winnerOfferId, note: input.note, rulesChanged } });
  })();
  return { rulesChanged };
}

export function setOfferCost(
  deps: ServiceDeps,
  input: { offerId: string; model: CostModelKind; percent: number | null; months: number | null; amount: number | null },
  actorId: string,
): { offerId: string } {
  const { db } = deps;
  if (!getOffer(db, input.offerId)) throw appError('not_found', 'playbook.unknownOffer', { id: input.offerId });
  const need: Record<CostModelKind, ('percent' | 'months' | 'amount')[]> = { none: [], discount: ['percent', 'months'], free_months: ['months'], fixed: ['amount'] };
  const missing = need[input.model].filter((f) => input[f] === null);
  if (missing.length > 0) throw appError('invalid_input', 'effect.costNeeds', { model: said(`errors.effect.costModel.${input.model}`), fields: { list: missing.map((f) => said(`errors.effect.costField.${f}`)), join: 'and' } });
  const now = deps.now().toISOString();
  db.transaction(() => {
    expectOneRow(
      prepared(db, 'UPDATE offers SET cost_model = ?, cost_percent = ?, cost_months = ?, cost_amount = ? WHERE id = ?').run(
        input.model,
        input.model === 'discount' ? input.percent : null,
        input.model === 'discount' || input.model === 'free_months' ? input.months : null,
        input.model === 'fixed' ? input.amount : null,
        input.offerId,
      ),
      'setOfferCost',
    );
    enqueueOfferDefined(db, input.offerId, now);
    audit(db, { at: now, actorId, action: 'effect.setOfferCost', entity: 'offer', entityId: input.offerId, detail: input });
  })();
  return { offerId: input.offerId };
}
