/** Offers and the playbook rules that propose them (DOMAIN.md: "what tends to work"). */
export const OFFER_TYPES = [
  'discount',
  'plan_change',
  'alternative_product',
  'pause',
  'reactivation_period',
  'walkthrough',
  'custom',
] as const;
export type OfferType = (typeof OFFER_TYPES)[number];

export interface OfferDef {
  id: string;
  name: string;
  type: OfferType;
  talkingPoints: string;
  percent?: number;
  durationMonths?: number;
  generatesCode?: boolean;
}

/** A rule proposes its offer when every condition it sets holds; unset conditions match anything. */
export interface OfferRuleDef {
  id: string;
  priority: number;
  categoryId?: string;
  reasonId?: string;
  product?: string;
  segment?: string;
  minRevenue?: number;
  maxRevenue?: number;
  offerId: string;
}

export const DEFAULT_OFFERS: OfferDef[] = [
  {
    id: 'offer.loyalty-discount',
    name: '15% off for 3 months',
    type: 'discount',
    talkingPoints: 'Framed around the value they miss, time-limited, personal to them.',
    percent: 15,
    durationMonths: 3,
    generatesCode: true,
  },
  {
    id: 'offer.cheaper-plan',
    name: 'A plan that fits what they use',
    type: 'plan_change',
    talkingPoints: 'Walk through what they actually used and propose the plan that matches it.',
  },
  {
    id: 'offer.differentiators',
    name: 'What we do that they will miss',
    type: 'custom',
    talkingPoints: 'Differentiators, an upcoming feature, a customer story like theirs. Never a blast.',
  },
  {
    id: 'offer.walkthrough',
    name: 'A personal walkthrough',
    type: 'walkthrough',
    talkingPoints: 'Book a session that shows the simpler way to get what they wanted.',
  },
  {
    id: 'offer.service-fix',
    name: 'The fix, and proof the process changed',
    type: 'custom',
    talkingPoints: 'Apologise, name what was fixed, and what changed so it does not happen again.',
  },
  {
    id: 'offer.payment-fix',
    name: 'Fix the payment method, no penalty',
    type: 'custom',
    talkingPoints: 'A friendly, simple update of the payment details; any late fee waived.',
  },
  {
    id: 'offer.reactivation',
    name: 'Reactivation period',
    type: 'reactivation_period',
    talkingPoints: 'They can cancel their decision to leave within the period, nothing lost.',
    durationMonths: 1,
  },
  {
    id: 'offer.pause',
    name: 'Pause instead of leaving',
    type: 'pause',
    talkingPoints: 'Keep the account and history; restart when their needs come back.',
    durationMonths: 3,
  },
  {
    id: 'offer.success-stories',
    name: 'Stories of what others achieved',
    type: 'custom',
    talkingPoints: 'Rekindle interest in the outcome with a success story and a useful resource.',
  },
];

export const DEFAULT_OFFER_RULES: OfferRuleDef[] = [
  { id: 'rule.price-discount', priority: 10, categoryId: 'price', offerId: 'offer.loyalty-discount' },
  { id: 'rule.price-plan', priority: 20, categoryId: 'price', offerId: 'offer.cheaper-plan' },
  { id: 'rule.competitor', priority: 10, categoryId: 'competitor', offerId: 'offer.differentiators' },
  { id: 'rule.competitor-discount', priority: 30, categoryId: 'competitor', minRevenue: 70, offerId: 'offer.loyalty-discount' },
  { id: 'rule.fit-walkthrough', priority: 10, categoryId: 'product-fit', offerId: 'offer.walkthrough' },
  { id: 'rule.service-fix', priority: 10, categoryId: 'service', offerId: 'offer.service-fix' },
  { id: 'rule.payment-fix', priority: 10, categoryId: 'payment-admin', offerId: 'offer.payment-fix' },
  { id: 'rule.needs-reactivation', priority: 10, categoryId: 'changed-needs', offerId: 'offer.reactivation' },
  { id: 'rule.needs-pause', priority: 20, categoryId: 'changed-needs', offerId: 'offer.pause' },
  { id: 'rule.passive', priority: 10, categoryId: 'passive', offerId: 'offer.success-stories' },
  { id: 'rule.unknown', priority: 50, categoryId: 'unknown', offerId: 'offer.reactivation' },
];

export interface OfferContext {
  categoryId: string | null;
  reasonId: string | null;
  product: string | null;
  segment: string | null;
  monthlyRevenue: number | null;
}

export interface ProposedOffer {
  offerId: string;
  ruleId: string;
  priority: number;
  /** Why the playbook proposes it, in words, for the Offer stage. */
  why: string;
}

/** The offers the playbook proposes, best (lowest priority number) first, each once. */
export function proposeOffers(rules: readonly OfferRuleDef[], ctx: OfferContext): ProposedOffer[] {
  const matched = rules
    .filter((r) => ruleMatches(r, ctx))
    .sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
  const seen = new Set<string>();
  const out: ProposedOffer[] = [];
  for (const r of matched) {
    if (seen.has(r.offerId)) continue;
    seen.add(r.offerId);
    out.push({ offerId: r.offerId, ruleId: r.id, priority: r.priority, why: describeRule(r) });
  }
  return out;
}

function ruleMatches(r: OfferRuleDef, ctx: OfferContext): boolean {
  if (r.categoryId !== undefined && r.categoryId !== ctx.categoryId) return false;
  if (r.reasonId !== undefined && r.reasonId !== ctx.reasonId) return false;
  if (r.product !== undefined && r.product !== ctx.product) return false;
  if (r.segment !== undefined && r.segment !== ctx.segment) return false;
  if (r.minRevenue !== undefined && (ctx.monthlyRevenue ?? -Infinity) < r.minRevenue) return false;
  if (r.maxRevenue !== undefined && (ctx.monthlyRevenue ?? Infinity) > r.maxRevenue) return false;
  return true;
}

function describeRule(r: OfferRuleDef): string {
  const parts: string[] = [];
  if (r.reasonId) parts.push(`reason is ${r.reasonId}`);
  else if (r.categoryId) parts.push(`reason category is ${r.categoryId}`);
  if (r.product) parts.push(`left ${r.product}`);
  if (r.segment) parts.push(`segment is ${r.segment}`);
  if (r.minRevenue !== undefined) parts.push(`monthly revenue at least ${r.minRevenue}`);
  if (r.maxRevenue !== undefined) parts.push(`monthly revenue at most ${r.maxRevenue}`);
  return parts.length > 0 ? `Proposed because ${parts.join(' and ')}.` : 'Proposed for every customer.';
}
