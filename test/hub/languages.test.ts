import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallState } from '../../shared/domain/callMachine';
import { ReasonsReport } from '../../shared/reports/reasons';
import { call } from '../helpers/backend';
import { fullCall } from '../helpers/callFixtures';
import { importFile, writeFixture } from '../helpers/importing';
import { startTestHub, type TestHub } from './hubHarness';
import { hubConsole, type TestConsole } from './consoles';
import { STORE_KINDS } from './stores';

/**
 * A floor in Munich and one in Montreal: each desk runs in its own language, and the hub's
 * org-wide report still has one row per reason, merged by the reason's stable id.
 */
const HEADER = 'Customer ID,Name,Phone,Monthly Charges,Churn Reason,Churn Date';
const diagnosed = (categoryId: string, primaryReasonId: string, outcome: CallState['outcome']): Partial<CallState> => ({
  diagnose: { categoryId, primaryReasonId, otherReasonIds: [], confirmed: true, note: '' },
  outcome,
  offer: { skippedBecause: 'Not the moment', answers: [], note: '' },
});

const OWN_NAMES = { de: 'Zu teuer für uns', fr: 'Trop cher pour nous' } as const;

async function deskIn(hub: TestHub, name: string, language: 'de' | 'fr', prefix: string, stated: string): Promise<TestConsole> {
  const desk = await hubConsole(hub, { name, role: 'manager' });
  await call(desk.dispatch, 'locale.setLanguage', { language });
  // Each manager names the reason in their own language; the names stay on the desk, the id travels.
  await call(desk.dispatch, 'taxonomy.saveNames', { kind: 'reason', id: 'price.too-expensive', names: { [language]: OWN_NAMES[language] } });
  desk.db.prepare("INSERT INTO settings (key, value) VALUES ('contact.callingHoursEnforced', 'false') ON CONFLICT(key) DO UPDATE SET value = 'false'").run();
  const rows = [1, 2, 3].map((i) => `${prefix}-${i},Person ${prefix}${i},+1 555-01${10 + i},${20 * i},${stated},2026-11-0${i}`);
  const file = writeFixture(desk, 'departed.csv', `${HEADER}\n${rows.join('\n')}\n`);
  expect((await importFile(desk, file, { cycle: '2026-11' })).written).toMatchObject({ imported: 3 });
  const ids = new Map((desk.db.prepare('SELECT external_id, id FROM customers').all() as { external_id: string; id: number }[]).map((r) => [r.external_id, r.id]));
  const callOn = async (externalId: string, over: Partial<CallState>) => {
    const s = await call(desk.dispatch, 'call.start', { customerId: ids.get(externalId) ?? -1 });
    await call(desk.dispatch, 'call.complete', { state: fullCall(s.state, over) });
  };
  await callOn(`${prefix}-1`, diagnosed('price', 'price.too-expensive', 'recovered'));
  await callOn(`${prefix}-2`, diagnosed('price', 'price.too-expensive', 'declined'));
  await callOn(`${prefix}-3`, diagnosed('competitor', 'competitor.better-offer', 'declined'));
  expect(await desk.push()).toMatchObject({ refused: 0, pending: 0 });
  return desk;
}

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`a German desk and a French desk on one hub (${kind})${available ? '' : ` (skipped: ${why})`}`, () => {
    let hub: TestHub;
    let munich: TestConsole;
    let montreal: TestConsole;

    beforeAll(async () => {
      hub = await startTestHub(kind);
      munich = await deskIn(hub, 'Jonas Becker', 'de', 'DE', 'Zu teuer');
      montreal = await deskIn(hub, 'Camille Roy', 'fr', 'FR', 'Trop cher');
    }, 120_000);
    afterAll(async () => {
      munich?.dispose();
      montreal?.dispose();
      await hub?.close();
    });

    it('each desk reads its own report in its language', async () => {
      const german = await call(munich.dispatch, 'locale.get', {});
      const french = await call(montreal.dispatch, 'locale.get', {});
      expect(german.language).toBe('de');
      expect(french.language).toBe('fr');
    });

    it('merges the same diagnosed reasons into one row each, counting both desks', async () => {
      const res = await hub.get('/v1/trends?by=diagnosed', munich.token);
      expect(res.status).toBe(200);
      const report = ReasonsReport.parse(await res.json());
      const byId = new Map(report.rows.map((r) => [r.reasonId, r]));
      expect(report.rows.map((r) => r.reasonId).sort()).toEqual(['competitor.better-offer', 'price.too-expensive']);
      expect(byId.get('price.too-expensive')).toMatchObject({ departed: 4, calls: 4, recovered: 2 });
      expect(byId.get('competitor.better-offer')).toMatchObject({ departed: 2, calls: 2, recovered: 0 });
      expect(report.totals).toMatchObject({ departed: 6, calls: 6, recovered: 2 });
      // The hub names the reason by its stored name, never by a desk's own name in its language.
      expect(byId.get('price.too-expensive')?.reason).toBe('Too expensive');
      expect(JSON.stringify(report)).not.toMatch(/für uns|pour nous/);
    });

    it('reads the same report from either desk, whatever language it runs', async () => {
      const fromMunich = await call(munich.dispatch, 'hub.trends', { by: 'diagnosed' });
      const fromMontreal = await call(montreal.dispatch, 'hub.trends', { by: 'diagnosed' });
      expect(fromMontreal).toEqual(fromMunich);
      expect(fromMunich.rows).toHaveLength(2);
    });
  });
}
