import type { TFunction } from 'i18next';
import type { Offer } from '../../../../shared/api/call';
import type { OfferRuleDef } from '../../../../shared/domain/offers';
import { formatMoney, formattingLocaleNow } from '../../lib/format';

/** "15 %" or "15%", as the person's locale writes a whole percentage. */
function wholePercent(value: number | null): string {
  return value === null ? '?' : new Intl.NumberFormat(formattingLocaleNow(), { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
}

/** An offer's terms in the person's language: "Discount: 15% for 3 months", "Plan change to Fiber 1G". */
export function offerTermsText(t: TFunction, o: Offer): string {
  const months = o.durationMonths;
  switch (o.type) {
    case 'discount':
      return months === null
        ? t('playbook.terms.discount', { percent: wholePercent(o.percent) })
        : t('playbook.terms.discountFor', { percent: wholePercent(o.percent), count: months });
    case 'plan_change':
      return o.product ? t('playbook.terms.planChangeTo', { product: o.product }) : t('playbook.terms.planChange');
    case 'alternative_product':
      return t('playbook.terms.alternative', { product: o.product ?? '—' });
    case 'pause':
      return months === null ? t('playbook.terms.pause') : t('playbook.terms.pauseFor', { count: months });
    case 'reactivation_period':
      return months === null ? t('playbook.terms.reactivation') : t('playbook.terms.reactivationFor', { count: months });
    case 'walkthrough':
      return t('playbook.terms.walkthrough');
    case 'custom':
      return t('playbook.terms.custom');
  }
}

/** A rule's conditions as the manager reads them in the rules table: "When they left DSL and …", or "Always". */
export function ruleText(t: TFunction, r: OfferRuleDef, names: { categories: Record<string, string>; reasons: Record<string, string> }): string {
  const parts: string[] = [];
  if (r.reasonId) parts.push(t('playbook.rules.reasonIs', { name: names.reasons[r.reasonId] ?? r.reasonId }));
  else if (r.categoryId) parts.push(t('playbook.rules.categoryIs', { name: names.categories[r.categoryId] ?? r.categoryId }));
  if (r.product) parts.push(t('playbook.rules.product', { product: r.product }));
  if (r.segment) parts.push(t('playbook.rules.segment', { segment: r.segment }));
  if (r.minRevenue !== undefined && r.maxRevenue !== undefined) parts.push(t('playbook.rules.revenueBetween', { min: formatMoney(r.minRevenue), max: formatMoney(r.maxRevenue) }));
  else if (r.minRevenue !== undefined) parts.push(t('playbook.rules.revenueAtLeast', { min: formatMoney(r.minRevenue) }));
  else if (r.maxRevenue !== undefined) parts.push(t('playbook.rules.revenueAtMost', { max: formatMoney(r.maxRevenue) }));
  if (parts.length === 0) return t('playbook.rules.always');
  const conditions = new Intl.ListFormat(formattingLocaleNow(), { style: 'long', type: 'conjunction' }).format(parts);
  return t('playbook.rules.whenConditions', { conditions });
}
