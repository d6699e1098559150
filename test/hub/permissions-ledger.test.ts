import { afterEach, describe, expect, it } from 'vitest';
import { call, callResult } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { startTestHub, type TestHub } from './hubHarness';
import { hubConsole, type TestConsole } from './consoles';
import { STORE_KINDS } from './stores';
import { syncRound } from '../../electron/backend/sync/loop';

let hub: TestHub | undefined;
let consoles: TestConsole[] = [];
afterEach(async () => {
  for (const c of consoles) c.dispose();
  consoles = [];
  await hub?.close();
  hub = undefined;
});

const queued = async (c: TestConsole) => (await call(c.dispatch, 'queue.list', {})).items.map((i) => i.externalId).sort();
const idOf = (c: TestConsole, ext: string) => c.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(ext) as number;

async function desk(h: TestHub, person: { name: string; role: 'agent' | 'manager' }): Promise<TestConsole> {
  const c = await hubConsole(h, person);
  consoles.push(c);
  seedCustomers(c.db, [
    customer({ externalId: 'C-1', phone: '+1 415 555 0101', email: 'ada@example.test', monthlyRevenue: 90 }),
    customer({ externalId: 'C-2', phone: '+1 415 555 0102', monthlyRevenue: 80 }),
    customer({ externalId: 'C-3', phone: '+1 415 555 0103', monthlyRevenue: 70 }),
  ]);
  return c;
}

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`the ledger through the hub (${kind}${available ? '' : `: ${why}`})`, () => {
    it('an entry made on one desk blocks the number on another after one sync each, in the queue and at the dial channel', async () => {
      hub = await startTestHub(kind);
      const a = await desk(hub, { name: 'Mia Manager', role: 'manager' });
      const b = await desk(hub, { name: 'Sam Agent', role: 'agent' });
      expect(await queued(b)).toEqual(['C-1', 'C-2', 'C-3']);

      await call(a.dispatch, 'permissions.add', { kind: 'phone', value: '+1 (415) 555-0102', scope: 'call' });
      await call(a.dispatch, 'permissions.importList', { name: 'Registry extract', scope: 'call', registry: true, text: '+14155550103\n+14155559999\n' });
      // Not yet: B has not synced.
      expect(await queued(b)).toEqual(['C-1', 'C-2', 'C-3']);
      await a.push();
      await b.push();
      expect(await queued(b)).toEqual(['C-1']);
      expect(await callResult(b.dispatch, 'dial.open', { number: '+1 415 555 0102', customerId: idOf(b, 'C-2') })).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: 'Blocked: do not call, since Nov 16, 2026, by Mia Manager. Nothing was dialled.' },
      });
      expect(await callResult(b.dispatch, 'call.start', { customerId: idOf(b, 'C-3') })).toMatchObject({ ok: false, error: { code: 'conflict' } });

      // An agent's "Do not contact" on B reaches A the same way.
      const s = await call(b.dispatch, 'call.start', { customerId: idOf(b, 'C-1') });
      await call(b.dispatch, 'call.complete', { state: { ...s.state, outcome: 'do_not_contact' } });
      await b.push();
      await a.push();
      expect(await queued(a)).toEqual([]);
      const ledger = await call(a.dispatch, 'permissions.ledger', {});
      expect(ledger.entries.filter((e) => e.source === 'customer').map((e) => e.kind).sort()).toEqual(['customer', 'email', 'phone']);
      expect(ledger.lists).toEqual([expect.objectContaining({ name: 'Registry extract', size: 2, registry: true })]);
      expect(ledger.pending).toBe(0);

      // A manager expires the entry on A; B calls C-2 again after its next sync.
      const entry = ledger.entries.find((e) => e.value === '+14155550102');
      await call(a.dispatch, 'permissions.expire', { id: entry?.id ?? '' });
      await a.push();
      await b.push();
      expect(await queued(b)).toEqual(['C-2']);
    });

    it("takes entries a manager makes at the hub to every desk, and refuses an agent's token anything but a customer's own request", async () => {
      hub = await startTestHub(kind);
      const b = await desk(hub, { name: 'Sam Agent', role: 'agent' });
      const entry = {
        type: 'entry',
        uid: 'hub-entry-1',
        kind: 'customer',
        value: 'C-3',
        scope: 'all',
        source: 'manager',
        note: null,
        addedAt: '2026-11-16T10:00:00.000Z',
        addedBy: 'Head Office',
        expiresAt: null,
      };
      expect((await hub.post('/v1/permissions/changes', b.token, { changes: [entry] })).status).toBe(403);
      const manager = await hub.token('Head Office', 'manager');
      const posted = await hub.post('/v1/permissions/changes', manager, { changes: [entry] });
      expect(await posted.json()).toEqual({ accepted: 1, duplicate: 0 });
      expect(await (await hub.post('/v1/permissions/changes', manager, { changes: [entry] })).json()).toEqual({ accepted: 0, duplicate: 1 });
      // The background round brings it, as it brings assignments.
      expect(await syncRound(b.deps, {})).toMatchObject({ ok: true });
      expect(await queued(b)).toEqual(['C-1', 'C-2']);
      expect(await call(b.dispatch, 'permissions.customer', { customerId: idOf(b, 'C-3') })).toMatchObject({ call: { by: 'Head Office', scope: 'all' } });
    });
  });
}
