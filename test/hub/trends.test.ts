import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReasonsReport, type ReasonsReportRow } from '../../shared/reports/reasons';
import { call, callResult } from '../helpers/backend';
import { startTestHub, type TestHub } from './hubHarness';
import { hubConsole, type TestConsole } from './consoles';
import { STORE_KINDS } from './stores';
import { amended, completed, departed, enqueue } from './events';

const row = (over: Partial<ReasonsReportRow>): ReasonsReportRow => ({
  categoryId: null, category: '', reasonId: null, reason: '', departed: 0, revenue: 0, calls: 0, recovered: 0, recoveryRate: 0, recoveredRevenue: 0, ...over,
});

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`org-wide trends on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    let hub: TestHub;
    let manager: TestConsole;
    let alex: TestConsole;
    let sam: TestConsole;
    let morgan: TestConsole;
    const trends = async (query: string) => {
      const res = await hub.get(`/v1/trends?${query}`, manager.token);
      expect(res.status).toBe(200);
      return ReasonsReport.parse(await res.json());
    };

    beforeAll(async () => {
      hub = await startTestHub(kind);
      manager = await hubConsole(hub, { name: 'Pat Manager', role: 'manager' });
      alex = await hubConsole(hub, { name: 'Alex Agent', role: 'agent' });
      sam = await hubConsole(hub, { name: 'Sam Agent', role: 'agent' });
      morgan = await hubConsole(hub, { name: 'Morgan Executive', role: 'executive' });
    });
    afterAll(async () => {
      for (const c of [manager, alex, sam, morgan]) c.dispose();
      await hub.close();
    });

    it('counts a departed customer once when two consoles imported it', async () => {
      enqueue(manager.db, [{ kind: 'customer.departed', payload: departed('SAME-1', { cycle: 'T-same', monthlyRevenue: 80 }) }]);
      enqueue(alex.db, [{ kind: 'customer.departed', payload: departed('SAME-1', { cycle: 'T-same', monthlyRevenue: 80 }) }]);
      expect((await manager.push()).sent).toBe(1);
      expect((await alex.push()).sent).toBe(1);
      const report = await trends('cycle=T-same');
      expect(report.totals).toMatchObject({ departed: 1, revenue: 80 });
      expect(report.rows).toEqual([row({ categoryId: 'price', category: 'Price / value for money', reasonId: 'price.too-expensive', reason: 'Too expensive', departed: 1, revenue: 80 })]);
    });

    describe("three consoles' calls", () => {
      const c = 'T-three';
      beforeAll(async () => {
        enqueue(manager.db, [
          { kind: 'customer.departed', payload: departed('T3-1', { cycle: c, monthlyRevenue: 100 }) },
          { kind: 'customer.departed', payload: departed('T3-2', { cycle: c, monthlyRevenue: 50 }) },
          { kind: 'customer.departed', payload: departed('T3-3', { cycle: c, monthlyRevenue: 70, statedReasonId: 'competitor.better-offer', statedCategoryId: 'competitor', statedReasonText: 'Competitor made better offer' }) },
          { kind: 'customer.departed', payload: departed('T3-4', { cycle: c, monthlyRevenue: 30, statedReasonId: 'service.reliability', statedCategoryId: 'service', statedReasonText: 'Network reliability' }) },
          { kind: 'customer.departed', payload: departed('T3-5', { cycle: c, monthlyRevenue: 20, statedReasonId: null, statedCategoryId: null, statedReasonText: 'Neighbour said so' }) },
        ]);
        const diag = (reasonId: string, categoryId: string) => [{ reasonId, categoryId, primary: true }];
        enqueue(alex.db, [
          { kind: 'call.completed', payload: completed('a1', 'T3-1', { cycle: c, outcome: 'recovered', monthlyRevenue: 100, diagnosedReasons: diag('price.too-expensive', 'price') }) },
          { kind: 'call.completed', payload: completed('a2', 'T3-2', { cycle: c, outcome: 'declined', monthlyRevenue: 50, diagnosedReasons: diag('price.extra-charges', 'price') }) },
          { kind: 'call.completed', payload: completed('a3', 'T3-3', { cycle: c, outcome: 'recovered', monthlyRevenue: 70, statedReasonId: 'competitor.better-offer', diagnosedReasons: diag('competitor.better-offer', 'competitor') }) },
        ]);
        enqueue(sam.db, [
          { kind: 'call.completed', payload: completed('b1', 'T3-4', { cycle: c, outcome: 'no_answer', monthlyRevenue: 30, statedReasonId: 'service.reliability', diagnosedReasons: [], completedAt: '2026-11-16T08:00:00.000Z' }) },
          { kind: 'call.completed', payload: completed('b2', 'T3-4', { cycle: c, outcome: 'recovered', monthlyRevenue: 30, statedReasonId: 'service.reliability', diagnosedReasons: diag('service.reliability', 'service') }) },
        ]);
        enqueue(morgan.db, [
          { kind: 'call.completed', payload: completed('c1', 'T3-5', { cycle: c, callerRole: 'executive', outcome: 'considering', monthlyRevenue: 20, statedReasonId: null, diagnosedReasons: diag('price.too-expensive', 'price') }) },
          { kind: 'call.completed', payload: completed('c2', 'T3-2', { cycle: c, callerRole: 'executive', outcome: 'recovered', monthlyRevenue: 50, completedAt: '2026-11-16T11:00:00.000Z', diagnosedReasons: diag('price.too-expensive', 'price') }) },
          { kind: 'call.completed', payload: completed('c3', 'T3-1', { cycle: c, callerRole: 'executive', outcome: 'callback', monthlyRevenue: 100, completedAt: '2026-11-16T09:00:00.000Z', diagnosedReasons: diag('price.too-expensive', 'price') }) },
        ]);
        // Calls arrive before the departures they belong to: the report must not depend on order.
        for (const console of [morgan, sam, alex, manager]) expect((await console.push()).pending).toBe(0);
      });

      it('add up by stated reason, with an unmapped reason as written', async () => {
        const report = await trends(`cycle=${c}`);
        expect(report.rows).toEqual([
          row({ categoryId: 'price', category: 'Price / value for money', reasonId: 'price.too-expensive', reason: 'Too expensive', departed: 2, revenue: 150, calls: 4, recovered: 2, recoveryRate: 0.5, recoveredRevenue: 150 }),
          row({ categoryId: 'competitor', category: 'Competitor', reasonId: 'competitor.better-offer', reason: 'Competitor made a better offer', departed: 1, revenue: 70, calls: 1, recovered: 1, recoveryRate: 1, recoveredRevenue: 70 }),
          row({ categoryId: 'service', category: 'Service experience', reasonId: 'service.reliability', reason: 'Network reliability', departed: 1, revenue: 30, calls: 2, recovered: 1, recoveryRate: 0.5, recoveredRevenue: 30 }),
          row({ categoryId: null, category: 'Unmapped', reasonId: null, reason: 'Neighbour said so', departed: 1, revenue: 20, calls: 1 }),
        ]);
        expect(report.totals).toEqual({ departed: 5, revenue: 270, calls: 8, recovered: 4, recoveryRate: 0.5, recoveredRevenue: 250 });
      });

      it('add up by diagnosed reason as the console does: customers once per reason of their diagnosing calls, never-diagnosed ones left out', async () => {
        const report = await trends(`cycle=${c}&by=diagnosed`);
        expect(report.rows).toEqual([
          row({ categoryId: 'price', category: 'Price / value for money', reasonId: 'price.too-expensive', reason: 'Too expensive', departed: 3, revenue: 170, calls: 4, recovered: 2, recoveryRate: 0.5, recoveredRevenue: 150 }),
          row({ categoryId: 'competitor', category: 'Competitor', reasonId: 'competitor.better-offer', reason: 'Competitor made a better offer', departed: 1, revenue: 70, calls: 1, recovered: 1, recoveryRate: 1, recoveredRevenue: 70 }),
          row({ categoryId: 'price', category: 'Price / value for money', reasonId: 'price.extra-charges', reason: 'Extra charges', departed: 1, revenue: 50, calls: 1 }),
          row({ categoryId: 'service', category: 'Service experience', reasonId: 'service.reliability', reason: 'Network reliability', departed: 1, revenue: 30, calls: 1, recovered: 1, recoveryRate: 1, recoveredRevenue: 30 }),
        ]);
        // T3-2 is under two reasons and counts once; the call that reached no one is in no row.
        expect(report.totals).toEqual({ departed: 5, revenue: 270, calls: 7, recovered: 4, recoveryRate: 4 / 7, recoveredRevenue: 250 });
      });

      it("reach a manager console through hub.trends, and never an agent's", async () => {
        expect(await call(manager.dispatch, 'hub.trends', { cycle: c })).toEqual(await trends(`cycle=${c}`));
        const refused = await callResult(alex.dispatch, 'hub.trends', { cycle: c });
        expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      });
    });

    it('applies amendments in order, the latest winning, even one that arrives before its call', async () => {
      const c = 'T-amend';
      enqueue(manager.db, [
        { kind: 'customer.departed', payload: departed('AM-1', { cycle: c, monthlyRevenue: 60 }) },
        { kind: 'customer.departed', payload: departed('AM-2', { cycle: c, monthlyRevenue: 40 }) },
      ]);
      enqueue(alex.db, [
        { kind: 'call.completed', payload: completed('am-1', 'AM-1', { cycle: c, outcome: 'declined', monthlyRevenue: 60 }) },
        { kind: 'call.amended', payload: amended('am-1', { outcome: 'recovered' }) },
        { kind: 'call.amended', payload: amended('am-1', { diagnosedReasons: [{ reasonId: 'service.dissatisfied', categoryId: 'service', primary: true }] }) },
      ]);
      await manager.push();
      await alex.push();
      let report = await trends(`cycle=${c}&by=diagnosed`);
      expect(report.rows.find((r) => r.reasonId === 'service.dissatisfied')).toMatchObject({ departed: 1, revenue: 60, calls: 1, recovered: 1, recoveredRevenue: 60 });
      expect(report.rows.find((r) => r.reasonId === 'competitor.better-offer')).toBeUndefined();

      enqueue(alex.db, [{ kind: 'call.amended', payload: amended('am-1', { outcome: 'declined' }) }]);
      await alex.push();
      report = await trends(`cycle=${c}&by=diagnosed`);
      expect(report.rows.find((r) => r.reasonId === 'service.dissatisfied')).toMatchObject({ calls: 1, recovered: 0, recoveredRevenue: 0 });

      // A manager's correction reaches the hub before the agent's console sends the call itself.
      enqueue(manager.db, [{ kind: 'call.amended', payload: amended('am-2', { outcome: 'recovered' }) }]);
      await manager.push();
      enqueue(sam.db, [{ kind: 'call.completed', payload: completed('am-2', 'AM-2', { cycle: c, outcome: 'declined', monthlyRevenue: 40 }) }]);
      await sam.push();
      report = await trends(`cycle=${c}`);
      expect(report.totals).toMatchObject({ departed: 2, revenue: 100, calls: 2, recovered: 1, recoveredRevenue: 40 });
    });

    describe('filters', () => {
      const c = 'T-filter';
      beforeAll(async () => {
        enqueue(manager.db, [
          { kind: 'customer.departed', payload: departed('F-1', { cycle: c, segment: 'One year', product: 'DSL', frontlineTeam: 'Support North', departedAt: '2026-10-20', monthlyRevenue: 10 }) },
          { kind: 'customer.departed', payload: departed('F-2', { cycle: c, segment: 'Month-to-month', product: 'DSL', frontlineTeam: 'Billing desk', departedAt: '2026-11-05', monthlyRevenue: 20 }) },
          { kind: 'customer.departed', payload: departed('F-3', { cycle: c, segment: 'Month-to-month', product: 'Fiber optic', frontlineTeam: 'Billing desk', departedAt: '2026-11-25', monthlyRevenue: 40, statedReasonId: 'competitor.better-offer', statedCategoryId: 'competitor' }) },
        ]);
        enqueue(alex.db, [
          { kind: 'call.completed', payload: completed('f1', 'F-2', { cycle: c, segment: 'Month-to-month', product: 'DSL', outcome: 'recovered', monthlyRevenue: 20, completedAt: '2026-11-10T10:00:00.000Z' }) },
          { kind: 'call.completed', payload: completed('f2', 'F-3', { cycle: c, segment: 'Month-to-month', product: 'Fiber optic', outcome: 'declined', monthlyRevenue: 40, completedAt: '2026-12-01T10:00:00.000Z', statedReasonId: 'competitor.better-offer' }) },
        ]);
        await manager.push();
        await alex.push();
      });

      it('by segment, product and team', async () => {
        expect((await trends(`cycle=${c}&segment=Month-to-month`)).totals).toMatchObject({ departed: 2, revenue: 60, calls: 2, recovered: 1 });
        expect((await trends(`cycle=${c}&product=DSL`)).totals).toMatchObject({ departed: 2, revenue: 30, calls: 1, recovered: 1 });
        expect((await trends(`cycle=${c}&team=Support%20North`)).totals).toMatchObject({ departed: 1, revenue: 10, calls: 0 });
        expect((await trends(`cycle=${c}&team=Billing%20desk`)).totals).toMatchObject({ departed: 2, revenue: 60, calls: 2 });
      });

      it('by dates: departures by departure day, calls by completion day', async () => {
        expect((await trends(`cycle=${c}&from=2026-11-01&to=2026-11-30`)).totals).toMatchObject({ departed: 2, revenue: 60, calls: 1, recovered: 1 });
        expect((await trends(`cycle=${c}&to=2026-10-31`)).totals).toMatchObject({ departed: 1, revenue: 10, calls: 0 });
        const bad = await hub.get(`/v1/trends?from=01.11.2026`, manager.token);
        expect(bad.status).toBe(400);
      });

      it('grouped by month and by cycle', async () => {
        const byMonth = await trends(`cycle=${c}&group=month`);
        expect(byMonth.rows.map((r) => [r.period, r.reasonId, r.departed, r.revenue, r.calls, r.recovered])).toEqual([
          ['2026-10', 'price.too-expensive', 1, 10, 0, 0],
          ['2026-11', 'competitor.better-offer', 1, 40, 0, 0],
          ['2026-11', 'price.too-expensive', 1, 20, 1, 1],
          ['2026-12', 'competitor.better-offer', 0, 0, 1, 0],
        ]);
        const byCycle = await trends(`cycle=${c}&group=cycle`);
        expect(new Set(byCycle.rows.map((r) => r.period))).toEqual(new Set([c]));
        expect(byCycle.totals).toEqual((await trends(`cycle=${c}`)).totals);
      });
    });

    it('names a reason a manager added on a console by its id, under its category', async () => {
      const c = 'T-custom';
      enqueue(manager.db, [{ kind: 'customer.departed', payload: departed('CU-1', { cycle: c, monthlyRevenue: 15 }) }]);
      enqueue(alex.db, [{ kind: 'call.completed', payload: completed('cu1', 'CU-1', { cycle: c, monthlyRevenue: 15, diagnosedReasons: [{ reasonId: 'price.loyalty-gap', categoryId: 'price', primary: true }] }) }]);
      await manager.push();
      await alex.push();
      const report = await trends(`cycle=${c}&by=diagnosed`);
      expect(report.rows).toEqual([row({ categoryId: 'price', category: 'Price / value for money', reasonId: 'price.loyalty-gap', reason: 'price.loyalty-gap', departed: 1, revenue: 15, calls: 1 })]);
    });

    it('exports the report as CSV that matches it and cannot run as a formula', async () => {
      const c = 'T-csv';
      const texts = ['=HYPERLINK("http://x.test","y")', '+1 free month', '-2 stars', '@SUM(A1)', '\tTabbed', '\rCarriage', '=1+1\nsecond line', 'Plain, with comma', 'Ünïcode 日本語'];
      enqueue(manager.db, texts.map((t, i) => ({ kind: 'customer.departed' as const, payload: departed(`CSV-${i}`, { cycle: c, statedReasonId: null, statedCategoryId: null, statedReasonText: t, monthlyRevenue: 10 + i }) })));
      await manager.push();
      const res = await hub.get(`/v1/export?cycle=${c}&bom=1`, manager.token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toContain('attachment');
      const raw = Buffer.from(await res.arrayBuffer()).toString('utf8');
      expect(raw.startsWith('\uFEFF')).toBe(true);
      const records = parse<Record<string, string>>(raw, { bom: true, columns: true });
      const report = await trends(`cycle=${c}`);
      expect(records).toHaveLength(report.rows.length);
      records.forEach((rec, i) => {
        const r = report.rows[i];
        expect(r).toBeDefined();
        if (!r) return;
        expect(rec.reason).toBe(/^[=+\-@\t\r\n]/.test(r.reason) ? `'${r.reason}` : r.reason);
        expect([rec.category, Number(rec.departed), Number(rec.revenue), Number(rec.calls)]).toEqual([r.category, r.departed, r.revenue, r.calls]);
      });
      for (const rec of records) expect(rec.reason).not.toMatch(/^[=+\-@\t\r\n]/);
      expect(raw).toContain('"\'=1+1\nsecond line"');
      expect(raw).toContain('"\'=HYPERLINK(""http://x.test"",""y"")"');
      expect((await hub.get(`/v1/export?cycle=${c}&group=week`, manager.token)).status).toBe(400);
    });
  });
}
