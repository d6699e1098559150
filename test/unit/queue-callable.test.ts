import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { english } from '../helpers/said';

/** An agent narrows the queue to whom they may call now, or sorts those first. */
let b: TestBackend;
beforeEach(async () => {
  // 10:00 in New York, 07:00 in Los Angeles, 16:00 in Berlin, 00:00 in Tokyo.
  b = testBackend(() => new Date('2026-11-16T15:00:00Z'));
  await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
  seedCustomers(
    b.db,
    [
      customer({ externalId: 'LA', timezone: 'America/Los_Angeles', monthlyRevenue: 300 }),
      customer({ externalId: 'TOKYO', timezone: 'Asia/Tokyo', monthlyRevenue: 250 }),
      customer({ externalId: 'NY', timezone: 'America/New_York', monthlyRevenue: 100 }),
      customer({ externalId: 'BERLIN', timezone: 'Europe/Berlin', monthlyRevenue: 50 }),
      customer({ externalId: 'WAITING', timezone: 'Europe/Berlin', monthlyRevenue: 200 }),
      customer({ externalId: 'SOMEWHERE-US', timezone: null, monthlyRevenue: 150 }),
    ],
    { callingHours: 'enforced' },
  );
  b.db.prepare("UPDATE customers SET next_attempt_at = '2026-11-16T17:00:00.000Z' WHERE external_id = 'WAITING'").run();
  // Nothing narrowed this one's country: New York and Los Angeles both, and it is 07:00 in one of them.
  b.db
    .prepare("UPDATE customers SET timezone_candidates = '[\"America/New_York\",\"America/Los_Angeles\"]', timezone_source = 'phone' WHERE external_id = 'SOMEWHERE-US'")
    .run();
});
afterEach(() => b.dispose());

const ext = (items: { externalId: string }[]) => items.map((i) => i.externalId);

describe('callable now', () => {
  it('filters to those inside calling hours in every zone they may be in, past their retry wait', async () => {
    const { items, total } = await call(b.dispatch, 'queue.list', { callableNow: true });
    expect(ext(items)).toEqual(['NY', 'BERLIN']);
    expect(total).toBe(2);
    expect(items.every((i) => i.callableNow)).toBe(true);
  });

  it('sorts callable customers first, each part by priority, and says why the others wait', async () => {
    const { items } = await call(b.dispatch, 'queue.list', { sort: 'callable' });
    expect(ext(items)).toEqual(['NY', 'BERLIN', 'LA', 'TOKYO', 'WAITING', 'SOMEWHERE-US']);
    const somewhere = items.find((i) => i.externalId === 'SOMEWHERE-US');
    expect(somewhere).toMatchObject({ callableNow: false, timezone: 'one of 2 zones', localTime: '07:00–10:00' });
    expect(english(somewhere?.notCallableBecause)).toContain('their zone is not known (America/New_York, America/Los_Angeles)');
  });

  it('sorts by revenue', async () => {
    const { items } = await call(b.dispatch, 'queue.list', { sort: 'revenue' });
    expect(ext(items)).toEqual(['LA', 'TOKYO', 'WAITING', 'SOMEWHERE-US', 'NY', 'BERLIN']);
  });

  it('counts everyone as callable when the manager turned calling hours off, but still not before a retry wait', async () => {
    b.db.prepare("INSERT INTO settings (key, value) VALUES ('contact.callingHoursEnforced', 'false') ON CONFLICT(key) DO UPDATE SET value = 'false'").run();
    const { items } = await call(b.dispatch, 'queue.list', { callableNow: true });
    expect(ext(items).sort()).toEqual(['BERLIN', 'LA', 'NY', 'SOMEWHERE-US', 'TOKYO']);
  });
});
