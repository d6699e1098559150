import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallState } from '../../shared/domain/callMachine';
import { ReasonsReport } from '../../shared/reports/reasons';
import { call } from '../helpers/backend';
import { fullCall } from '../helpers/callFixtures';
import { importFile, writeFixture } from '../helpers/importing';
import { startTestHub, type TestHub } from './hubHarness';
import { hubConsole, type TestConsole } from './consoles';
import { STORE_KINDS } from './stores';

const HEADER = 'Customer ID,Name,Phone,Monthly Charges,Churn Reason,Churn Date';
const NOT_DIAGNOSED: Partial<CallState> = {
  visited: ['apologize'],
  reached: 'apologize',
  stage: 'apologize',
  diagnose: { categoryId: null, primaryReasonId: null, otherReasonIds: [], confirmed: false, note: '' },
  offer: { skippedBecause: '', answers: [], note: '' },
  outcome: 'no_answer',
};
const diagnosed = (categoryId: string, primaryReasonId: string, outcome: CallState['outcome']): Partial<CallState> => ({
  diagnose: { categoryId, primaryReasonId, otherReasonIds: [], confirmed: true, note: '' },
  outcome,
  offer: { skippedBecause: 'Not the moment', answers: [], note: '' },
});

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`one definition of the report by diagnosed reason, console and hub on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    let hub: TestHub;
    let desk: TestConsole;
    let clock = new Date('2026-11-10T10:00:00Z');

    beforeAll(async () => {
      hub = await startTestHub(kind);
      desk = await hubConsole(hub, { name: 'Pat Manager', role: 'manager' }, () => clock);
      desk.db.prepare("INSERT INTO settings (key, value) VALUES ('contact.callingHoursEnforced', 'false') ON CONFLICT(key) DO UPDATE SET value = 'false'").run();
      // Twelve departed customers; six are called, the others never are.
      const rows = Array.from({ length: 12 }, (_, i) => `R-${i + 1},Person ${i + 1},+1 555-01${String(i + 10)},${10 * (i + 1)},Price too high,2026-11-0${1 + (i % 5)}`);
      const file = writeFixture(desk, 'departed.csv', `${HEADER}\n${rows.join('\n')}\n`);
      expect((await importFile(desk, file, { cycle: '2026-11' })).written).toMatchObject({ imported: 12 });

      const ids = new Map((desk.db.prepare('SELECT external_id, id FROM customers').all() as { external_id: string; id: number }[]).map((r) => [r.external_id, r.id]));
      const callOn = async (externalId: string, day: string, over: Partial<CallState>) => {
        clock = new Date(`${day}T10:00:00Z`);
        const s = await call(desk.dispatch, 'call.start', { customerId: ids.get(externalId) ?? -1 });
        await call(desk.dispatch, 'call.complete', { state: fullCall(s.state, over) });
      };
      await callOn('R-1', '2026-11-10', diagnosed('price', 'price.too-expensive', 'recovered'));
      await callOn('R-2', '2026-11-10', diagnosed('price', 'price.too-expensive', 'declined'));
      await callOn('R-3', '2026-11-11', diagnosed('competitor', 'competitor.better-offer', 'declined'));
      // Diagnosed twice, differently: once under each reason, once in the totals.
      await callOn('R-4', '2026-11-11', diagnosed('price', 'price.too-expensive', 'declined'));
      await callOn('R-4', '2026-12-02', diagnosed('competitor', 'competitor.better-offer', 'recovered'));
      // Reached nobody: a call without a diagnosis.
      await callOn('R-5', '2026-11-12', NOT_DIAGNOSED);
      await callOn('R-6', '2026-11-12', NOT_DIAGNOSED);
      await callOn('R-6', '2026-11-13', diagnosed('price', 'price.too-expensive', 'recovered'));
      expect(await desk.push()).toMatchObject({ refused: 0, pending: 0 });
    }, 120_000);
    afterAll(async () => {
      desk.dispose();
      await hub.close();
    });

    const both = async (query: Record<string, string>) => {
      const onConsole = await call(desk.dispatch, 'reports.reasons', { by: 'diagnosed', ...query });
      const res = await hub.get(`/v1/trends?${new URLSearchParams({ by: 'diagnosed', ...query }).toString()}`, desk.token);
      expect(res.status).toBe(200);
      return { onConsole, onHub: ReasonsReport.parse(await res.json()) };
    };

    it('the same rows and totals, with no row for customers never diagnosed', async () => {
      const { onConsole, onHub } = await both({});
      expect(onHub).toEqual(onConsole);
      expect(onConsole.totals).toMatchObject({ departed: 5, calls: 6 });
      expect(onHub.rows.map((r) => r.reason)).not.toContain('Not diagnosed yet');
    });

    it('the same by month and over a range of call days', async () => {
      const queries: Record<string, string>[] = [{ group: 'month' }, { from: '2026-11-11', to: '2026-11-30' }];
      for (const query of queries) {
        const { onConsole, onHub } = await both(query);
        expect(onHub).toEqual(onConsole);
      }
    });
  });
}
