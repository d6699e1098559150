import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend } from '../helpers/backend';
import { customer, fullCall, seedCustomers } from '../helpers/callFixtures';
import { pickVariant } from '../../shared/domain/effect';

const DISCOUNT = 'offer.loyalty-discount';
const WALK = 'offer.walkthrough';
let b: TestBackend;
let ids: Record<string, number>;

beforeEach(async () => {
  b = testBackend();
  await call(b.dispatch, 'session.setup', { name: 'Mia Manager', role: 'manager' });
  ids = seedCustomers(b.db, Array.from({ length: 12 }, (_, i) => customer({ externalId: `X${i + 1}` })));
});
afterEach(() => b.dispose());

describe('an offer experiment', () => {
  it("shows each customer their variant only, reports each variant, and ending it keeps the winner in the rules", async () => {
    const { id } = await call(b.dispatch, 'effect.startExperiment', {
      name: 'Discount or walkthrough for price',
      baseOfferId: DISCOUNT,
      variants: [{ offerId: DISCOUNT, weight: 1 }, { offerId: WALK, weight: 1 }],
    });
    const variants = [{ offerId: DISCOUNT, weight: 1 }, { offerId: WALK, weight: 1 }];
    const variantOf = (ext: string) => pickVariant(id, ext, variants)?.offerId;
    const all = Object.keys(ids);
    const withWalk = all.filter((x) => variantOf(x) === WALK);
    const withDiscount = all.filter((x) => variantOf(x) === DISCOUNT);
    expect(withWalk.length).toBeGreaterThan(0);
    expect(withDiscount.length).toBeGreaterThan(0);

    // Every customer's call proposes their own variant where the rules propose the discount.
    for (const ext of all) {
      const s = await call(b.dispatch, 'call.start', { customerId: ids[ext] ?? -1 });
      const priceRule = s.rules.find((r) => r.id === 'rule.price-discount');
      expect(priceRule?.offerId).toBe(variantOf(ext));
      const mine = variantOf(ext) ?? '';
      // Walkthrough customers who took it come back; of the discount ones, only the first.
      const wins = mine === WALK || ext === withDiscount[0];
      await call(b.dispatch, 'call.complete', {
        state: fullCall(s.state, { outcome: wins ? 'recovered' : 'declined', offer: { skippedBecause: '', answers: [{ offerId: mine, answer: wins ? 'accepted' : 'declined' }], note: '' } }),
      });
    }

    const running = (await call(b.dispatch, 'effect.report', {})).experiments[0];
    expect(running?.running).toBe(true);
    expect(running?.variants.map((v) => [v.offerId, v.customers, v.recovered])).toEqual([
      [DISCOUNT, withDiscount.length, 1],
      [WALK, withWalk.length, withWalk.length],
    ]);
    // A dozen customers are too few to tell two variants apart unless one wins every time.
    expect(running?.statement).toMatch(running?.canTell ? /^A personal walkthrough wins back more customers/ : /^The data cannot tell the variants apart yet/);

    const clash = await callResult(b.dispatch, 'effect.startExperiment', { name: 'Again', baseOfferId: DISCOUNT, variants: variants });
    expect(clash.ok ? null : clash.error.code).toBe('conflict');

    const ended = await call(b.dispatch, 'effect.endExperiment', { id, winnerOfferId: WALK, note: 'Walkthroughs won back more price leavers.' });
    expect(ended.rulesChanged).toBe(2);
    const rules = (await call(b.dispatch, 'playbook.list', {})).rules.filter((r) => r.id === 'rule.price-discount' || r.id === 'rule.competitor-discount');
    expect(rules.map((r) => r.offerId)).toEqual([WALK, WALK]);
    const done = (await call(b.dispatch, 'effect.report', {})).experiments[0];
    expect(done).toMatchObject({ running: false, winnerOfferId: WALK, decisionNote: 'Walkthroughs won back more price leavers.' });
    const again = await callResult(b.dispatch, 'effect.endExperiment', { id, winnerOfferId: DISCOUNT });
    expect(again.ok ? null : again.error.message).toBe('The experiment "Discount or walkthrough for price" has already ended.');
  });
});
