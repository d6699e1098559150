import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { EventEnvelope, EventKind } from '../../shared/sync/events';
import type { ReasonsReportFilters } from '../../shared/reports/reasons';
import { ingestBatch } from '../../hub/ingest';
import { reasonsReport, reasonsReportFromProjections } from '../../hub/trends';
import { rebuildStatedMonthCells } from '../../hub/store/cellsBackfill';
import { foldPendingCells } from '../../hub/store/cellsFold';
import type { HubStore } from '../../hub/store/connect';
import { amended, completed, departed } from './events';
import { STORE_KINDS, storeFixture, type StoreFixture } from './stores';

/**
 * The stated report over a range of days reads whole months from the monthly cells and only the
 * months the range cuts from the daily ones (hub/trendsCells.ts). It must equal the report from
 * the departures and calls for any range: starting or ending on a month's first or last day, inside
 * one month, across a year, empty, and with days that are not calendar dates (a console sends the
 * departure day as it was imported).
 */

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

/** Month edges of a leap and a common year, a year's turn, and day text that is no calendar date. */
const EDGE_DAYS = ['2025-12-31', '2026-01-01', '2026-01-31', '2026-02-01', '2026-02-28', '2026-03-01', '2026-03-31', '2026-04-01', '2028-02-29', '2028-03-01'];
const ODD_DAYS = ['2026-03', '2026-03-00', '2026-02-31', '2026-13-01', '2026-03-1', '03/02/2026', ''];
const CYCLES = ['C1', 'C2', null];
const SEGMENTS = ['Month-to-month', 'One year'];
const TEAMS = ['Billing desk', 'Retention', null];
const STATED = [
  { statedReasonId: 'price.too-expensive', statedCategoryId: 'price', statedReasonText: 'Price too high' },
  { statedReasonId: 'competitor.better-offer', statedCategoryId: 'competitor', statedReasonText: null },
  { statedReasonId: null, statedCategoryId: null, statedReasonText: 'Neighbour said so' },
  { statedReasonId: null, statedCategoryId: null, statedReasonText: null },
];
const OUTCOMES = ['recovered', 'declined', 'no_answer'] as const;

function anyDay(r: ReturnType<typeof random>): string {
  const roll = r.next();
  if (roll < 0.4) return r.pick(EDGE_DAYS);
  if (roll < 0.5) return r.pick(ODD_DAYS);
  const day = new Date(Date.UTC(2025, 11, 1) + Math.floor(r.next() * 500) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

let uid = 0;
const envelopeOf = (kind: EventKind, payload: unknown): EventEnvelope => {
  uid += 1;
  return { id: `00000000-0000-4000-9000-${String(uid).padStart(12, '0')}`, kind, consoleId: `console-${uid % 3}`, seq: uid, occurredAt: '2026-11-16T10:00:00.000Z', payload };
};

/** Departures (some described again on another day), calls, corrections, and calls moved to another customer. */
function stream(seed: number, customers: number): EventEnvelope[] {
  const r = random(seed);
  const out: EventEnvelope[] = [];
  for (let i = 0; i < customers; i += 1) {
    const id = `M-${seed}-${i}`;
    const describe = () =>
      envelopeOf(
        'customer.departed',
        departed(id, { cycle: r.pick(CYCLES), departedAt: r.next() < 0.05 ? null : anyDay(r), monthlyRevenue: r.pick([19.99, 80, null]), segment: r.pick(SEGMENTS), frontlineTeam: r.pick(TEAMS), ...r.pick(STATED) }),
      );
    if (r.next() > 0.1) out.push(describe());
    if (r.next() < 0.1) out.push(describe());
    const calls = Math.floor(r.next() * 3);
    for (let k = 0; k < calls; k += 1) {
      const callId = `${id}-call-${k}`;
      out.push(envelopeOf('call.completed', completed(callId, id, { cycle: r.pick(CYCLES), completedAt: `${anyDay(r)}T1${k}:00:00.000Z`, outcome: r.pick(OUTCOMES), segment: r.pick(SEGMENTS), frontlineTeam: r.pick(TEAMS), statedReasonId: r.pick(STATED).statedReasonId })));
      if (r.next() < 0.3) out.push(envelopeOf('call.amended', amended(callId, { outcome: r.pick(OUTCOMES) })));
      if (r.next() < 0.05) out.push(envelopeOf('call.completed', completed(callId, `M-${seed}-${Math.floor(r.next() * customers)}`, { completedAt: `${anyDay(r)}T09:00:00.000Z` })));
    }
  }
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(r.next() * (i + 1));
    [out[i], out[j]] = [out[j] as EventEnvelope, out[i] as EventEnvelope];
  }
  return out;
}

/** Ranges that begin and end on month edges, inside one month, across the year, one-sided and empty, with other filters now and then. */
function ranges(seed: number, count: number): ReasonsReportFilters[] {
  const r = random(seed);
  const day = () => (r.next() < 0.6 ? r.pick(EDGE_DAYS) : anyDay(r).replace(/^(?!\d{4}-\d{2}-\d{2}$).*$/, '2026-03-15'));
  const out: ReasonsReportFilters[] = [{ by: 'stated', from: '2026-03-10', to: '2026-03-12' }, { by: 'stated', from: '2026-04-01', to: '2026-03-01' }];
  while (out.length < count) {
    const f: ReasonsReportFilters = { by: 'stated' };
    const sides = r.next();
    if (sides < 0.8) f.from = day();
    if (sides > 0.2) f.to = day();
    if (f.from !== undefined && f.to !== undefined && f.from > f.to && r.next() < 0.8) [f.from, f.to] = [f.to, f.from];
    const group = r.pick([undefined, 'cycle', 'month'] as const);
    if (group) f.group = group;
    if (r.next() < 0.2) f.cycle = 'C1';
    if (r.next() < 0.2) f.segment = 'One year';
    if (r.next() < 0.2) f.team = 'Retention';
    out.push(f);
  }
  return out;
}

const MANAGER = { name: 'Pat Manager', role: 'manager' as const };

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`the stated report from monthly and daily cells on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    let fixture: StoreFixture;
    let store: HubStore;

    beforeAll(async () => {
      fixture = await storeFixture(kind);
      store = await fixture.open();
      const events = stream(kind === 'sqlite' ? 7 : 11, 400);
      for (let i = 0; i < events.length; i += 60) {
        const results = await Promise.all([ingestBatch(store, events.slice(i, i + 30), MANAGER, new Date()), ingestBatch(store, events.slice(i + 30, i + 60), MANAGER, new Date())]);
        for (const result of results) expect(result.rejected).toEqual([]);
      }
    }, 60_000);
    afterAll(async () => {
      await store.close();
      await fixture.dispose();
    });

    it('equals the report from the departures and calls for ranges on and between month edges', async () => {
      const filters = ranges(kind === 'sqlite' ? 5 : 13, 160);
      for (const f of [...filters, { by: 'stated' as const }, { by: 'stated' as const, group: 'month' as const }]) {
        const [fromCells, fromProjections] = await Promise.all([reasonsReport(store, f), reasonsReportFromProjections(store, f)]);
        expect({ f, report: fromCells }).toEqual({ f, report: fromProjections });
      }
      // Not vacuous: ranges that cut months find departures, and the odd days are in the cells.
      const march = await reasonsReport(store, { by: 'stated', from: '2026-03-01', to: '2026-03-31' });
      expect(march.totals.departed).toBeGreaterThan(5);
      await foldPendingCells(store);
      const odd = await store.db.selectFrom('cells_stated').select('day').where('day', 'in', ['2026-03', '2026-03-00', '2026-13-01']).execute();
      expect(odd.length).toBeGreaterThan(0);
    }, 60_000);

    it('keeps monthly cells that equal the daily ones summed by month, as the migration sums them', async () => {
      await foldPendingCells(store);
      const byMonth = async () =>
        (
          await sql<{ side: string; month: string | null; departed: string; revenue: string; calls: string; recovered: string; recovered_revenue: string }>`
            SELECT side, month, sum(departed) AS departed, sum(revenue) AS revenue, sum(calls) AS calls, sum(recovered) AS recovered, sum(recovered_revenue) AS recovered_revenue
            FROM cells_stated_month GROUP BY side, month ORDER BY side, month`.execute(store.db)
        ).rows.map((row) => Object.values(row).map(String));
      const fromDays = (
        await sql<Record<string, unknown>>`
          SELECT side, substr(day, 1, 7) AS month, sum(departed) AS departed, sum(revenue) AS revenue, sum(calls) AS calls, sum(recovered) AS recovered, sum(recovered_revenue) AS recovered_revenue
          FROM cells_stated GROUP BY side, substr(day, 1, 7) ORDER BY side, month`.execute(store.db)
      ).rows.map((row) => Object.values(row).map(String));
      const kept = await byMonth();
      expect(kept.length).toBeGreaterThan(20);
      expect(kept).toEqual(fromDays);
      const held = await store.db.selectFrom('cells_stated_month').selectAll().where((eb) => eb.or([eb('departed', '!=', 0), eb('calls', '!=', 0), eb('revenue', '!=', 0)])).orderBy('cell').execute();
      await rebuildStatedMonthCells(store.db, store.dialect);
      expect(await store.db.selectFrom('cells_stated_month').selectAll().orderBy('cell').execute()).toEqual(held);
    }, 60_000);
  });
}
