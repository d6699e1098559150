import { said, type Said } from '../../../shared/i18n/said';
import type { Offer, OfferRule } from '../../../shared/api/call';
import type { Playbook } from '../../../shared/api/playbook';
import type { Person } from '../../../shared/api/session';
import type { OfferType } from '../../../shared/domain/offers';
import type { Db } from '../../../db/open';
import {
  deleteRule as removeRule,
  getOffer,
  getRule,
  insertOffer,
  insertRule,
  listOffers,
  listRules,
  offerIdTaken,
  setOfferRetired,
  updateOffer,
  updateRule,
  type OfferRow,
  type OfferRuleRow,
  type OfferWrite,
} from '../../../db/repos/offers';
import { getCategory, getReason } from '../../../db/repos/reasons';
import { audit } from '../../../db/repos/audit';
import { enqueueOfferDefined } from '../../../db/repos/offerDefinitions';
import type { ServiceDeps } from '../types';
import { slug, uniqueId } from './ids';
import { appError, appErrorSaying } from '../i18n/errors';

export const toOffer = (o: OfferRow): Offer => ({
  id: o.id,
  name: o.name,
  type: o.type,
  talkingPoints: o.talking_points,
  percent: o.percent,
  durationMonths: o.duration_months,
  generatesCode: o.generates_code === 1,
  product: o.product,
  retired: o.retired_at !== null,
});

export const toRule = (r: OfferRuleRow): OfferRule => ({
  id: r.id,
  priority: r.priority,
  categoryId: r.category_id,
  reasonId: r.reason_id,
  product: r.product,
  segment: r.segment,
  minRevenue: r.min_revenue,
  maxRevenue: r.max_revenue,
  offerId: r.offer_id,
});

export { ruleDefOf as toRuleDef } from '../../../shared/api/call';

export function listPlaybook(db: Db): Playbook {
  return { offers: listOffers(db).map(toOffer), rules: listRules(db).map(toRule) };
}

/** Rules that can propose something now: their offer is not retired (`offers`: the offers already read, if any). */
export function activeRules(db: Db, offers: readonly OfferRow[] = listOffers(db)): OfferRule[] {
  const retired = new Set(offers.filter((o) => o.retired_at !== null).map((o) => o.id));
  return listRules(db).map(toRule).filter((r) => !retired.has(r.offerId));
}

/** What each offer type needs, so an offer can be carried out as the agent describes it. */
function offerProblems(o: Omit<OfferWrite, 'id'>): Said | null {
  type Field = 'percent' | 'durationMonths' | 'product';
  const needs: Partial<Record<OfferType, Field[]>> = {
    discount: ['percent', 'durationMonths'],
    pause: ['durationMonths'],
    reactivation_period: ['durationMonths'],
    alternative_product: ['product'],
  };
  const missing = (needs[o.type] ?? []).filter((k) => o[k] === null);
  if (missing.length > 0) return said('errors.playbook.offerNeeds', { what: { list: missing.map((k) => said(`errors.playbook.offerField.${k}`)), join: 'and' } });
  if (o.type !== 'discount' && o.percent !== null) return said('errors.playbook.percentOnlyDiscount');
  return null;
}

export function saveOffer(deps: ServiceDeps, user: Person, input: Omit<OfferWrite, 'id'> & { id?: string | undefined }): Playbook {
  const { db } = deps;
  const now = deps.now().toISOString();
  const problem = offerProblems(input);
  if (problem) throw appErrorSaying('invalid_input', problem);
  db.transaction(() => {
    if (input.id !== undefined) {
      if (!getOffer(db, input.id)) throw appError('not_found', 'playbook.unknownOffer', { id: input.id });
      updateOffer(db, { ...input, id: input.id });
      // A changed name, discount or duration changes what the offer's wins are worth on the hub too.
      enqueueOfferDefined(db, input.id, now);
      audit(db, { at: now, actorId: user.id, action: 'playbook.offer.update', entity: 'offer', entityId: input.id, detail: { name: input.name } });
    } else {
      const id = uniqueId(`offer.${slug(input.name)}`, (x) => offerIdTaken(db, x));
      insertOffer(db, { ...input, id });
      audit(db, { at: now, actorId: user.id, action: 'playbook.offer.add', entity: 'offer', entityId: id, detail: { name: input.name } });
    }
  })();
  return listPlaybook(db);
}

export function retireOffer(deps: ServiceDeps, user: Person, input: { id: string; retired: boolean }): Playbook {
  const { db } = deps;
  const now = deps.now().toISOString();
  if (!getOffer(db, input.id)) throw appError('not_found', 'playbook.unknownOffer', { id: input.id });
  db.transaction(() => {
    setOfferRetired(db, input.id, input.retired ? now : null);
    audit(db, { at: now, actorId: user.id, action: input.retired ? 'playbook.offer.retire' : 'playbook.offer.restore', entity: 'offer', entityId: input.id });
  })();
  return listPlaybook(db);
}

export function saveRule(deps: ServiceDeps, user: Person, input: Omit<OfferRule, 'id'> & { id?: string | undefined }): Playbook {
  const { db } = deps;
  const now = deps.now().toISOString();
  const offer = getOffer(db, input.offerId);
  if (!offer) throw appError('not_found', 'playbook.unknownOffer', { id: input.offerId });
  if (offer.retired_at !== null) throw appError('conflict', 'playbook.offerRetired', { name: offer.name });
  if (input.categoryId !== null && !getCategory(db, input.categoryId)) throw appError('not_found', 'taxonomy.unknownCategory', { id: input.categoryId });
  if (input.reasonId !== null) {
    const reason = getReason(db, input.reasonId);
    if (!reason) throw appError('not_found', 'taxonomy.unknownReason', { id: input.reasonId });
    if (input.categoryId !== null && reason.category_id !== input.categoryId) {
      throw appError('invalid_input', 'taxonomy.reasonNotInCategory', { reason: reason.name });
    }
  }
  if (input.minRevenue !== null && input.maxRevenue !== null && input.minRevenue > input.maxRevenue) {
    throw appError('invalid_input', 'playbook.bandInverted');
  }
  db.transaction(() => {
    if (input.id !== undefined) {
      if (!getRule(db, input.id)) throw appError('not_found', 'playbook.unknownRule', { id: input.id });
      updateRule(db, { ...input, id: input.id });
      audit(db, { at: now, actorId: user.id, action: 'playbook.rule.update', entity: 'offer_rule', entityId: input.id, detail: input });
    } else {
      const id = uniqueId(`rule.${slug(offer.name)}`, (x) => getRule(db, x) !== undefined);
      insertRule(db, { ...input, id });
      audit(db, { at: now, actorId: user.id, action: 'playbook.rule.add', entity: 'offer_rule', entityId: id, detail: input });
    }
  })();
  return listPlaybook(db);
}

export function deleteRule(deps: ServiceDeps, user: Person, input: { id: string }): Playbook {
  const { db } = deps;
  const now = deps.now().toISOString();
  const rule = getRule(db, input.id);
  if (!rule) throw appError('not_found', 'playbook.unknownRule', { id: input.id });
  db.transaction(() => {
    removeRule(db, input.id);
    // Calls refer to offers, never to rules, so deleting a rule leaves history whole; the audit keeps it.
    audit(db, { at: now, actorId: user.id, action: 'playbook.rule.delete', entity: 'offer_rule', entityId: input.id, detail: toRule(rule) });
  })();
  return listPlaybook(db);
}
