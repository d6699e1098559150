import { describe, expect, it } from 'vitest';
import { ingestBatch } from '../../hub/ingest';
import { openHubStore } from '../../hub/store/connect';
import { reasonsReport } from '../../hub/trends';
import type { EventEnvelope } from '../../shared/sync/events';
import { amended, completed, departed, envelope } from './events';
import { postgresAvailable, storeFixture } from './stores';

const NOW = new Date('2026-11-16T15:00:00Z');

/**
 * Batches stored at the same moment on PostgreSQL, on several connections and two stores (as two
 * hub instances), touching the same customers and calls: the projections must equal a one-by-one
 * fold whatever order the batches commit in.
 */
describe.skipIf(!postgresAvailable)('concurrent ingest on PostgreSQL without one global lock', () => {
  it('completions and amendments of the same calls in batches stored at once: every amendment applies, every departure once', async () => {
    const fixture = await storeFixture('postgres');
    const a = await fixture.open();
    const b = await openHubStore({ dataDir: fixture.dataDir, databaseUrl: fixture.databaseUrl, ingestLock: 'subjects' });
    try {
      const batches: EventEnvelope[][] = [];
      // 40 batches: each call completed in one batch and amended to recovered in another, customers
      // described by several batches; large batches (three parts) lock part by part and may deadlock.
      for (let k = 0; k < 40; k += 1) {
        const batch: EventEnvelope[] = [];
        for (let i = 0; i < 30; i += 1) {
          // Batch 2n completes calls n*30 .. n*30+29; batch 2n+1 amends the same calls.
          const call = `cc-${Math.floor(k / 2) * 30 + i}`;
          batch.push(k % 2 === 0 ? envelope('call.completed', completed(call, `CC-${i % 50}`, { cycle: 'CC', outcome: 'declined' })) : envelope('call.amended', amended(call, { outcome: 'recovered' })));
          batch.push(envelope('customer.departed', departed(`CC-${(i * 7 + k) % 50}`, { cycle: 'CC', monthlyRevenue: 10 })));
        }
        if (k % 10 === 0) for (let j = 0; j < 1200; j += 1) batch.push(envelope('customer.departed', departed(`CC-${(j * 13 + k) % 50}`, { cycle: 'CC', monthlyRevenue: 10 })));
        batches.push(batch);
      }
      const results = await Promise.all(batches.map((batch, i) => ingestBatch(i % 2 === 0 ? a : b, batch, { name: 'Alex Agent', role: 'agent' }, NOW)));
      for (const r of results) expect(r.rejected).toEqual([]);
      const calls = await a.db.selectFrom('calls').select(['call_id', 'outcome', 'amendments']).where('cycle', '=', 'CC').execute();
      expect(calls).toHaveLength(600);
      // Amendments were sent for the 600 calls of the even batches: each lands however the commits interleave.
      expect(calls.filter((c) => c.outcome === 'recovered')).toHaveLength(600);
      const report = await reasonsReport(a, { cycle: 'CC' });
      expect(report.totals).toMatchObject({ departed: 50, calls: 600, recovered: 600 });
    } finally {
      await b.close();
      await a.close();
      await fixture.dispose();
    }
  });
});

describe.skipIf(!postgresAvailable)('two desks claiming the same records at once on PostgreSQL', () => {
  it('in opposite orders, across parts: every event is stored or refused with its owner, each record has one owner, no batch fails', async () => {
    const fixture = await storeFixture('postgres');
    const a = await fixture.open();
    const b = await openHubStore({ dataDir: fixture.dataDir, databaseUrl: fixture.databaseUrl, ingestLock: 'subjects' });
    try {
      // Each batch runs in three parts (500 events a part); the desks name the same 1,200 calls in opposite orders.
      const calls = Array.from({ length: 1200 }, (_, i) => `claim-${i}`);
      const batchOf = (order: string[], desk: string) => order.map((id) => envelope('call.completed', completed(id, `CL-${id}`, { cycle: 'CL' }), desk));
      for (let round = 0; round < 3; round += 1) {
        const ids = calls.map((c) => `${c}-${round}`);
        const [alex, sam] = await Promise.all([
          ingestBatch(a, batchOf(ids, 'desk-alex'), { name: 'Alex Agent', role: 'agent' }, NOW),
          ingestBatch(b, batchOf([...ids].reverse(), 'desk-sam'), { name: 'Sam Agent', role: 'agent' }, NOW),
        ]);
        for (const answer of [alex, sam]) {
          expect(answer.duplicate).toEqual([]);
          expect(answer.rejected.every((r) => r.reason.includes('first sent by'))).toBe(true);
        }
        // Every call went to exactly one desk: stored for it, refused for the other.
        expect(alex.accepted.length + sam.accepted.length).toBe(ids.length);
        expect(alex.rejected.length + sam.rejected.length).toBe(ids.length);
      }
      const owners = await a.db.selectFrom('trust_owners').select((eb) => eb.fn.countAll<number>().as('n')).where('family', '=', 'call').executeTakeFirstOrThrow();
      expect(Number(owners.n)).toBe(3 * calls.length);
      const held = await a.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).where('cycle', '=', 'CL').executeTakeFirstOrThrow();
      expect(Number(held.n)).toBe(3 * calls.length);
    } finally {
      await b.close();
      await a.close();
      await fixture.dispose();
    }
  }, 120_000);
});
