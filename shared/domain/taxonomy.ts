/**
 * The default reason taxonomy, built on the reasons the recovery articles name (see DOMAIN.md).
 * Ids are stable: history and reports refer to them, so a rename changes the name, never the id.
 * A manager extends it with new categories or reasons; retired ones stay for earlier trends.
 */
export interface ReasonCategoryDef {
  id: string;
  name: string;
  /** What tends to win this customer back; shown as guidance on the call. */
  approach: string;
  /** False for reasons that must never be called (deceased, business closed). */
  recoverable: boolean;
  reasons: { id: string; name: string }[];
}

export const DEFAULT_TAXONOMY: ReasonCategoryDef[] = [
  {
    id: 'price',
    name: 'Price / value for money',
    approach:
      'A personalised, time-limited incentive framed around the value they miss, or a cheaper plan.',
    recoverable: true,
    reasons: [
      { id: 'price.too-expensive', name: 'Too expensive' },
      { id: 'price.extra-charges', name: 'Extra charges' },
      { id: 'price.long-distance-charges', name: 'Long distance charges' },
      { id: 'price.speed-not-affordable', name: 'Speed not affordable' },
      { id: 'price.unused-features', name: 'Paying for what they do not use' },
    ],
  },
  {
    id: 'competitor',
    name: 'Competitor',
    approach:
      'Confident and value-led: differentiators, an upcoming feature, a case study. Never a blast.',
    recoverable: true,
    reasons: [
      { id: 'competitor.better-offer', name: 'Competitor made a better offer' },
      { id: 'competitor.better-speeds', name: 'Competitor offered higher speeds' },
      { id: 'competitor.more-data', name: 'Competitor offered more data' },
      { id: 'competitor.better-devices', name: 'Competitor had better devices' },
      { id: 'competitor.features', name: "Competitor's features" },
    ],
  },
  {
    id: 'product-fit',
    name: 'Product fit or complexity',
    approach:
      'Education: a walkthrough, targeted tutorials, a simpler workflow or an alternative product.',
    recoverable: true,
    reasons: [
      { id: 'product-fit.dissatisfied', name: 'Product dissatisfaction' },
      { id: 'product-fit.limited-range', name: 'Limited range of services' },
      { id: 'product-fit.no-self-service', name: 'Lack of self-service' },
      { id: 'product-fit.confusing', name: 'Confusing to use' },
    ],
  },
  {
    id: 'service',
    name: 'Service experience',
    approach: 'Apologise, fix it, and show that the process changed.',
    recoverable: true,
    reasons: [
      { id: 'service.support-attitude', name: 'Attitude of support person' },
      { id: 'service.provider-attitude', name: 'Attitude of service provider' },
      { id: 'service.dissatisfied', name: 'Service dissatisfaction' },
      { id: 'service.reliability', name: 'Network reliability' },
      { id: 'service.phone-support-expertise', name: 'Poor expertise of phone support' },
      { id: 'service.online-support-expertise', name: 'Poor expertise of online support' },
    ],
  },
  {
    id: 'payment-admin',
    name: 'Payment or admin',
    approach: 'A friendly, simple fix of the payment method, with no penalty.',
    recoverable: true,
    reasons: [
      { id: 'payment-admin.failed-payment', name: 'Failed payment' },
      { id: 'payment-admin.expired-card', name: 'Expired card' },
      { id: 'payment-admin.admin-error', name: 'Admin error' },
    ],
  },
  {
    id: 'changed-needs',
    name: 'Changed needs',
    approach: 'A reactivation period, a pause, or staying in touch.',
    recoverable: true,
    reasons: [
      { id: 'changed-needs.moved', name: 'Moved' },
      { id: 'changed-needs.temporary', name: 'Temporary change of requirements' },
      { id: 'changed-needs.partner-demand', name: 'Demand by a partner' },
    ],
  },
  {
    id: 'passive',
    name: 'Passive / oversight',
    approach: 'Rekindle interest in the outcome: success stories, a useful resource.',
    recoverable: true,
    reasons: [
      { id: 'passive.faded-away', name: 'Faded away' },
      { id: 'passive.forgot', name: 'Forgot to renew' },
    ],
  },
  {
    id: 'not-recoverable',
    name: 'Not recoverable',
    approach: 'Never call again; these customers are excluded from queues.',
    recoverable: false,
    reasons: [
      { id: 'not-recoverable.deceased', name: 'Deceased' },
      { id: 'not-recoverable.business-closed', name: 'Business closed' },
    ],
  },
  {
    id: 'unknown',
    name: 'Unknown',
    approach: "The call's job is to find out.",
    recoverable: true,
    reasons: [{ id: 'unknown.dont-know', name: "Don't know" }],
  },
];

/**
 * Stated-reason phrasings seen in real departure records, mapped to a specific reason.
 * Keys are normalised with normalizeReasonText.
 */
export const DEFAULT_REASON_PHRASES: Record<string, string> = {
  'attitude of support person': 'service.support-attitude',
  'competitor offered higher download speeds': 'competitor.better-speeds',
  'competitor offered more data': 'competitor.more-data',
  "don't know": 'unknown.dont-know',
  'dont know': 'unknown.dont-know',
  'competitor made better offer': 'competitor.better-offer',
  'attitude of service provider': 'service.provider-attitude',
  'competitor had better devices': 'competitor.better-devices',
  'network reliability': 'service.reliability',
  'product dissatisfaction': 'product-fit.dissatisfied',
  'price too high': 'price.too-expensive',
  'too expensive': 'price.too-expensive',
  'service dissatisfaction': 'service.dissatisfied',
  'lack of self-service on website': 'product-fit.no-self-service',
  'extra data charges': 'price.extra-charges',
  moved: 'changed-needs.moved',
  'limited range of services': 'product-fit.limited-range',
  'lack of affordable download/upload speed': 'price.speed-not-affordable',
  'long distance charges': 'price.long-distance-charges',
  'poor expertise of phone support': 'service.phone-support-expertise',
  'poor expertise of online support': 'service.online-support-expertise',
  deceased: 'not-recoverable.deceased',
  'business closed': 'not-recoverable.business-closed',
  'failed payment': 'payment-admin.failed-payment',
  'expired card': 'payment-admin.expired-card',
};

/** Case, spacing and curly apostrophes differ between exports; the meaning does not. */
export function normalizeReasonText(text: string): string {
  return text.trim().toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ');
}
