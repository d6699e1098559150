import type { TFunction } from 'i18next';
import type { CallProblem } from '../../../../shared/domain/callMachine';
import type { Say } from '../../../../shared/domain/guidance';
import type { OfferRuleDef, ProposedOffer } from '../../../../shared/domain/offers';
import { formatMoney, formattingLocaleNow } from '../../lib/format';

/** The guidance's wording from the window's catalogue: the script an agent reads aloud, in their language. */
export function sayWith(t: TFunction): Say {
  const byKey = t as unknown as (key: string, params?: Record<string, string | number>) => string;
  return (key, params) => byKey(`content.guidance.${key}`, params);
}

/** Why a move or the completion is refused, in the person's language; the core's messages arrive in words already. */
export function problemInWords(t: TFunction, p: string | CallProblem): string {
  if (typeof p === 'string') return p;
  switch (p.code) {
    case 'offer_closed':
      if (p.reason && p.assist) return t('call.problems.offerClosedReasonAssist');
      return p.reason ? t('call.problems.offerClosedReason') : t('call.problems.offerClosedAssist');
    case 'go_through_first':
      return t('call.problems.goThroughFirst', { stage: t(`call.stages.${p.stage}`) });
    case 'last_stage':
      return t('call.problems.lastStage');
    case 'first_stage':
      return t('call.problems.firstStage');
    case 'outcome_needs_offer':
      return t('call.problems.needsOffer', { outcome: t(`call.outcomes.${p.outcome}`), why: p.closed ? problemInWords(t, p.closed) : '' }).trim();
    case 'choose_outcome':
      return t('call.problems.chooseOutcome');
    case 'reactivation_missing':
      return t('call.problems.reactivationMissing');
    case 'reactivation_invalid':
      return t('call.problems.reactivationInvalid');
    case 'reactivation_past':
      return t('call.problems.reactivationPast');
    case 'callback_missing':
      return t('call.problems.callbackMissing');
    case 'callback_invalid':
      return t('call.problems.callbackInvalid');
    case 'confirmed_without_reason':
      return t('call.problems.confirmedWithoutReason');
    case 'others_without_primary':
      return t('call.problems.othersWithoutPrimary');
  }
}

/** "3 years a customer", "8 months a customer". */
export function tenureText(t: TFunction, months: number | null): string {
  if (months === null) return t('call.facts.tenureUnknown');
  return months >= 24 ? t('call.facts.tenureYears', { count: Math.floor(months / 12) }) : t('call.facts.tenureMonths', { count: months });
}

/**
 * Why the playbook proposes an offer, in the person's language and the organisation's currency:
 * "Proposed because the diagnosed reason is Too expensive and they left DSL."
 */
export function offerWhy(
  t: TFunction,
  rule: OfferRuleDef,
  source: ProposedOffer['source'],
  names: { categories: Record<string, string>; reasons: Record<string, string> },
): string {
  const parts: string[] = [];
  const is = { diagnosed: 'call.offer.diagnosedIs', stated: 'call.offer.statedIs', other: 'call.offer.otherIs' } as const;
  const isIn = { diagnosed: 'call.offer.diagnosedIn', stated: 'call.offer.statedIn', other: 'call.offer.otherIn' } as const;
  if (rule.reasonId) parts.push(t(is[source], { name: names.reasons[rule.reasonId] ?? rule.reasonId }));
  else if (rule.categoryId) parts.push(t(isIn[source], { name: names.categories[rule.categoryId] ?? rule.categoryId }));
  if (rule.product) parts.push(t('playbook.rules.product', { product: rule.product }));
  if (rule.segment) parts.push(t('playbook.rules.segment', { segment: rule.segment }));
  if (rule.minRevenue !== undefined && rule.maxRevenue !== undefined) parts.push(t('playbook.rules.revenueBetween', { min: formatMoney(rule.minRevenue), max: formatMoney(rule.maxRevenue) }));
  else if (rule.minRevenue !== undefined) parts.push(t('playbook.rules.revenueAtLeast', { min: formatMoney(rule.minRevenue) }));
  else if (rule.maxRevenue !== undefined) parts.push(t('playbook.rules.revenueAtMost', { max: formatMoney(rule.maxRevenue) }));
  if (parts.length === 0) return t('call.offer.forEveryone');
  const conditions = new Intl.ListFormat(formattingLocaleNow(), { style: 'long', type: 'conjunction' }).format(parts);
  return t('call.offer.because', { conditions });
}
