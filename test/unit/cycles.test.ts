import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { importFile, writeFixture } from '../helpers/importing';

let b: TestBackend;
beforeEach(async () => {
  b = testBackend();
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
  await importFile(
    b,
    writeFixture(
      b,
      'c.csv',
      `id,phone,segment,revenue,left,reason
1,555-0101,Retail,100,2026-10-03,Price too high
2,555-0102,Retail,50,2026-10-04,Price too high
3,,Business,70.5,2026-10-05,Moved
4,555-0104,Business,20,2026-10-06,Closed for good
5,555-0105,Retail,10,2026-10-07,Deceased
6,555-0106,Retail,999,2026-11-01,Moved
`,
    ),
  );
  b.db.exec(`INSERT INTO people (id, name, role, created_at) VALUES ('p1', 'Ann Agent', 'agent', '2026-10-01');`);
  const call1 = b.db.prepare("SELECT id FROM customers WHERE external_id = '1'").pluck().get() as number;
  const call2 = b.db.prepare("SELECT id FROM customers WHERE external_id = '2'").pluck().get() as number;
  const insert = b.db.prepare(
    "INSERT INTO calls (id, customer_id, caller_id, caller_role, started_at, completed_at, outcome) VALUES (?, ?, 'p1', 'agent', '2026-10-10T10:00:00Z', ?, ?)",
  );
  insert.run('k1', call1, '2026-10-10T10:05:00Z', 'no_answer');
  insert.run('k2', call1, '2026-10-11T10:05:00Z', 'recovered');
  insert.run('k3', call2, '2026-10-11T11:05:00Z', 'declined');
  b.db.prepare("UPDATE customers SET last_outcome = 'recovered' WHERE id = ?").run(call1);
  b.db.prepare("UPDATE customers SET last_outcome = 'declined' WHERE id = ?").run(call2);
});
afterEach(() => b.dispose());

describe('a recovery cycle', () => {
  it('lists cycles with what departed in each', async () => {
    expect(await call(b.dispatch, 'cycles.list', {})).toEqual([
      {
        id: '2026-11',
        name: 'November 2026',
        kind: 'monthly',
        startsOn: '2026-11-01',
        endsOn: '2026-11-30',
        departed: 1,
        revenue: 999,
      },
      {
        id: '2026-10',
        name: 'October 2026',
        kind: 'monthly',
        startsOn: '2026-10-01',
        endsOn: '2026-10-31',
        departed: 5,
        revenue: 250.5,
      },
    ]);
  });

  it('shows departed customers and revenue by segment and stated reason, and queued, called and recovered', async () => {
    const s = await call(b.dispatch, 'cycles.summary', { cycleId: '2026-10' });
    expect(s).toMatchObject({ departed: 5, revenue: 250.5, noContact: 1, unmapped: 1, queued: 1, called: 2, recovered: 1 });
    expect(s.bySegment).toEqual([
      { label: 'Retail', customers: 3, revenue: 160 },
      { label: 'Business', customers: 2, revenue: 90.5 },
    ]);
    expect(s.byReason).toEqual([
      { label: 'Too expensive', category: 'Price / value for money', mapped: true, customers: 2, revenue: 150 },
      { label: 'Moved', category: 'Changed needs', mapped: true, customers: 1, revenue: 70.5 },
      { label: 'Closed for good', category: null, mapped: false, customers: 1, revenue: 20 },
      { label: 'Deceased', category: 'Not recoverable', mapped: true, customers: 1, revenue: 10 },
    ]);
  });

  it('is a manager’s page, and an unknown cycle is a clear error', async () => {
    expect(await callResult(b.dispatch, 'cycles.summary', { cycleId: '1999-01' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'There is no cycle 1999-01.' },
    });
    await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
    expect(await callResult(b.dispatch, 'cycles.summary', { cycleId: '2026-10' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('follows the cycle setting: quarterly cycles for the next import', async () => {
    const settings = await call(b.dispatch, 'queue.settings.get', {});
    await call(b.dispatch, 'queue.settings.save', { ...settings, cycleKind: 'quarterly' });
    await importFile(b, writeFixture(b, 'q.csv', 'id,phone,left\n9,555-0109,2026-08-15\n'));
    expect(b.db.prepare("SELECT cycle_id FROM customers WHERE external_id = '9'").pluck().get()).toBe('2026-Q3');
  });
});
