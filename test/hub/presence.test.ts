import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPresenceSender } from '../../electron/backend/sync/presenceSender';
import { call, callResult, testBackend, signIn } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { startTestHub, type TestHub } from './hubHarness';
import { hubConsole, type TestConsole } from './consoles';
import { STORE_KINDS } from './stores';

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`consoles on the floor board on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    let hub: TestHub;
    let agent: TestConsole;
    let manager: TestConsole;
    let clock = new Date('2026-11-16T15:00:00Z');
    const now = () => clock;
    beforeAll(async () => {
      hub = await startTestHub(kind);
      agent = await hubConsole(hub, { name: 'Alex Agent', role: 'agent' }, now);
      manager = await hubConsole(hub, { name: 'Pat Manager', role: 'manager' }, now);
    });
    afterAll(async () => {
      agent.dispose();
      manager.dispose();
      await hub.close();
    });

    it("a call started on the agent's desk shows on the manager's board, at its stage, with the customer's id only", async () => {
      clock = new Date();
      const ids = seedCustomers(agent.db, [customer({ externalId: 'C-41', name: 'Dana Lee' })]);
      const sender = startPresenceSender(agent.deps, { heartbeatMs: 60_000, changeDelayMs: 50 });
      try {
        const s = await call(agent.dispatch, 'call.start', { customerId: ids['C-41'] ?? -1 });
        await call(agent.dispatch, 'call.saveDraft', { state: { ...s.state, stage: 'listen', reached: 'listen', visited: ['apologize', 'listen'] } });
        await expect
          .poll(async () => (await call(manager.dispatch, 'board.get', {})).rows.find((r) => r.person === 'Alex Agent'), { timeout: 5_000, interval: 100 })
          .toMatchObject({ state: 'in_call', stage: 'listen', customerId: 'C-41' });
        const stored = JSON.stringify(await hub.store.db.selectFrom('board_presence').selectAll().execute());
        expect(stored).not.toContain('Dana');
        // The agent's own token cannot read the board.
        expect(await callResult(agent.dispatch, 'board.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        await call(agent.dispatch, 'presence.leftCall', { callId: s.state.callId });
      } finally {
        await sender.stop();
      }
      // Stopping says goodbye: offline at once, not after 45 s of silence.
      const row = (await call(manager.dispatch, 'board.get', {})).rows.find((r) => r.person === 'Alex Agent');
      expect(row).toMatchObject({ state: 'offline', silent: false });
    });

    it("the manager's pause reasons reach the agent's desk with its next report, and its pauses reach the floor's pause report", async () => {
      clock = new Date();
      const saved = await call(manager.dispatch, 'presence.reasons.save', { pauseReasons: [{ id: 'break', label: 'Break' }, { id: 'floor-huddle', label: 'Floor huddle' }] });
      expect(saved.publishedToHub).toBe(true);
      const sender = startPresenceSender(agent.deps, { heartbeatMs: 60_000, changeDelayMs: 50 });
      try {
        expect(await sender.flush()).toBe(true);
        const reasons = (await call(agent.dispatch, 'presence.get', {})).pauseReasons.map((r) => r.label);
        expect(reasons).toEqual(['Break', 'Floor huddle']);
        await call(agent.dispatch, 'presence.pause', { reasonId: 'floor-huddle' });
        await expect
          .poll(async () => (await call(manager.dispatch, 'board.get', {})).rows.find((r) => r.person === 'Alex Agent')?.pauseReason, { timeout: 5_000, interval: 100 })
          .toBe('Floor huddle');
        clock = new Date(clock.getTime() + 12 * 60_000);
        await call(agent.dispatch, 'presence.resume', {});
        await agent.push();
        const day = clock.toISOString().slice(0, 10);
        const floor = await call(manager.dispatch, 'hub.pauses', { from: day, to: day });
        expect(floor.rows).toEqual([{ person: 'Alex Agent', reasonId: 'floor-huddle', reason: 'Floor huddle', pauses: 1, seconds: 720, longestSeconds: 720, share: 1 }]);
      } finally {
        await sender.stop();
      }
    });

    it('a desk without a hub sends nothing', async () => {
      const alone = testBackend();
      try {
        await signIn(alone.dispatch, { name: 'Sam Solo', role: 'agent' });
        const sender = startPresenceSender(alone.deps, { heartbeatMs: 60_000 });
        expect(await sender.flush()).toBe(false);
        await sender.stop();
        const people = (await hub.store.db.selectFrom('board_presence').select('person').execute()).map((r) => r.person);
        expect(people).not.toContain('Sam Solo');
      } finally {
        alone.dispose();
      }
    });
  });
}
