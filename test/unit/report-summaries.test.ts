import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportMapping } from '../../shared/domain/importMapping';
import type { CallState } from '../../shared/domain/callMachine';
import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { fullCall } from '../helpers/callFixtures';
import { importFile, writeFixture } from '../helpers/importing';
import { filterCombinations, reportsDifferingFromRaw, summaryDifferences } from '../helpers/reportSummaries';

/**
 * The report summaries stay exact through the console's own writers: completing a call, amending
 * it, re-importing customers with new facts, and mapping an unmapped stated text later. After each,
 * the Trends numbers a manager sees change as they should, the summary tables equal a rebuild from
 * the raw rows, and every report (under every filter) equals the report read from the raw rows.
 */

const MAPPING: ImportMapping = {
  columns: {
    externalId: 'id',
    name: 'name',
    phone: 'phone',
    segment: 'contract',
    product: 'product',
    monthlyRevenue: 'revenue',
    departedAt: 'left',
    statedReason: 'reason',
    frontlineTeam: 'team',
  },
};
const HEADER = 'id,name,phone,contract,product,revenue,left,reason,team';
const FIRST_IMPORT = `${HEADER}
A1,Ada Example,555-0101,Month-to-month,DSL,80,2026-11-02,Price too high,Billing desk
A2,Bo Sample,555-0102,One year,Fiber optic,45.5,2026-11-03,Competitor made better offer,Support North
A3,Cy Placeholder,555-0103,One year,DSL,30,2026-11-04,Left because of the dog,Billing desk
`;

let b: TestBackend;
let clock: Date;
let managerId: string;

beforeEach(async () => {
  clock = new Date('2026-11-16T15:00:00Z');
  b = testBackend(() => clock);
  managerId = (await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' })).user?.id ?? '';
  expect(managerId).not.toBe('');
  await importFile(b, writeFixture(b, 'first.csv', FIRST_IMPORT), { mapping: MAPPING });
});
afterEach(() => b.dispose());

const idOf = (externalId: string) => b.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(externalId) as number;

/** A whole guided call, as the call screen completes it. */
async function completeCall(externalId: string, over: Partial<CallState>): Promise<string> {
  const start = await call(b.dispatch, 'call.start', { customerId: idOf(externalId) });
  await call(b.dispatch, 'call.complete', { state: fullCall(start.state, over) });
  clock = new Date(clock.getTime() + 60 * 60 * 1000);
  return start.state.callId;
}

const diagnose = (primaryReasonId: string, categoryId: string): Partial<CallState> => ({
  diagnose: { categoryId, primaryReasonId, otherReasonIds: [], confirmed: true, note: '' },
});

function expectSummariesExact(): void {
  expect(summaryDifferences(b.db)).toEqual([]);
  const filters = filterCombinations({
    cycleId: '2026-11',
    segment: 'One year',
    product: 'DSL',
    team: 'Billing desk',
    callerId: managerId,
    from: '2026-11-16',
    to: '2026-11-16',
  });
  expect(reportsDifferingFromRaw(b.db, filters)).toEqual([]);
}

const diagnosed = async (filters: { segment?: string } = {}) => call(b.dispatch, 'reports.reasons', { by: 'diagnosed', ...filters });
const stated = async () => call(b.dispatch, 'reports.reasons', { by: 'stated' });

describe('the report summaries', () => {
  it('count a completed call at once, and a second call to the same customer once more as a call, not as a customer', async () => {
    expect((await diagnosed()).rows).toEqual([]);
    expectSummariesExact();

    await completeCall('A1', { ...diagnose('price.too-expensive', 'price'), outcome: 'recovered' });
    const first = await diagnosed();
    expect(first.rows).toEqual([
      {
        categoryId: 'price',
        category: 'Price / value for money',
        reasonId: 'price.too-expensive',
        reason: 'Too expensive',
        departed: 1,
        revenue: 80,
        calls: 1,
        recovered: 1,
        recoveryRate: 1,
        recoveredRevenue: 80,
      },
    ]);
    expect((await stated()).rows.find((r) => r.reasonId === 'price.too-expensive')).toMatchObject({ departed: 1, calls: 1, recovered: 1, recoveredRevenue: 80 });
    expectSummariesExact();

    await completeCall('A1', {
      ...diagnose('price.too-expensive', 'price'),
      outcome: 'declined',
      offer: { skippedBecause: '', answers: [{ offerId: 'offer.loyalty-discount', answer: 'declined' }], note: '' },
    });
    const second = await diagnosed();
    expect(second.rows).toHaveLength(1);
    expect(second.rows[0]).toMatchObject({ departed: 1, revenue: 80, calls: 2, recovered: 1, recoveryRate: 0.5, recoveredRevenue: 80 });
    expect(second.totals).toEqual({ departed: 1, revenue: 80, calls: 2, recovered: 1, recoveryRate: 0.5, recoveredRevenue: 80 });
    expectSummariesExact();
  });

  it('follow an amendment of the diagnosed reason and of the outcome', async () => {
    const callId = await completeCall('A2', {
      ...diagnose('competitor.better-offer', 'competitor'),
      outcome: 'declined',
      offer: { skippedBecause: '', answers: [{ offerId: 'offer.differentiators', answer: 'declined' }], note: '' },
    });
    expect((await diagnosed()).rows.map((r) => r.reasonId)).toEqual(['competitor.better-offer']);
    expect(await call(b.dispatch, 'reports.agreement', {})).toMatchObject({ compared: 1, agreed: 1 });

    await call(b.dispatch, 'call.amend', {
      callId,
      note: 'It was the support person, and she came back after all',
      outcome: 'recovered',
      reasons: [{ reasonId: 'service.support-attitude', primary: true }],
    });
    const amended = await diagnosed();
    expect(amended.rows).toHaveLength(1);
    expect(amended.rows[0]).toMatchObject({ reasonId: 'service.support-attitude', departed: 1, revenue: 45.5, calls: 1, recovered: 1, recoveredRevenue: 45.5 });
    expect(await call(b.dispatch, 'reports.agreement', {})).toMatchObject({ compared: 1, agreed: 0, mismatches: [{ statedReasonId: 'competitor.better-offer', diagnosedReasonId: 'service.support-attitude', calls: 1 }] });
    expect((await call(b.dispatch, 'reports.recovery', {})).totals).toEqual({ calls: 1, recovered: 1, recoveryRate: 1, recoveredRevenue: 45.5 });
    expectSummariesExact();

    clock = new Date('2026-11-17T10:00:00Z');
    await call(b.dispatch, 'call.amend', { callId, note: 'She cancelled again the same day', outcome: 'declined' });
    expect((await diagnosed()).rows[0]).toMatchObject({ reasonId: 'service.support-attitude', departed: 1, calls: 1, recovered: 0, recoveredRevenue: 0 });
    expect((await stated()).totals).toMatchObject({ departed: 3, calls: 1, recovered: 0, recoveredRevenue: 0 });
    expectSummariesExact();
  });

  it('follow a re-import that changes a called customer’s revenue, segment and stated reason', async () => {
    await completeCall('A1', { ...diagnose('price.too-expensive', 'price'), outcome: 'recovered' });
    await completeCall('A3', { ...diagnose('price.too-expensive', 'price'), outcome: 'declined' });
    expect((await diagnosed({ segment: 'Month-to-month' })).totals).toMatchObject({ departed: 1, revenue: 80 });
    expect((await diagnosed()).rows[0]).toMatchObject({ departed: 2, revenue: 110, recoveredRevenue: 80 });

    await importFile(
      b,
      writeFixture(b, 'again.csv', `${HEADER}\nA1,Ada Example,555-0101,Two year,DSL,95.25,2026-11-02,Moved,Billing desk\n`),
      { mapping: MAPPING },
    );
    const after = await diagnosed();
    expect(after.rows[0]).toMatchObject({ reasonId: 'price.too-expensive', departed: 2, revenue: 125.25, recovered: 1, recoveredRevenue: 95.25 });
    expect((await diagnosed({ segment: 'Month-to-month' })).rows).toEqual([]);
    expect((await diagnosed({ segment: 'Two year' })).rows[0]).toMatchObject({ departed: 1, revenue: 95.25, calls: 1, recovered: 1 });

    const s = await stated();
    expect(s.rows.find((r) => r.reasonId === 'price.too-expensive')).toBeUndefined();
    expect(s.rows.find((r) => r.reasonId === 'changed-needs.moved')).toMatchObject({ departed: 1, revenue: 95.25, calls: 1, recovered: 1, recoveredRevenue: 95.25 });
    expect(s.totals).toMatchObject({ departed: 3, revenue: 170.75 });
    // The customer's stated reason now differs from the diagnosed one.
    expect(await call(b.dispatch, 'reports.agreement', {})).toMatchObject({ compared: 1, agreed: 0, notComparable: 1 });
    expectSummariesExact();
  });

  it('follow a stated text mapped to a reason later', async () => {
    await completeCall('A3', { ...diagnose('changed-needs.moved', 'changed-needs'), outcome: 'recovered' });
    const before = await stated();
    expect(before.rows.find((r) => r.reasonId === null)).toMatchObject({ category: 'Unmapped', reason: 'Left because of the dog', departed: 1, revenue: 30, calls: 1, recovered: 1 });
    expect(await call(b.dispatch, 'reports.agreement', {})).toMatchObject({ compared: 0, notComparable: 1 });

    expect(await call(b.dispatch, 'reasons.mapText', { text: 'left because of the dog', reasonId: 'changed-needs.moved' })).toEqual({ customers: 1 });
    const after = await stated();
    expect(after.rows.find((r) => r.reasonId === null)).toBeUndefined();
    expect(after.rows.find((r) => r.reasonId === 'changed-needs.moved')).toMatchObject({ category: 'Changed needs', departed: 1, revenue: 30, calls: 1, recovered: 1, recoveredRevenue: 30 });
    expect(after.totals).toEqual(before.totals);
    expect(await call(b.dispatch, 'reports.agreement', {})).toMatchObject({ compared: 1, agreed: 1, notComparable: 0 });
    expectSummariesExact();
  });
});
