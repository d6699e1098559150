import { describe, expect, it } from 'vitest';
import {
  addMonths,
  inControlGroup,
  monthsPaid,
  newcombeDifference,
  pickVariant,
  wilsonInterval,
  wonBackCents,
} from '../../shared/domain/effect';

/**
 * The intervals are checked against the worked examples in Newcombe, R.G. (1998), "Interval
 * estimation for the difference between independent proportions: comparison of eleven methods",
 * Statistics in Medicine 17, 873-890, Table II (method 10), and "Two-sided confidence intervals for
 * the single proportion", Statistics in Medicine 17, 857-872, Table I (method 3): figures printed
 * in the papers to four places, not computed by this code.
 */
describe('the intervals a manager reads', () => {
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%i/%i against %i/%i: the difference lies in [%f, %f]', (x1, n1, x2, n2, low, high) => {
    const r = newcombeDifference(x1, n1, x2, n2);
    expect(r).not.toBeNull();
    expect(r?.difference).toBeCloseTo(x1 / n1 - x2 / n2, 10);
    expect(r?.low).toBeCloseTo(low, 4);
    expect(r?.high).toBeCloseTo(high, 4);
  });

  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('a rate of %i/%i lies in [%f, %f] (Wilson)', (x, n, low, high) => {
    expect(wilsonInterval(x, n)?.low).toBeCloseTo(low, 4);
    expect(wilsonInterval(x, n)?.high).toBeCloseTo(high, 4);
  });

  it('has no interval for an empty group', () => {
    expect(newcombeDifference(0, 0, 3, 10)).toBeNull();
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('the control group split', () => {
  const ids = Array.from({ length: 10_000 }, (_, i) => `C${String(i + 1).padStart(5, '0')}`);

  it.each([10, 20, 35])('holds out %i%% of 10,000 customers within 1.5 points, the same on every run', (share) => {
    const held = ids.filter((id) => inControlGroup('2026-11', id, share));
    expect(Math.abs((held.length / ids.length) * 100 - share)).toBeLessThanOrEqual(1.5);
    expect(ids.filter((id) => inControlGroup('2026-11', id, share))).toEqual(held);
  });

  it('draws a fresh group each cycle, and a larger share keeps everyone a smaller one held out', () => {
    const nov = ids.filter((id) => inControlGroup('2026-11', id, 10));
    const dec = ids.filter((id) => inControlGroup('2026-12', id, 10));
    const overlap = nov.filter((id) => dec.includes(id)).length;
    // Independent draws overlap in about 10% of 10%: 100 of 10,000.
    expect(overlap).toBeGreaterThan(50);
    expect(overlap).toBeLessThan(150);
    const wider = new Set(ids.filter((id) => inControlGroup('2026-11', id, 20)));
    expect(nov.every((id) => wider.has(id))).toBe(true);
    expect(ids.some((id) => inControlGroup('2026-11', id, 0))).toBe(false);
  });

  it('gives each variant of an experiment its weighted share', () => {
    const variants = [{ id: 'a', weight: 1 }, { id: 'b', weight: 3 }];
    const b = ids.filter((id) => pickVariant('exp-1', id, variants)?.id === 'b').length;
    expect(Math.abs(b / ids.length - 0.75)).toBeLessThan(0.015);
    expect(pickVariant('exp-1', 'C00001', variants)).toBe(pickVariant('exp-1', 'C00001', variants));
  });
});

describe('offer economics', () => {
  it('counts the months paid until the re-loss, at most twelve', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    // Paid 10 Jan and 10 Feb; gone before 10 Mar.
    expect(monthsPaid('2026-01-10', '2026-03-05')).toBe(2);
    // Lost on the anniversary itself: that month was not paid.
    expect(monthsPaid('2026-01-10', '2026-03-10')).toBe(2);
    expect(monthsPaid('2026-01-10', '2026-01-10')).toBe(0);
    expect(monthsPaid('2026-01-10', '2028-01-10')).toBe(12);
    expect(monthsPaid('2026-01-10', null)).toBe(12);
  });

  it('costs a discount over the months it ran, free months while they stayed, a fixed amount once', () => {
    // 15% of $80.00 for 3 months: 3 x $12.00.
    expect(wonBackCents(8000, 12, { kind: 'discount', percent: 15, months: 3 })).toEqual({ revenueCents: 96000, costCents: 3600, netCents: 92400 });
    // Gone after 2 months: only 2 months of the discount were given.
    expect(wonBackCents(8000, 2, { kind: 'discount', percent: 15, months: 3 })).toEqual({ revenueCents: 16000, costCents: 2400, netCents: 13600 });
    expect(wonBackCents(2999, 12, { kind: 'free_months', months: 2 })).toEqual({ revenueCents: 35988, costCents: 5998, netCents: 29990 });
    expect(wonBackCents(1000, 1, { kind: 'fixed', amount: 25 })).toEqual({ revenueCents: 1000, costCents: 2500, netCents: -1500 });
    expect(wonBackCents(1000, 12, { kind: 'none' }).netCents).toBe(12000);
  });
});
