import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope, EventKind, EventPayload } from '../../shared/sync/events';
import type { ReasonsReportFilters } from '../../shared/reports/reasons';
import { ingestBatch } from '../../hub/ingest';
import { reasonsReport, reasonsReportFromProjections } from '../../hub/trends';
import { rebuildReasonCells } from '../../hub/store/cellsBackfill';
import { foldPendingCells } from '../../hub/store/cellsFold';
import type { HubStore } from '../../hub/store/connect';
import { amended, completed, departed } from './events';
import { STORE_KINDS, storeFixture, type StoreFixture } from './stores';

/**
 * The reasons report read from the cells must equal the report grouped from the projections, for
 * every filter, while departures, calls and corrections arrive in any order, twice, and in batches
 * that run side by side.
 */

/** A small generator with a seed, so a failure can be run again exactly. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return { next, pick };
}

const CYCLES = ['C1', 'C2', null];
const SEGMENTS = ['Month-to-month', 'One year', null];
const PRODUCTS = ['Fiber optic', 'DSL'];
const TEAMS = ['Billing desk', 'Retention', null];
const DAYS = ['2026-10-30', '2026-11-02', '2026-11-15', '2026-12-01', '2026-12-20'];
const REVENUES = [19.99, 45.5, 80, 120.25, null];
const DIAGNOSES: EventPayload<'call.completed'>['diagnosedReasons'][] = [
  [{ reasonId: 'price.too-expensive', categoryId: 'price', primary: true }],
  [{ reasonId: 'competitor.better-offer', categoryId: 'competitor', primary: true }],
  [
    { reasonId: 'service.support-attitude', categoryId: 'service', primary: false },
    { reasonId: 'price.too-expensive', categoryId: 'price', primary: true },
  ],
  // A reason a manager added on a console: the hub knows its id and category only.
  [{ reasonId: 'custom.moved-abroad', categoryId: 'other', primary: true }],
  [],
];
const STATED: Pick<EventPayload<'customer.departed'>, 'statedReasonId' | 'statedCategoryId' | 'statedReasonText'>[] = [
  { statedReasonId: 'price.too-expensive', statedCategoryId: 'price', statedReasonText: 'Price too high' },
  { statedReasonId: 'competitor.better-offer', statedCategoryId: 'competitor', statedReasonText: 'Better offer' },
  { statedReasonId: null, statedCategoryId: null, statedReasonText: 'Neighbour said so' },
  { statedReasonId: null, statedCategoryId: null, statedReasonText: null },
];
const OUTCOMES = ['recovered', 'declined', 'no_answer'] as const;

let uid = 0;
const envelopeOf = (kind: EventKind, payload: unknown, consoleId: string): EventEnvelope => {
  uid += 1;
  return { id: `00000000-0000-4000-8000-${String(uid).padStart(12, '0')}`, kind, consoleId, seq: uid, occurredAt: '2026-11-16T10:00:00.000Z', payload };
};

/** A stream of events about `customers` customers: departures (some described again), calls, corrections, repeats. */
function stream(seed: number, customers: number): EventEnvelope[] {
  const r = random(seed);
  const out: EventEnvelope[] = [];
  const calls: string[] = [];
  for (let i = 0; i < customers; i += 1) {
    const id = `X-${seed}-${i}`;
    const console = `console-${i % 4}`;
    const describe = () =>
      envelopeOf(
        'customer.departed',
        departed(id, { cycle: r.pick(CYCLES), departedAt: r.pick(DAYS), monthlyRevenue: r.pick(REVENUES), segment: r.pick(SEGMENTS), product: r.pick(PRODUCTS), frontlineTeam: r.pick(TEAMS), ...r.pick(STATED) }),
        console,
      );
    // One in eight customers never departs at the hub: their calls keep their own stated reason.
    if (r.next() > 0.125) out.push(describe());
    if (r.next() < 0.15) out.push(describe());
    const n = Math.floor(r.next() * 4);
    for (let k = 0; k < n; k += 1) {
      const callId = `${id}-call-${k}`;
      calls.push(callId);
      const stated = r.pick(STATED);
      out.push(
        envelopeOf(
          'call.completed',
          completed(callId, id, {
            cycle: r.pick(CYCLES),
            completedAt: `${r.pick(DAYS)}T1${k}:00:00.000Z`,
            outcome: r.pick(OUTCOMES),
            diagnosedReasons: r.pick(DIAGNOSES),
            monthlyRevenue: r.pick(REVENUES),
            segment: r.pick(SEGMENTS),
            product: r.pick(PRODUCTS),
            frontlineTeam: r.next() < 0.3 ? null : r.pick(TEAMS),
            statedReasonId: stated.statedReasonId,
          }),
          console,
        ),
      );
    }
  }
  // Corrections: another outcome, another diagnosis, or both; some for calls completed again elsewhere.
  for (const callId of calls) {
    if (r.next() < 0.35) out.push(envelopeOf('call.amended', amended(callId, { outcome: r.pick(OUTCOMES) }), 'console-9'));
    if (r.next() < 0.3) out.push(envelopeOf('call.amended', amended(callId, { diagnosedReasons: r.pick(DIAGNOSES) }), 'console-9'));
    if (r.next() < 0.05) {
      // The same call completed again, for another customer: it leaves the first one's cells.
      const other = `X-${seed}-${Math.floor(r.next() * customers)}`;
      out.push(envelopeOf('call.completed', completed(callId, other, { completedAt: `${r.pick(DAYS)}T09:00:00.000Z`, diagnosedReasons: r.pick(DIAGNOSES), outcome: r.pick(OUTCOMES) }), 'console-8'));
    }
  }
  // Out of order: shuffled, so calls arrive before their customer and corrections before their call.
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(r.next() * (i + 1));
    [out[i], out[j]] = [out[j] as EventEnvelope, out[i] as EventEnvelope];
  }
  // One in ten events sent twice.
  const repeated = out.filter(() => r.next() < 0.1);
  return [...out, ...repeated];
}

/** Every filter the report takes: each by, grouping, cycle, range of days, segment, product and team, alone and together. */
function everyFilter(): ReasonsReportFilters[] {
  const out: ReasonsReportFilters[] = [];
  for (const by of ['stated', 'diagnosed'] as const)
    for (const group of [undefined, 'cycle', 'month'] as const)
      for (const cycle of [undefined, 'C1'])
        for (const days of [{}, { from: '2026-11-01' }, { to: '2026-11-30' }, { from: '2026-11-02', to: '2026-12-01' }])
          for (const segment of [undefined, 'Month-to-month'])
            for (const product of [undefined, 'Fiber optic'])
              for (const team of [undefined, 'Billing desk']) {
                const f: ReasonsReportFilters = { by, ...days };
                if (group) f.group = group;
                if (cycle) f.cycle = cycle;
                if (segment) f.segment = segment;
                if (product) f.product = product;
                if (team) f.team = team;
                out.push(f);
              }
  return out;
}

const MANAGER = { name: 'Pat Manager', role: 'manager' as const };

async function sameReports(store: HubStore): Promise<number> {
  let checked = 0;
  for (const f of everyFilter()) {
    const [fromCells, fromProjections] = await Promise.all([reasonsReport(store, f), reasonsReportFromProjections(store, f)]);
    expect({ f, report: fromCells }).toEqual({ f, report: fromProjections });
    checked += 1;
  }
  return checked;
}

/** The cells with anything in them, in a stable order. */
async function heldCells(store: HubStore) {
  const stated = await store.db.selectFrom('cells_stated').selectAll().where((eb) => eb.or([eb('departed', '!=', 0), eb('calls', '!=', 0), eb('revenue', '!=', 0), eb('recovered', '!=', 0), eb('recovered_revenue', '!=', 0)])).orderBy('cell').execute();
  const diagnosed = await store.db.selectFrom('cells_diagnosed').selectAll().where((eb) => eb.or([eb('customers', '!=', 0), eb('calls', '!=', 0), eb('revenue', '!=', 0), eb('recovered', '!=', 0), eb('recovered_revenue', '!=', 0)])).orderBy('cell').execute();
  const numeric = <T extends Record<string, unknown>>(rows: T[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) && k !== 'cell' ? Number(v) : v])));
  return { stated: numeric(stated), diagnosed: numeric(diagnosed) };
}

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`the reasons report from its cells on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    let fixture: StoreFixture;
    let store: HubStore;
    const events = stream(kind === 'sqlite' ? 19 : 23, 600);

    beforeAll(async () => {
      fixture = await storeFixture(kind);
      store = await fixture.open();
    });
    afterAll(async () => {
      await store.close();
      await fixture.dispose();
    });

    it('equals the report from the departures and calls, for every filter, as events arrive out of order and twice', async () => {
      expect(events.filter((e) => e.kind === 'call.amended').length).toBeGreaterThan(50);
      // Round one: a third of the stream, in batches of 25, one at a time.
      const third = Math.floor(events.length / 3);
      for (let i = 0; i < third; i += 25) {
        const result = await ingestBatch(store, events.slice(i, Math.min(third, i + 25)), MANAGER, new Date());
        expect(result.rejected).toEqual([]);
      }
      expect(await sameReports(store)).toBe(everyFilter().length);
      // Round two: batches of 20 sent four at a time (on PostgreSQL they run side by side) and one batch
      // larger than a part (500 events), so one customer's calls meet in concurrent and multi-part batches.
      const second = events.slice(third, 2 * third);
      const batches: EventEnvelope[][] = [];
      for (let i = 0; i + 20 <= second.length - 520; i += 20) batches.push(second.slice(i, i + 20));
      for (let i = 0; i < batches.length; i += 4) {
        // On PostgreSQL the pending cell changes are folded in beside the batches now and then, as a hub's timer does.
        const folding = i % 12 === 0 ? foldPendingCells(store) : Promise.resolve(0);
        const results = await Promise.all(batches.slice(i, i + 4).map((b) => ingestBatch(store, b, MANAGER, new Date())));
        for (const result of results) expect(result.rejected).toEqual([]);
        await folding;
      }
      const tail = second.slice(batches.length * 20);
      expect(tail.length).toBeGreaterThan(500);
      expect((await ingestBatch(store, tail, MANAGER, new Date())).rejected).toEqual([]);
      expect(await sameReports(store)).toBe(everyFilter().length);
      // Round three: the rest, everything sent again with it (all duplicates).
      const rest = [...events.slice(2 * third), ...events.slice(0, third)];
      for (let i = 0; i < rest.length; i += 40) {
        await Promise.all([ingestBatch(store, rest.slice(i, i + 20), MANAGER, new Date()), ingestBatch(store, rest.slice(i + 20, i + 40), MANAGER, new Date())]);
      }
      expect(await sameReports(store)).toBe(everyFilter().length);
      const report = await reasonsReport(store, { by: 'diagnosed' });
      expect(report.totals.departed).toBeGreaterThan(50);
      expect(report.rows.map((r) => r.reasonId).sort()).toEqual(['competitor.better-offer', 'custom.moved-abroad', 'price.too-expensive']);
    }, 600_000);

    it('holds the same cells after being built again from the projections, as the migration builds them', async () => {
      await foldPendingCells(store);
      const kept = await heldCells(store);
      expect(kept.stated.length).toBeGreaterThan(20);
      const built = await rebuildReasonCells(store.db, store.dialect);
      expect(built.statedCells).toBe(kept.stated.length);
      expect(await heldCells(store)).toEqual(kept);
      expect(await reasonsReport(store, { by: 'stated', group: 'month' })).toEqual(await reasonsReportFromProjections(store, { by: 'stated', group: 'month' }));
    }, 120_000);
  });
}
