import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestResponse } from '../../shared/sync/hubApi';
import { ReasonsReport } from '../../shared/reports/reasons';
import { EffectReport } from '../../shared/reports/effect';
import { MAX_MONTHLY_REVENUE } from '../../shared/domain/importLimits';
import { startTestHub, type TestHub } from './hubHarness';
import { STORE_KINDS, storeFixture } from './stores';
import { createToken } from '../../hub/tokens';
import { sql } from 'kysely';
import { amended, completed, departed, envelope } from './events';

/**
 * Every event is bound to the token that sent it: a desk cannot change another desk's customers,
 * calls or figures, whatever its events say, and the hub bounds values as the console's import does.
 */
for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`events bound to their token on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    let hub: TestHub;
    let alex: string;
    let sam: string;
    let manager: string;
    beforeAll(async () => {
      hub = await startTestHub(kind);
      alex = await hub.token('Alex Agent', 'agent');
      sam = await hub.token('Sam Agent', 'agent');
      manager = await hub.token('Pat Manager', 'manager');
    });
    afterAll(() => hub.close());

    const ingest = async (token: string, events: unknown[]) => {
      const res = await hub.post('/v1/events', token, { events });
      expect(res.status).toBe(200);
      return IngestResponse.parse(await res.json());
    };
    const totals = async (cycle: string) => {
      const res = await hub.get(`/v1/trends?cycle=${cycle}`, manager);
      expect(res.status).toBe(200);
      return ReasonsReport.parse(await res.json()).totals;
    };

    it("refuses, event by event, another desk's amendment, a second completion of its call and a re-pricing of its customer", async () => {
      const c = 'TR-1';
      const own = [
        envelope('customer.departed', departed('TR1-A', { cycle: c, monthlyRevenue: 100 }), 'desk-alex'),
        envelope('call.completed', completed('tr1-call', 'TR1-A', { cycle: c, outcome: 'recovered', monthlyRevenue: 100 }), 'desk-alex'),
      ];
      expect((await ingest(alex, own)).accepted).toHaveLength(2);
      expect(await totals(c)).toMatchObject({ departed: 1, revenue: 100, calls: 1, recovered: 1, recoveredRevenue: 100 });

      const hostile = [
        envelope('call.amended', amended('tr1-call', { outcome: 'declined' }), 'desk-sam'),
        envelope('call.completed', completed('tr1-call', 'TR1-A', { cycle: c, outcome: 'declined', monthlyRevenue: 100 }), 'desk-sam'),
        envelope('customer.departed', departed('TR1-A', { cycle: c, monthlyRevenue: MAX_MONTHLY_REVENUE }), 'desk-sam'),
        // Sam's own customer in the same batch is kept.
        envelope('customer.departed', departed('TR1-S', { cycle: c, monthlyRevenue: 30 }), 'desk-sam'),
      ];
      const answer = await ingest(sam, hostile);
      expect(answer.accepted).toEqual([hostile[3]?.id]);
      expect(answer.rejected.map((r) => [r.id, r.index])).toEqual([0, 1, 2].map((i) => [hostile[i]?.id, i]));
      for (const r of answer.rejected) expect(r.reason).toContain('first sent by "Alex Agent" (console desk-alex)');
      expect(await totals(c)).toMatchObject({ departed: 2, revenue: 130, calls: 1, recovered: 1, recoveredRevenue: 100 });
    });

    it('two desks that imported the same company file still count each customer once', async () => {
      const c = 'TR-2';
      const a = envelope('customer.departed', departed('TR2-A', { cycle: c, monthlyRevenue: 80 }), 'desk-alex');
      const s = envelope('customer.departed', departed('TR2-A', { cycle: c, monthlyRevenue: 80 }), 'desk-sam');
      expect((await ingest(alex, [a])).accepted).toEqual([a.id]);
      expect((await ingest(sam, [s])).accepted).toEqual([s.id]);
      expect((await ingest(sam, [s])).duplicate).toEqual([s.id]);
      expect(await totals(c)).toMatchObject({ departed: 1, revenue: 80 });
    });

    it("accepts a second desk's identical control share, groups and returns, refuses a contradictory one, and counts each customer once", async () => {
      const cycle = 'TR-G';
      const facts = (console: string) => [
        envelope('cycle.control', { cycle, cycleName: 'Grouping cycle', sharePercent: 20, setAt: console === 'desk-alex' ? '2026-11-01T08:00:00Z' : '2026-11-02T09:00:00Z' }, console),
        envelope('customer.grouped', { externalId: 'TRG-A', cycle, group: 'to_call' }, console),
        envelope('customer.grouped', { externalId: 'TRG-B', cycle, group: 'control' }, console),
        envelope('customer.returned', { externalId: 'TRG-B', returnedOn: '2026-11-20', monthlyRevenue: 40 }, console),
      ];
      const first = facts('desk-alex');
      expect((await ingest(alex, first)).accepted).toEqual(first.map((e) => e.id));
      // Sam imported the same file: the same hash put the same customers in the same groups.
      const same = facts('desk-sam');
      const repeat = await ingest(sam, same);
      expect(repeat.rejected).toEqual([]);
      expect(repeat.accepted).toEqual(same.map((e) => e.id));

      const contradicting = [
        envelope('customer.grouped', { externalId: 'TRG-A', cycle, group: 'control' }, 'desk-sam'),
        envelope('cycle.control', { cycle, cycleName: 'Grouping cycle', sharePercent: 30, setAt: '2026-11-03T09:00:00Z' }, 'desk-sam'),
        envelope('customer.returned', { externalId: 'TRG-B', returnedOn: null, monthlyRevenue: null }, 'desk-sam'),
      ];
      const answer = await ingest(sam, contradicting);
      expect(answer.accepted).toEqual([]);
      expect(answer.rejected.map((r) => r.index)).toEqual([0, 1, 2]);
      expect(answer.rejected[0]?.reason).toContain(`This customer's group was first sent by "Alex Agent" (console desk-alex)`);

      const res = await hub.get(`/v1/effect?cycle=${cycle}`, manager);
      expect(res.status).toBe(200);
      const report = EffectReport.parse(await res.json());
      expect(report.controls).toEqual([{ cycleId: cycle, cycle: 'Grouping cycle', sharePercent: 20 }]);
      expect([report.overall.toCall.customers, report.overall.control.customers, report.overall.control.returned]).toEqual([1, 1, 1]);
    });

    it("a manager's token may correct any desk's call, even before the call arrives; the desk's own corrections go on", async () => {
      const c = 'TR-3';
      const correction = envelope('call.amended', amended('tr3-call', { outcome: 'recovered' }), 'desk-pat');
      expect((await ingest(manager, [correction])).accepted).toEqual([correction.id]);
      const call = envelope('call.completed', completed('tr3-call', 'TR3-A', { cycle: c, outcome: 'declined', monthlyRevenue: 40 }), 'desk-sam');
      expect((await ingest(sam, [envelope('customer.departed', departed('TR3-A', { cycle: c, monthlyRevenue: 40 }), 'desk-sam'), call])).rejected).toEqual([]);
      expect(await totals(c)).toMatchObject({ calls: 1, recovered: 1 });
      const own = envelope('call.amended', amended('tr3-call', { outcome: 'declined' }), 'desk-sam');
      expect((await ingest(sam, [own])).accepted).toEqual([own.id]);
      expect(await totals(c)).toMatchObject({ calls: 1, recovered: 0 });
      // And Alex still cannot.
      expect((await ingest(alex, [envelope('call.amended', amended('tr3-call', { outcome: 'recovered' }), 'desk-alex')])).rejected).toHaveLength(1);
    });

    it('binds to the person, not the token string: a token renewed for the same name keeps its records', async () => {
      const c = 'TR-4';
      const first = await hub.token('Dee Agent', 'agent');
      await ingest(first, [envelope('call.completed', completed('tr4-call', 'TR4-A', { cycle: c, outcome: 'declined' }), 'desk-dee')]);
      await hub.store.db.updateTable('tokens').set({ revoked_at: new Date().toISOString() }).where('name', '=', 'Dee Agent').execute();
      const renewed = await hub.token('Dee Agent', 'agent');
      expect((await ingest(renewed, [envelope('call.amended', amended('tr4-call', { outcome: 'recovered' }), 'desk-dee')])).rejected).toEqual([]);
    });

    it("each review is its own record: another desk's review of the same customer is kept, a review under another desk's review id is not", async () => {
      const review = (reviewId: string, consoleId: string) =>
        envelope('review.completed', { reviewId, externalId: 'TR6-A', reviewedAt: '2026-11-20T10:00:00.000Z', verdict: 'healthy', satisfaction: 4 }, consoleId);
      expect((await ingest(alex, [review('tr6-review-1', 'desk-alex')])).rejected).toEqual([]);
      expect((await ingest(sam, [review('tr6-review-2', 'desk-sam')])).rejected).toEqual([]);
      expect((await ingest(sam, [review('tr6-review-1', 'desk-sam')])).rejected).toHaveLength(1);
    });

    it('bounds values as the import does: a monthly revenue the import refuses is refused here too', async () => {
      const over = envelope('customer.departed', departed('TR5-A', { cycle: 'TR-5', monthlyRevenue: MAX_MONTHLY_REVENUE * 10 }), 'desk-alex');
      const longReason = envelope('customer.departed', departed('TR5-B', { cycle: 'TR-5', statedReasonText: 'x'.repeat(2001) }), 'desk-alex');
      const answer = await ingest(alex, [over, longReason]);
      expect(answer.accepted).toEqual([]);
      expect(answer.rejected.map((r) => r.reason)).toEqual([expect.stringContaining('monthlyRevenue') as string, expect.stringContaining('statedReasonText') as string]);
    });
  });
}

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`a hub upgraded with events already held on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    it("gives each record to the first desk that sent it, passing over managers' tokens", async () => {
      const fixture = await storeFixture(kind);
      try {
        let store = await fixture.open();
        await createToken(store, { name: 'Pat Manager', role: 'manager' }, new Date());
        await createToken(store, { name: 'Alex Agent', role: 'agent' }, new Date());
        const row = (n: number, kindOf: string, subject: string, sentBy: string, payload = '{}') => ({
          id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
          kind: kindOf,
          console_id: `desk-${sentBy}`,
          seq: n,
          occurred_at: '2026-11-16T10:00:00.000Z',
          subject,
          payload,
          content_hash: `h${n}`,
          sent_by: sentBy,
          received_at: `2026-11-16T10:00:0${n}.000Z`,
        });
        await store.db
          .insertInto('events')
          .values([
            row(1, 'call.amended', 'UP-call', 'Pat Manager'),
            row(2, 'call.completed', 'UP-call', 'Alex Agent'),
            row(3, 'call.amended', 'UP-call', 'Sam Agent'),
            row(4, 'customer.departed', 'UP-cust', 'Sam Agent'),
            row(5, 'customer.departed', 'UP-cust', 'Alex Agent'),
            row(6, 'customer.relost', 'UP-cust', 'Alex Agent'),
            row(7, 'review.completed', 'UP-cust', 'Sam Agent', '{"reviewId":"UP-review-1"}'),
            row(8, 'review.completed', 'UP-cust', 'Alex Agent', '{"reviewId":"UP-review-2"}'),
          ])
          .execute();
        // As the store was before the step that binds records: no owners table, the step not run.
        await sql`DROP TABLE trust_owners`.execute(store.db);
        await sql`DELETE FROM kysely_migration WHERE name = 'trust_001_record_owners'`.execute(store.db);
        await store.close();
        store = await fixture.open();
        const owners = await store.db.selectFrom('trust_owners').select(['family', 'subject', 'owner']).orderBy('family').orderBy('subject').execute();
        expect(owners).toEqual([
          { family: 'call', subject: 'UP-call', owner: 'Alex Agent' },
          { family: 'departure', subject: 'UP-cust', owner: 'Sam Agent' },
          { family: 'relost', subject: 'UP-cust', owner: 'Alex Agent' },
          { family: 'review', subject: 'UP-review-1', owner: 'Sam Agent' },
          { family: 'review', subject: 'UP-review-2', owner: 'Alex Agent' },
        ]);
        await store.close();
      } finally {
        await fixture.dispose();
      }
    });
  });
}
