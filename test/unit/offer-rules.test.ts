import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFER_RULES, describeRule, proposeOffers, type OfferContext, type OfferRuleDef } from '../../shared/domain/offers';

const ctx = (over: Partial<OfferContext> = {}): OfferContext => ({
  categoryId: 'price',
  reasonId: 'price.too-expensive',
  product: 'DSL',
  segment: 'Month-to-month',
  monthlyRevenue: 50,
  ...over,
});

describe('offer rule matching', () => {
  it('proposes the default price offers best first, each once', () => {
    const offers = proposeOffers(DEFAULT_OFFER_RULES, ctx());
    expect(offers.map((o) => o.offerId)).toEqual(['offer.loyalty-discount', 'offer.cheaper-plan']);
  });

  it('adds the competitor discount only from the revenue band up', () => {
    const low = proposeOffers(DEFAULT_OFFER_RULES, ctx({ categoryId: 'competitor', reasonId: 'competitor.better-offer', monthlyRevenue: 69.99 }));
    expect(low.map((o) => o.offerId)).toEqual(['offer.differentiators']);
    const high = proposeOffers(DEFAULT_OFFER_RULES, ctx({ categoryId: 'competitor', reasonId: 'competitor.better-offer', monthlyRevenue: 70 }));
    expect(high.map((o) => o.offerId)).toEqual(['offer.differentiators', 'offer.loyalty-discount']);
    const unknownRevenue = proposeOffers(DEFAULT_OFFER_RULES, ctx({ categoryId: 'competitor', reasonId: null, monthlyRevenue: null }));
    expect(unknownRevenue.map((o) => o.offerId)).toEqual(['offer.differentiators']);
  });

  it('offers customers who left Service A Service D or Service E, and nobody else', () => {
    const rules: OfferRuleDef[] = [
      { id: 'rule.a-to-d', priority: 5, product: 'Service A', offerId: 'offer.service-d' },
      { id: 'rule.a-to-e', priority: 6, product: 'Service A', offerId: 'offer.service-e' },
      { id: 'rule.price', priority: 10, categoryId: 'price', offerId: 'offer.loyalty-discount' },
    ];
    expect(proposeOffers(rules, ctx({ product: ' service a ' })).map((o) => o.offerId)).toEqual(['offer.service-d', 'offer.service-e', 'offer.loyalty-discount']);
    expect(proposeOffers(rules, ctx({ product: 'Service B' })).map((o) => o.offerId)).toEqual(['offer.loyalty-discount']);
    expect(proposeOffers(rules, ctx({ product: null })).map((o) => o.offerId)).toEqual(['offer.loyalty-discount']);
  });

  it('matches a segment and a revenue band together: price reasons in Enterprise get up to 15%', () => {
    const rules: OfferRuleDef[] = [{ id: 'rule.ent', priority: 1, categoryId: 'price', segment: 'Enterprise', minRevenue: 100, maxRevenue: 500, offerId: 'offer.15' }];
    expect(proposeOffers(rules, ctx({ segment: 'enterprise', monthlyRevenue: 100 }))).toHaveLength(1);
    expect(proposeOffers(rules, ctx({ segment: 'enterprise', monthlyRevenue: 500.01 }))).toHaveLength(0);
    expect(proposeOffers(rules, ctx({ segment: 'SMB', monthlyRevenue: 200 }))).toHaveLength(0);
    expect(proposeOffers(rules, ctx({ segment: 'Enterprise', monthlyRevenue: 200, categoryId: 'service', reasonId: 'service.dissatisfied' }))).toHaveLength(0);
  });

  it('matches a specific reason more narrowly than its category', () => {
    const rules: OfferRuleDef[] = [
      { id: 'rule.moved', priority: 1, reasonId: 'changed-needs.moved', offerId: 'offer.transfer' },
      { id: 'rule.needs', priority: 2, categoryId: 'changed-needs', offerId: 'offer.pause' },
    ];
    expect(proposeOffers(rules, ctx({ categoryId: 'changed-needs', reasonId: 'changed-needs.moved' })).map((o) => o.offerId)).toEqual(['offer.transfer', 'offer.pause']);
    expect(proposeOffers(rules, ctx({ categoryId: 'changed-needs', reasonId: 'changed-needs.temporary' })).map((o) => o.offerId)).toEqual(['offer.pause']);
  });

  it('ranks offers for the primary reason before those for other reasons, whatever their priority', () => {
    const rules: OfferRuleDef[] = [
      { id: 'rule.service', priority: 1, categoryId: 'service', offerId: 'offer.service-fix' },
      { id: 'rule.price', priority: 50, categoryId: 'price', offerId: 'offer.loyalty-discount' },
    ];
    const offers = proposeOffers(rules, ctx({ otherReasons: [{ categoryId: 'service', reasonId: 'service.reliability' }] }));
    expect(offers.map((o) => o.offerId)).toEqual(['offer.loyalty-discount', 'offer.service-fix']);
    expect(offers[1]?.why).toBe('Proposed because another diagnosed reason is in service.');
  });

  it('breaks priority ties by rule id, so the order never flickers', () => {
    const rules: OfferRuleDef[] = [
      { id: 'rule.b', priority: 1, offerId: 'offer.b' },
      { id: 'rule.a', priority: 1, offerId: 'offer.a' },
    ];
    expect(proposeOffers(rules, ctx()).map((o) => o.offerId)).toEqual(['offer.a', 'offer.b']);
  });

  it('says why each offer was proposed, in names', () => {
    const names = { categories: { price: 'Price / value for money' }, reasons: { 'price.too-expensive': 'Too expensive' } };
    const [offer] = proposeOffers([{ id: 'r', priority: 1, reasonId: 'price.too-expensive', product: 'DSL', segment: 'Month-to-month', minRevenue: 40, maxRevenue: 90, offerId: 'o' }], ctx(), names);
    expect(offer?.why).toBe(
      'Proposed because the diagnosed reason is Too expensive and they left DSL and their segment is Month-to-month and monthly revenue is 40 to 90.',
    );
    const [stated] = proposeOffers([{ id: 'r', priority: 1, categoryId: 'price', offerId: 'o' }], ctx({ reasonSource: 'stated' }), names);
    expect(stated?.why).toBe('Proposed because the stated reason is in Price / value for money.');
    expect(describeRule({ id: 'r', priority: 1, offerId: 'o' })).toBe('Proposed for every customer.');
  });
});
