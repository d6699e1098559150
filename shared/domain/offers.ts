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
  /** The product or plan proposed, for alternative products and plan changes ("Service D"). */
  product?: string;
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
  /** The primary reason: the diagnosed one, or the stated one before the call has diagnosed any. */
  categoryId: string | null;
  reasonId: string | null;
  /** The other diagnosed reasons; their offers come after those of the primary reason. */
  otherReasons?: readonly { categoryId: string; reasonId: string }[];
  product: string | null;
  segment: string | null;
  monthlyRevenue: number | null;
  /** Whether the primary reason is the one stated at departure; the explanation says so. */
  reasonSource?: 'diagnosed' | 'stated';
}

/** Names for the ids a rule refers to, so the explanation reads as words, not ids. */
export interface OfferNames {
  categories?: Readonly<Record<string, string>>;
  reasons?: Readonly<Record<string, string>>;
}

export interface ProposedOffer {
  offerId: string;
  ruleId: string;
  priority: number;
  /** Why the playbook proposes it, in words, for the Offer stage. */
  why: string;
  /** Which reason the rule matched: the window words `why` again in the person's language from it. */
  source: 'diagnosed' | 'stated' | 'other';
}

/**
 * The offers the playbook proposes, best first, each once: offers for the primary reason before
 * those for other reasons, then by priority (lower number first). Product and segment compare
 * without regard to case or surrounding spaces: exports spell them inconsistently.
 */
export function proposeOffers(rules: readonly OfferRuleDef[], ctx: OfferContext, names: OfferNames = {}): ProposedOffer[] {
  const matched: { rule: OfferRuleDef; viaOther: boolean }[] = [];
  for (const rule of rules) {
    if (!facetsMatch(rule, ctx)) continue;
    if (reasonMatches(rule, ctx.categoryId, ctx.reasonId)) matched.push({ rule, viaOther: false });
    else if ((ctx.otherReasons ?? []).some((o) => reasonMatches(rule, o.categoryId, o.reasonId))) matched.push({ rule, viaOther: true });
  }
  matched.sort(
    (a, b) => Number(a.viaOther) - Number(b.viaOther) || a.rule.priority - b.rule.priority || a.rule.id.localeCompare(b.rule.id),
  );
  const seen = new Set<string>();
  const out: ProposedOffer[] = [];
  for (const { rule, viaOther } of matched) {
    if (seen.has(rule.offerId)) continue;
    seen.add(rule.offerId);
    const source = viaOther ? 'other' : (ctx.reasonSource ?? 'diagnosed');
    out.push({ offerId: rule.offerId, ruleId: rule.id, priority: rule.priority, why: describeRule(rule, names, source), source });
  }
  return out;
}

const same = (a: string, b: string | null) => b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

function reasonMatches(r: OfferRuleDef, categoryId: string | null, reasonId: string | null): boolean {
  if (r.categoryId !== undefined && r.categoryId !== categoryId) return false;
  if (r.reasonId !== undefined && r.reasonId !== reasonId) return false;
  return true;
}

function facetsMatch(r: OfferRuleDef, ctx: OfferContext): boolean {
  if (r.product !== undefined && !same(r.product, ctx.product)) return false;
  if (r.segment !== undefined && !same(r.segment, ctx.segment)) return false;
  if (r.minRevenue !== undefined && (ctx.monthlyRevenue ?? -Infinity) < r.minRevenue) return false;
  if (r.maxRevenue !== undefined && (ctx.monthlyRevenue ?? Infinity) > r.maxRevenue) return false;
  return true;
}

/** A rule's conditions in words: "Proposed because the diagnosed reason is Too expensive and they left DSL." */
export function describeRule(r: OfferRuleDef, names: OfferNames = {}, source: 'diagnosed' | 'stated' | 'other' = 'diagnosed'): string {
  const which = source === 'other' ? 'another diagnosed reason' : source === 'stated' ? 'the stated reason' : 'the diagnosed reason';
  const parts: string[] = [];
  if (r.reasonId) parts.push(`${which} is ${names.reasons?.[r.reasonId] ?? r.reasonId}`);
  else if (r.categoryId) parts.push(`${which} is in ${names.categories?.[r.categoryId] ?? r.categoryId}`);
  if (r.product) parts.push(`they left ${r.product}`);
  if (r.segment) parts.push(`their segment is ${r.segment}`);
  if (r.minRevenue !== undefined && r.maxRevenue !== undefined) parts.push(`monthly revenue is ${r.minRevenue} to ${r.maxRevenue}`);
  else if (r.minRevenue !== undefined) parts.push(`monthly revenue is at least ${r.minRevenue}`);
  else if (r.maxRevenue !== undefined) parts.push(`monthly revenue is at most ${r.maxRevenue}`);
  return parts.length > 0 ? `Proposed because ${parts.join(' and ')}.` : 'Proposed for every customer.';
}
