import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { importFile, writeFixture } from '../helpers/importing';
import type { QueueItem } from '../../shared/api/queue';
import type { Role } from '../../shared/domain/roles';
import { queryQueue } from '../../db/repos/customers';
import { english } from '../helpers/said';

let now: Date;
let b: TestBackend;

const CSV = `id,name,phone,tz,segment,revenue,left,reason
A,Ada Example,+1 555-0101,America/New_York,Two year,90,2026-11-02,Price too high
B,Bruno Sample,+1 555-0102,America/Los_Angeles,Month-to-month,120,2026-11-03,Competitor made better offer
C,Chioma Example,+1 555-0103,Europe/Berlin,Month-to-month,45,2026-11-04,Moved
D,Dmitri Sample,+1 555-0104,Asia/Tokyo,One year,60,2026-10-20,Network reliability
E,Elif Example,+1 555-0105,,Two year,200,2026-11-05,Deceased
F,Farid Sample,,America/New_York,Month-to-month,150,2026-11-06,Moved
G,Greta Example,+1 555-0107,America/New_York,One year,30,2026-11-07,Don't know
`;

const people: Record<string, string> = {};
async function as(name: string, role: Role): Promise<void> {
  const s = await signIn(b.dispatch, { name, role });
  if (s.user) people[name] = s.user.id;
}
const idOf = (ext: string) => b.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(ext) as number;
const queue = async (q: Parameters<typeof call<'queue.list'>>[2] = {}) => (await call(b.dispatch, 'queue.list', q)).items;
const ids = (items: QueueItem[]) => items.map((i) => i.externalId);

/** What the call screen writes when a call ends: the call, the outcome and attempts on the customer. */
function recordCall(ext: string, caller: string, outcome: string, callbackAt: string | null = null) {
  const customer = idOf(ext);
  const n = b.db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
  b.db
    .prepare(
      `INSERT INTO calls (id, customer_id, caller_id, caller_role, started_at, completed_at, outcome, callback_at)
       VALUES (?, ?, ?, 'agent', ?, ?, ?, ?)`,
    )
    .run(`k${n}`, customer, people[caller], now.toISOString(), now.toISOString(), outcome, callbackAt);
  b.db
    .prepare('UPDATE customers SET attempts = attempts + 1, last_outcome = ?, callback_at = ? WHERE id = ?')
    .run(outcome, callbackAt, customer);
}

beforeEach(async () => {
  now = new Date('2026-11-16T15:00:00Z');
  b = testBackend(() => now);
  await as('Mia Manager', 'manager');
  await importFile(b, writeFixture(b, 'q.csv', CSV), {
    mapping: {
      columns: {
        externalId: 'id',
        name: 'name',
        phone: 'phone',
        timezone: 'tz',
        segment: 'segment',
        monthlyRevenue: 'revenue',
        departedAt: 'left',
        statedReason: 'reason',
      },
    },
  });
});
afterEach(() => b.dispose());

describe('who is queued', () => {
  it('everyone departed with contact details, never the deceased or those without phone and email, highest priority first', async () => {
    const items = await queue();
    // E is deceased, F has no phone or email.
    expect(ids(items)).toEqual(['B', 'A', 'D', 'C', 'G']);
    const first = items[0];
    expect(english(first?.why)).toMatch(
      /^Departed with contact details \(no selection rule set\): \$120\.00\/month lost; left: Competitor made better offer\. Priority \d+ \(revenue \+[\d.]+ \(in proportion to the top \$200\.00\/month\), left 13 days ago \+[\d.]+\)\.$/,
    );
    expect(first?.priority).toBeGreaterThan(items[1]?.priority ?? Infinity);
  });

  it('selection rules decide whom to call, and say which rule chose each customer', async () => {
    const saved = await call(b.dispatch, 'selection.save', {
      rules: [
        {
          name: 'Worth a call',
          enabled: true,
          conditions: [
            { field: 'monthlyRevenue', op: '>=', value: 50 },
            { field: 'reasonCategory', op: 'is not', value: 'competitor' },
          ],
        },
        { name: 'Long contracts', enabled: true, conditions: [{ field: 'segment', op: 'is', value: 'Two year' }] },
        { name: 'Switched off', enabled: false, conditions: [{ field: 'segment', op: 'is', value: 'Month-to-month' }] },
      ],
      valueBands: [],
      segmentPoints: [],
    });
    // A (90, price, Two year), D (60, service). B is a competitor loss; C and G earn too little; E deceased even though Two year.
    expect(saved.selected).toBe(2);
    const items = await queue();
    expect(ids(items)).toEqual(['A', 'D']);
    expect(english(items[0]?.why)).toMatch(/^Selected by rule "Worth a call"/);
    // Do-not-contact, set by the call screen, takes a customer out whatever the rules say.
    b.db.prepare("UPDATE customers SET do_not_contact = 1 WHERE external_id = 'A'").run();
    expect(ids(await queue())).toEqual(['D']);
  });

  it('value bands and segment points add to the priority and show in the queue', async () => {
    await call(b.dispatch, 'selection.save', {
      rules: [],
      valueBands: [
        { name: 'High', minRevenue: 80, points: 5 },
        { name: 'Low', minRevenue: 0, points: 0 },
      ],
      segmentPoints: [{ segment: 'One year', points: 60 }],
    });
    const items = await queue();
    expect(ids(items).slice(0, 2)).toEqual(['D', 'G']);
    expect(items.find((i) => i.externalId === 'B')?.valueBand).toBe('High');
    expect(english(items[0]?.why)).toContain('segment One year +60');
    const summary = await call(b.dispatch, 'cycles.summary', { cycleId: '2026-11' });
    expect(summary.byValueBand.map((g) => [g.label, g.customers])).toEqual([
      ['High', 4],
      ['Low', 2],
    ]);
  });

  it('attempts lower the priority, and the maximum per cycle takes a customer out', async () => {
    await as('Ann Agent', 'agent');
    const before = (await queue()).find((i) => i.externalId === 'B')?.priority ?? 0;
    recordCall('B', 'Ann Agent', 'no_answer');
    const after = (await queue()).find((i) => i.externalId === 'B');
    expect(after?.priority).toBeCloseTo(before - 10, 5);
    expect(english(after?.why)).toContain('1 attempt -10');
    recordCall('B', 'Ann Agent', 'no_answer');
    recordCall('B', 'Ann Agent', 'no_answer');
    expect(ids(await queue())).not.toContain('B');
    // A declined customer is settled; a recovered one too.
    recordCall('A', 'Ann Agent', 'declined');
    expect(ids(await queue())).toEqual(['D', 'C', 'G']);
  });
});

describe('callbacks', () => {
  it('a due callback comes first, and only to the person who agreed it', async () => {
    await as('Ann Agent', 'agent');
    await as('Bob Agent', 'agent');
    await as('Ann Agent', 'agent');
    recordCall('G', 'Ann Agent', 'callback', '2026-11-16T18:00:00.000Z');
    let items = await queue();
    // Not due yet: Ann sees G, not first, and cannot dial before the agreed time.
    const waiting = items.find((i) => i.externalId === 'G');
    expect(waiting).toMatchObject({ callableNow: false, callbackWith: 'Ann Agent' });
    expect(english(waiting?.notCallableBecause)).toMatch(/^Callback booked for Nov 16, 2026, 1:00 PM their time; call then\.$/);
    expect(ids(items)[0]).toBe('B');

    now = new Date('2026-11-16T18:05:00Z');
    items = await queue();
    expect(items[0]).toMatchObject({ externalId: 'G', callableNow: true });
    expect(english(items[0]?.why)).toMatch(/^Callback due \(Nov 16, 2026, 1:00 PM their time\), agreed by Ann Agent\./);

    await as('Bob Agent', 'agent');
    expect(ids(await queue())).not.toContain('G');
    await as('Mia Manager', 'manager');
    expect(ids(await queue())[0]).toBe('G');
  });

  it('a callback the customer asked for survives the last allowed attempt', async () => {
    await as('Ann Agent', 'agent');
    recordCall('C', 'Ann Agent', 'no_answer');
    recordCall('C', 'Ann Agent', 'no_answer');
    recordCall('C', 'Ann Agent', 'callback', '2026-11-16T14:00:00.000Z');
    expect(ids(await queue())[0]).toBe('C');
  });
});

describe('calling hours in the customer’s time', () => {
  async function enforce(defaultTimezone = 'UTC') {
    const settings = await call(b.dispatch, 'queue.settings.get', {});
    await call(b.dispatch, 'queue.settings.save', {
      ...settings,
      callingHoursEnforced: true,
      callingWindow: { start: '09:00', end: '20:00' },
      defaultTimezone,
    });
  }
  const byId = async () => new Map((await queue()).map((i) => [i.externalId, i]));

  it('keeps customers outside their hours visible but not diallable, across time zones', async () => {
    await enforce();
    const items = await byId();
    // 15:00 UTC: 10:00 in New York, 07:00 in Los Angeles, 16:00 in Berlin, 00:00 in Tokyo.
    expect(items.get('A')).toMatchObject({
      callableNow: true,
      localTime: '10:00',
      timezone: 'America/New_York',
      notCallableBecause: null,
    });
    expect(items.get('B')).toMatchObject({ callableNow: false, localTime: '07:00' });
    expect(english(items.get('B')?.notCallableBecause)).toBe(
      'Outside calling hours: it is 07:00 for the customer (America/Los_Angeles); calls 09:00–20:00 their time.',
    );
    expect(items.get('C')).toMatchObject({ callableNow: true, localTime: '16:00' });
    expect(items.get('D')).toMatchObject({ callableNow: false, localTime: '00:00' });
  });

  it('uses the console default for customers without a time zone', async () => {
    b.db.prepare("UPDATE customers SET timezone = NULL WHERE external_id = 'A'").run();
    await enforce('Asia/Tokyo');
    expect((await byId()).get('A')).toMatchObject({ timezone: 'Asia/Tokyo', localTime: '00:00', callableNow: false });
  });

  it('follows daylight-saving changes: New York in March and November, Berlin in March', async () => {
    await enforce();
    // 13:30 UTC on the day before the US switch is 08:30 EST; the day after, 09:30 EDT.
    now = new Date('2026-03-07T13:30:00Z');
    expect((await byId()).get('A')).toMatchObject({ localTime: '08:30', callableNow: false });
    now = new Date('2026-03-08T13:30:00Z');
    expect((await byId()).get('A')).toMatchObject({ localTime: '09:30', callableNow: true });
    // 00:30 UTC: 20:30 EDT on 31 October (too late), 19:30 EST on 1 November (fine).
    now = new Date('2026-11-01T00:30:00Z');
    expect((await byId()).get('A')).toMatchObject({ localTime: '20:30', callableNow: false });
    now = new Date('2026-11-02T00:30:00Z');
    expect((await byId()).get('A')).toMatchObject({ localTime: '19:30', callableNow: true });
    // Berlin moves to summer time on 29 March 2026: 07:30 UTC is 08:30 before, 09:30 after.
    now = new Date('2026-03-28T07:30:00Z');
    expect((await byId()).get('C')).toMatchObject({ localTime: '08:30', callableNow: false });
    now = new Date('2026-03-29T07:30:00Z');
    expect((await byId()).get('C')).toMatchObject({ localTime: '09:30', callableNow: true });
  });

  it('refuses calling hours and time zones that make no sense', async () => {
    const settings = await call(b.dispatch, 'queue.settings.get', {});
    expect(await callResult(b.dispatch, 'queue.settings.save', { ...settings, defaultTimezone: 'Mars/Olympus' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Choose a time zone such as Europe/Berlin.', field: 'defaultTimezone' },
    });
    expect(
      await callResult(b.dispatch, 'queue.settings.save', { ...settings, callingWindow: { start: '9am', end: '20:00' } }),
    ).toMatchObject({
      ok: false,
      error: { message: 'Write the start as HH:MM, e.g. 09:00.', field: 'callingWindow.start' },
    });
    expect(await call(b.dispatch, 'queue.settings.get', {})).toEqual(settings);
  });

  it('the demo setting turns the rule off: everyone can be dialled at any hour', async () => {
    const settings = await call(b.dispatch, 'queue.settings.get', {});
    await call(b.dispatch, 'queue.settings.save', { ...settings, callingHoursEnforced: false });
    expect((await queue()).every((i) => i.callableNow)).toBe(true);
  });
});

describe('assignment', () => {
  beforeEach(async () => {
    await as('Eve Executive', 'executive');
    await as('Max Executive', 'executive');
    await as('Ann Agent', 'agent');
    await as('Mia Manager', 'manager');
    const settings = await call(b.dispatch, 'queue.settings.get', {});
    await call(b.dispatch, 'queue.settings.save', { ...settings, executiveCap: 2 });
  });

  it('caps an executive’s handful per cycle and refuses the whole request beyond it', async () => {
    const eve = people['Eve Executive'] ?? '';
    expect(await call(b.dispatch, 'assignment.assign', { customerIds: [idOf('A'), idOf('B')], personId: eve })).toEqual({
      assigned: 2,
    });
    const over = await callResult(b.dispatch, 'assignment.assign', { customerIds: [idOf('C')], personId: eve });
    expect(over).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message:
          "Eve Executive would have 3 customers in November 2026; an executive's handful is at most 2 per cycle. Nothing was assigned.",
      },
    });
    // Another cycle has its own handful.
    expect(await call(b.dispatch, 'assignment.assign', { customerIds: [idOf('D')], personId: eve })).toEqual({ assigned: 1 });
    const overview = await call(b.dispatch, 'assignment.overview', { cycleId: '2026-11' });
    expect(overview.find((p) => p.name === 'Eve Executive')).toMatchObject({ assigned: 2, cap: 2 });
  });

  it('deals the highest-value customers of a cycle to the executives by rule, up to their caps', async () => {
    const all = await call(b.dispatch, 'assignment.byRule', { cycleId: '2026-11', role: 'executive', count: 10 });
    // B 120, A 90, C 45, G 30 in turn; E (deceased) and F (no contact) are not in the queue, D left in October.
    expect(all).toMatchObject({ assigned: 4, shortBecause: 'Only 4 unassigned customers of this cycle are in the queue.' });
    const assigned = () =>
      b.db
        .prepare(
          'SELECT c.external_id, p.name FROM customers c JOIN people p ON p.id = c.assigned_to ORDER BY c.monthly_revenue DESC',
        )
        .all();
    expect(assigned()).toEqual([
      { external_id: 'B', name: 'Eve Executive' },
      { external_id: 'A', name: 'Max Executive' },
      { external_id: 'C', name: 'Eve Executive' },
      { external_id: 'G', name: 'Max Executive' },
    ]);
  });

  it('stops at the executives’ caps and leaves the rest in the shared queue', async () => {
    const settings = await call(b.dispatch, 'queue.settings.get', {});
    await call(b.dispatch, 'queue.settings.save', { ...settings, executiveCap: 1 });
    const result = await call(b.dispatch, 'assignment.byRule', { cycleId: '2026-11', role: 'executive', count: 3 });
    expect(result).toMatchObject({ assigned: 2, shortBecause: "The executives' handfuls are full (at most 1 each per cycle)." });
    expect(result.perPerson.map((p) => [p.name, p.count])).toEqual([
      ['Eve Executive', 1],
      ['Max Executive', 1],
    ]);
    expect(b.db.prepare('SELECT count(*) FROM customers WHERE assigned_to IS NOT NULL').pluck().get()).toBe(2);
  });

  it('an executive sees only their handful; an agent sees their own and the unassigned', async () => {
    await call(b.dispatch, 'assignment.assign', { customerIds: [idOf('B')], personId: people['Eve Executive'] ?? '' });
    await call(b.dispatch, 'assignment.assign', { customerIds: [idOf('G')], personId: people['Ann Agent'] ?? '' });
    expect(ids(await queue({ assignee: 'unassigned' }))).toEqual(['A', 'D', 'C']);
    await as('Eve Executive', 'executive');
    expect(ids(await queue())).toEqual(['B']);
    // An executive cannot look at someone else's queue by asking for it.
    expect(ids(await queue({ assignee: 'unassigned' }))).toEqual(['B']);
    await as('Ann Agent', 'agent');
    expect(ids(await queue())).toEqual(['A', 'D', 'C', 'G']);
    const forbidden = await callResult(b.dispatch, 'assignment.assign', { customerIds: [idOf('A')], personId: null });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('finding customers in the queue', () => {
  it('filters by segment, reason category and cycle, and searches by name, phone or id', async () => {
    expect(ids(await queue({ segment: 'Month-to-month' }))).toEqual(['B', 'C']);
    expect(ids(await queue({ reasonCategory: 'competitor' }))).toEqual(['B']);
    expect(ids(await queue({ cycleId: '2026-10' }))).toEqual(['D']);
    expect(ids(await queue({ search: 'chioma' }))).toEqual(['C']);
    expect(ids(await queue({ search: '555-0107' }))).toEqual(['G']);
    expect(ids(await queue({ search: 'B' }))).toEqual(['B']);
    expect(ids(await queue({ search: '100%_' }))).toEqual([]);
    const filters = await call(b.dispatch, 'queue.filters', {});
    expect(filters.segments).toEqual(['Month-to-month', 'One year', 'Two year']);
    expect(filters.cycles.map((c) => c.name)).toEqual(['November 2026', 'October 2026']);
    expect(filters.categories.map((c) => c.id)).not.toContain('not-recoverable');
  });

  it('gives the call screen whole customer rows in the same order and visibility as queue.list', async () => {
    await as('Ann Agent', 'agent');
    recordCall('G', 'Ann Agent', 'callback', '2026-11-16T14:00:00.000Z');
    const agent = people['Ann Agent'] ?? '';
    const rows = queryQueue(b.db, { now: now.toISOString(), limit: 10, offset: 0, assignedToOrUnassigned: agent }).rows;
    expect(rows.map((r) => r.external_id)).toEqual(ids(await queue()));
    expect(rows[0]).toMatchObject({ external_id: 'G', phone: '+1 555-0107', category_name: 'Unknown' });
  });

  it('reads the queue through its index, never scanning or sorting the customers table', async () => {
    const seen: string[] = [];
    const prepare = b.db.prepare.bind(b.db);
    const spy = vi.spyOn(b.db, 'prepare').mockImplementation((sql: string) => {
      if (/FROM customers c/.test(sql) && /c\.selected = 1/.test(sql)) seen.push(sql);
      return prepare(sql);
    });
    await as('Ann Agent', 'agent');
    await queue({ segment: 'Two year', cycleId: '2026-11', search: 'a' });
    spy.mockRestore();
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const sql of seen) {
      const plan = (
        b.db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all({ maxAttempts: 3, viewer: 'x', now: 'x', segment: 'x', cycle: 'x', search: 'x', limit: 1, offset: 0 }) as {
          detail: string;
        }[]
      ).map((r) => r.detail);
      const main = plan.filter((d) => /\bc\b/.test(d) && !/SUBQUERY/.test(d));
      expect(main.join('\n'), sql).toMatch(/USING (COVERING )?INDEX customers_(queue|callbacks)/);
      expect(plan.join('\n')).not.toMatch(/SCAN c\s*$/m);
      expect(plan.join('\n')).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    }
  });
});
