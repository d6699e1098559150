import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { english } from '../helpers/said';

/** Priority reflects revenue the way a manager reads it: ten times the revenue weighs ten times as much. */
let b: TestBackend;
beforeEach(async () => {
  b = testBackend(() => new Date('2026-11-16T15:00:00Z'));
  await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
});
afterEach(() => b.dispose());

const queue = async () => (await call(b.dispatch, 'queue.list', {})).items;

describe('priority by revenue', () => {
  it('puts a customer worth ten times more first, though the other left more recently', async () => {
    seedCustomers(b.db, [
      // Most of a cycle is worth under $100 a month, as in the telecom sample.
      ...Array.from({ length: 40 }, (_, i) => customer({ externalId: `LOW-${i}`, monthlyRevenue: 20 + i * 2, departedAt: '2026-07-01' })),
      customer({ externalId: 'SMALL', name: 'Sam Small', monthlyRevenue: 129, departedAt: '2026-11-15' }),
      customer({ externalId: 'BIG', name: 'Bea Big', monthlyRevenue: 1249, departedAt: '2026-07-01' }),
    ]);
    const items = await queue();
    const big = items.find((i) => i.externalId === 'BIG');
    const small = items.find((i) => i.externalId === 'SMALL');
    expect(items[0]?.externalId).toBe('BIG');
    // The revenue parts are in proportion to revenue: 40 for the top, about a tenth of it for $129.
    expect(english(big?.why)).toContain("revenue +40 (in proportion to the top $1,249.00/month)");
    expect(english(small?.why)).toMatch(/revenue \+4\.1 /);
    expect((big?.priority ?? 0) - (small?.priority ?? 0)).toBeGreaterThan(15);
  });

  it('orders customers of the same recency by revenue, and gives no revenue points without revenue', async () => {
    seedCustomers(b.db, [
      customer({ externalId: 'R10', monthlyRevenue: 10 }),
      customer({ externalId: 'R100', monthlyRevenue: 100 }),
      customer({ externalId: 'R1000', monthlyRevenue: 1000 }),
      customer({ externalId: 'NONE', monthlyRevenue: null }),
    ]);
    const items = await queue();
    expect(items.map((i) => i.externalId)).toEqual(['R1000', 'R100', 'R10', 'NONE']);
    expect(english(items.find((i) => i.externalId === 'R100')?.why)).toMatch(/revenue \+4 /);
    expect(english(items.find((i) => i.externalId === 'NONE')?.why)).toMatch(/Priority \d+ \(revenue \+0 \(in proportion/);
  });
});
