import type { TFunction } from 'i18next';
import { ruleDefOf, type CallSession, type Offer } from '../../../../shared/api/call';
import type { CallState } from '../../../../shared/domain/callMachine';
import { callGuidance } from '../../../../shared/domain/guidance';
import { proposeOffers } from '../../../../shared/domain/offers';
import type { Stage } from '../../../../shared/domain/stages';
import { offerWhy, sayWith } from './words';

/** What the call screen derives from the session and the open call; pure, so every stage reads the same. */
export interface CallNames {
  categories: Record<string, string>;
  reasons: Record<string, string>;
  reasonCategory: Record<string, string>;
  approaches: Record<string, string>;
}

export function namesOf(session: CallSession): CallNames {
  const names: CallNames = { categories: {}, reasons: {}, reasonCategory: {}, approaches: {} };
  for (const c of session.taxonomy) {
    names.categories[c.id] = c.name;
    names.approaches[c.id] = c.approach;
    for (const r of c.reasons) {
      names.reasons[r.id] = r.name;
      names.reasonCategory[r.id] = c.id;
    }
  }
  return names;
}

export interface OfferOnCall {
  offer: Offer;
  /** Why it is on the list: the playbook's reason, or that the agent chose it. */
  why: string;
  proposed: boolean;
}

/**
 * The Offer stage's list: what the playbook proposes for the diagnosed reason (or, before any
 * diagnosis, the stated one), best first, then any other offer the agent chose from the playbook.
 */
export function offersOnCall(session: CallSession, state: CallState, names: CallNames, t?: TFunction): OfferOnCall[] {
  const byId = new Map(session.offers.map((o) => [o.id, o]));
  const diagnosed = state.diagnose.primaryReasonId;
  let focus: { categoryId: string | null; reasonId: string | null; source: 'diagnosed' | 'stated' };
  if (diagnosed) focus = { categoryId: names.reasonCategory[diagnosed] ?? null, reasonId: diagnosed, source: 'diagnosed' };
  else if (state.diagnose.categoryId) focus = { categoryId: state.diagnose.categoryId, reasonId: null, source: 'diagnosed' };
  else focus = { categoryId: session.customer.statedCategoryId, reasonId: session.customer.statedReasonId, source: 'stated' };
  const rules = session.rules.map(ruleDefOf);
  const proposed = proposeOffers(
    rules,
    {
      categoryId: focus.categoryId,
      reasonId: focus.reasonId,
      otherReasons: state.diagnose.otherReasonIds.map((r) => ({ reasonId: r, categoryId: names.reasonCategory[r] ?? '' })),
      product: session.customer.product,
      segment: session.customer.segment,
      monthlyRevenue: session.customer.monthlyRevenue,
      reasonSource: focus.source,
    },
    names,
  );
  const list: OfferOnCall[] = [];
  for (const p of proposed) {
    const offer = byId.get(p.offerId);
    const rule = rules.find((r) => r.id === p.ruleId);
    // Without a translator (the core, a test of the model alone) the playbook's English explanation.
    if (offer) list.push({ offer, why: t && rule ? offerWhy(t, rule, p.source, names) : p.why, proposed: true });
  }
  for (const a of state.offer.answers) {
    const offer = byId.get(a.offerId);
    if (offer && !list.some((l) => l.offer.id === a.offerId)) list.push({ offer, why: t ? t('call.offer.chosen') : 'Chosen by you from the playbook.', proposed: false });
  }
  return list;
}

/** The script of each stage; in the person's language when the window's translator is given. */
export function guidanceFor(session: CallSession, state: CallState, names: CallNames, t?: TFunction): Record<Stage, string> {
  const diagnosed = state.diagnose.primaryReasonId;
  const category = diagnosed ? names.reasonCategory[diagnosed] : (state.diagnose.categoryId ?? session.customer.statedCategoryId);
  const standard = callGuidance({
    customerName: session.customer.name,
    callerName: session.caller.name,
    callerRole: session.caller.role,
    tenureMonths: session.customer.tenureMonths,
    monthlyRevenue: session.customer.monthlyRevenue,
    statedReasonText: session.customer.statedReason,
    statedCategoryName: session.customer.statedCategoryName,
    approach: category ? (names.approaches[category] ?? null) : null,
    diagnosedReasonName: diagnosed ? (names.reasons[diagnosed] ?? null) : null,
  }, t ? sayWith(t) : undefined);
  // The playbook's wording of a stage, or this customer's variant of it while an experiment runs.
  for (const g of session.guidance ?? []) standard[g.stage] = g.text;
  return standard;
}
