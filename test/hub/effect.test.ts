import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/backend';
import { fullCall } from '../helpers/callFixtures';
import { importFile, writeFixture } from '../helpers/importing';
import { newcombeSplit, reasonOf, segmentOf } from '../helpers/effectFixture';
import { EffectReport } from '../../shared/reports/effect';
import { startTestHub, type TestHub } from './hubHarness';
import { hubConsole, type TestConsole } from './consoles';
import { STORE_KINDS } from './stores';

const STATED: Record<string, string> = { 'price.too-expensive': 'Price too high', 'competitor.better-offer': 'Competitor made better offer' };

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`called against control across the org on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    let hub: TestHub;
    let desk: TestConsole;

    beforeAll(async () => {
      hub = await startTestHub(kind);
      desk = await hubConsole(hub, { name: 'Pat Manager', role: 'manager' });
      const { toCall, control, returnedToCall, returnedControl } = newcombeSplit();
      const rows = [...toCall, ...control].map((id) => `${id},Customer ${id},+1 555-0100,${segmentOf(id)},50,2026-11-05,${STATED[reasonOf(id)] ?? ''}`);
      await importFile(desk, writeFixture(desk, 'departed.csv', `id,name,phone,segment,revenue,left,reason\n${rows.join('\n')}\n`), {
        mapping: { columns: { externalId: 'id', name: 'name', phone: 'phone', segment: 'segment', monthlyRevenue: 'revenue', departedAt: 'left', statedReason: 'reason' } },
      });
      await call(desk.dispatch, 'effect.setControl', { cycleId: '2026-11', sharePercent: 50 });
      desk.db.prepare("INSERT INTO settings (key, value) VALUES ('contact.callingHoursEnforced', 'false') ON CONFLICT(key) DO UPDATE SET value = 'false'").run();
      for (const id of toCall.slice(0, 3)) {
        const customerId = desk.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(id) as number;
        const s = await call(desk.dispatch, 'call.start', { customerId });
        await call(desk.dispatch, 'call.complete', { state: fullCall(s.state) });
      }
      await call(desk.dispatch, 'effect.importReturns', { fileName: 'back.csv', text: `id\n${[...returnedToCall, ...returnedControl].join('\n')}\n` });
      for (let round = 0; round < 20; round++) if ((await desk.push()).pending === 0) break;
    });
    afterAll(async () => {
      desk.dispose();
      await hub.close();
    });

    it('gives the figures the console holding the calls gives, overall and by cycle, reason and segment', async () => {
      const res = await hub.get('/v1/effect', desk.token);
      expect(res.status).toBe(200);
      const org = EffectReport.parse(await res.json());
      const own = await call(desk.dispatch, 'effect.report', {});
      expect(org.overall.toCall).toMatchObject({ customers: 70, called: 3, returned: 56 });
      expect(org.overall.low).toBeCloseTo(0.0524, 4);
      const sorted = (rows: EffectReport['byReason']) => [...rows].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
      expect({ ...org, experiments: [] }).toEqual({ ...own, experiments: [], byReason: org.byReason, bySegment: org.bySegment });
      expect(sorted(org.byReason)).toEqual(sorted(own.byReason));
      expect(sorted(org.bySegment)).toEqual(sorted(own.bySegment));
    });

    it('answers one cycle by name, and says which cycle has no control group', async () => {
      const one = await hub.get(`/v1/effect?cycle=${encodeURIComponent('November 2026')}`, desk.token);
      expect(EffectReport.parse(await one.json()).cycle).toBe('November 2026');
      const none = await hub.get('/v1/effect?cycle=2026-10', desk.token);
      expect(none.status).toBe(404);
      expect(await none.json()).toEqual({ error: { code: 'not_found', message: 'No cycle "2026-10" has a control group.' } });
    });
  });
}
