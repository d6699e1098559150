import { ruleDefOf, type CallSession, type Offer } from '../../../../shared/api/call';
import type { CallState } from '../../../../shared/domain/callMachine';
import { callGuidance } from '../../../../shared/domain/guidance';
import { proposeOffers } from '../../../../shared/domain/offers';
import type { Stage } from '../../../../shared/domain/stages';

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
export function offersOnCall(session: CallSession, state: CallState, names: CallNames): OfferOnCall[] {
  const byId = new Map(session.offers.map((o) => [o.id, o]));
  const diagnosed = state.diagnose.primaryReasonId;
  let focus: { categoryId: string | null; reasonId: string | null; source: 'diagnosed' | 'stated' };
  if (diagnosed) focus = { categoryId: names.reasonCategory[diagnosed] ?? null, reasonId: diagnosed, source: 'diagnosed' };
  else if (state.diagnose.categoryId) focus = { categoryId: state.diagnose.categoryId, reasonId: null, source: 'diagnosed' };
  else focus = { categoryId: session.customer.statedCategoryId, reasonId: session.customer.statedReasonId, source: 'stated' };
  const proposed = proposeOffers(
    session.rules.map(ruleDefOf),
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
    if (offer) list.push({ offer, why: p.why, proposed: true });
  }
  for (const a of state.offer.answers) {
    const offer = byId.get(a.offerId);
    if (offer && !list.some((l) => l.offer.id === a.offerId)) list.push({ offer, why: 'Chosen by you from the playbook.', proposed: false });
  }
  return list;
}

/** What the offer is, in one line: "15% off for 3 months", "Alternative product: Service D". */
export function offerTerms(o: Offer): string {
  const months = (n: number | null) => (n === null ? '' : ` for ${n} month${n === 1 ? '' : 's'}`);
  switch (o.type) {
    case 'discount':
      return `Discount: ${o.percent ?? '?'}%${months(o.durationMonths)}`;
    case 'plan_change':
      return o.product ? `Plan change to ${o.product}` : 'Plan change';
    case 'alternative_product':
      return `Alternative product: ${o.product ?? '—'}`;
    case 'pause':
      return `Pause${months(o.durationMonths)}`;
    case 'reactivation_period':
      return `Reactivation period${months(o.durationMonths)}`;
    case 'walkthrough':
      return 'Walkthrough';
    case 'custom':
      return 'Custom offer';
  }
}

export function guidanceFor(session: CallSession, state: CallState, names: CallNames): Record<Stage, string> {
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
  });
  // The playbook's wording of a stage, or this customer's variant of it while an experiment runs.
  for (const g of session.guidance ?? []) standard[g.stage] = g.text;
  return standard;
}
