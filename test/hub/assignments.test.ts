import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { insertPerson, findPersonByName } from '../../db/repos/people';
import { prepareCustomerUpsert, type CustomerInput } from '../../db/repos/customers';
import { upsertCycle } from '../../db/repos/cycles';
import { call, callResult } from '../helpers/backend';
import { startTestHub, type TestHub } from './hubHarness';
import { hubConsole, type TestConsole } from './consoles';
import { STORE_KINDS } from './stores';

const NOW = '2026-11-16T15:00:00.000Z';

function customer(externalId: string, over: Partial<CustomerInput> = {}): CustomerInput {
  return {
    externalId, name: `Customer ${externalId}`, company: null, phone: `+1 555-01${externalId.slice(-2)}`, email: `${externalId.toLowerCase()}@example.test`,
    timezone: 'America/Chicago', segment: 'Month-to-month', product: 'DSL', monthlyRevenue: 55.5, tenureMonths: 12, departedAt: '2026-11-02',
    lastActivityAt: null, statedReasonText: 'Price too high', statedReasonId: 'price.too-expensive', frontlineRep: 'Rep Avery', frontlineTeam: 'Billing desk',
    notes: null, cycleId: '2026-11', ...over,
  };
}

/** The manager's console after an import and a hand assignment (owned by other screens; written directly here). */
function assignOnManagerConsole(db: Db, assignments: Record<string, string[]>, over: Record<string, Partial<CustomerInput>> = {}): void {
  db.transaction(() => {
    upsertCycle(db, { id: '2026-11', name: 'November 2026', kind: 'monthly', startsOn: '2026-11-01', endsOn: '2026-11-30' }, NOW);
    const upsert = prepareCustomerUpsert(db);
    for (const [person, ids] of Object.entries(assignments)) {
      let p = findPersonByName(db, person, 'agent');
      if (!p) {
        p = { id: randomUUID(), name: person, role: 'agent' };
        insertPerson(db, p, NOW);
      }
      for (const id of ids) {
        upsert(customer(id, over[id]), NOW);
        db.prepare('UPDATE customers SET assigned_to = ? WHERE external_id = ?').run(p.id, id);
      }
    }
  })();
}

interface LocalCustomer {
  external_id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  assigned_to: string | null;
  cycle_id: string | null;
}
const localCustomers = (db: Db) =>
  db.prepare('SELECT external_id, name, phone, email, assigned_to, cycle_id FROM customers ORDER BY external_id').all() as LocalCustomer[];

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`assignments through the hub on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    let hub: TestHub;
    let manager: TestConsole;
    let alex: TestConsole;
    let sam: TestConsole;
    beforeAll(async () => {
      hub = await startTestHub(kind);
      manager = await hubConsole(hub, { name: 'Pat Manager', role: 'manager' });
      alex = await hubConsole(hub, { name: 'Alex Agent', role: 'agent' });
      sam = await hubConsole(hub, { name: 'Sam Agent', role: 'agent' });
    });
    afterAll(async () => {
      for (const c of [manager, alex, sam]) c.dispose();
      await hub.close();
    });

    it("a manager publishes; each person's console receives exactly their customers with contact details", async () => {
      assignOnManagerConsole(manager.db, { 'Alex Agent': ['A-01', 'A-02', 'A-03'], 'Sam Agent': ['S-04'], 'Ghost Agent': ['G-05'] });
      const published = await call(manager.dispatch, 'hub.assignments.publish', {});
      expect(published.published).toBe(4);
      expect(published.people).toEqual(['Alex Agent', 'Sam Agent']);
      expect(published.rejected).toEqual([{ externalId: 'G-05', person: 'Ghost Agent', reason: expect.stringContaining('No live hub token is named "Ghost Agent"') as string }]);

      expect(await call(alex.dispatch, 'hub.assignments.pull', {})).toEqual({ received: 3, added: 3, updated: 0 });
      const alexId = (await call(alex.dispatch, 'session.get', {})).user?.id;
      const mine = localCustomers(alex.db);
      expect(mine.map((c) => c.external_id)).toEqual(['A-01', 'A-02', 'A-03']);
      expect(mine[0]).toMatchObject({ name: 'Customer A-01', phone: '+1 555-0101', email: 'a-01@example.test', assigned_to: alexId, cycle_id: '2026-11' });
      const queue = await call(alex.dispatch, 'queue.list', {});
      expect(queue.items.map((i) => i.externalId).sort()).toEqual(['A-01', 'A-02', 'A-03']);
      expect(queue.items[0]?.cycle).toBe('November 2026');

      expect(await call(sam.dispatch, 'hub.assignments.pull', {})).toEqual({ received: 1, added: 1, updated: 0 });
      expect(localCustomers(sam.db).map((c) => c.external_id)).toEqual(['S-04']);
    });

    it('a second pull updates in place and duplicates nothing', async () => {
      expect(await call(alex.dispatch, 'hub.assignments.pull', {})).toEqual({ received: 3, added: 0, updated: 3 });
      expect(localCustomers(alex.db)).toHaveLength(3);
    });

    it('a pull that comes back partial or empty never deletes or blanks local data', async () => {
      // The manager moves A-03 to Sam and loses A-02's phone number in a re-import.
      assignOnManagerConsole(manager.db, { 'Sam Agent': ['A-03'], 'Alex Agent': ['A-02'] }, { 'A-02': { phone: null, email: null } });
      await call(manager.dispatch, 'hub.assignments.publish', {});
      const before = localCustomers(alex.db);
      const pulled = await call(alex.dispatch, 'hub.assignments.pull', {});
      expect(pulled.received).toBe(2);
      const after = localCustomers(alex.db);
      expect(after.map((c) => c.external_id)).toEqual(['A-01', 'A-02', 'A-03']);
      expect(after.find((c) => c.external_id === 'A-02')).toMatchObject({ phone: '+1 555-0102', email: 'a-02@example.test' });
      expect(after.find((c) => c.external_id === 'A-03')).toEqual(before.find((c) => c.external_id === 'A-03'));

      expect((await call(sam.dispatch, 'hub.assignments.pull', {})).received).toBe(2);
      expect(localCustomers(sam.db).map((c) => c.external_id)).toEqual(['A-03', 'S-04']);

      const nobody = await hubConsole(hub, { name: 'Robin Agent', role: 'agent' });
      try {
        assignOnManagerConsole(nobody.db, { 'Robin Agent': ['R-09'] });
        expect(await call(nobody.dispatch, 'hub.assignments.pull', {})).toEqual({ received: 0, added: 0, updated: 0 });
        expect(localCustomers(nobody.db).map((c) => c.external_id)).toEqual(['R-09']);
      } finally {
        nobody.dispose();
      }
    });

    it('only a manager console publishes', async () => {
      const refused = await callResult(alex.dispatch, 'hub.assignments.publish', {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });
  });
}
