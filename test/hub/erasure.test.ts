import { sql } from 'kysely';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../helpers/backend';
import { customer, fullCall, seedCustomers } from '../helpers/callFixtures';
import { startTestHub, type TestHub } from './hubHarness';
import { hubConsole, type TestConsole } from './consoles';
import { PG_URL, STORE_KINDS } from './stores';
import { HUB_DB_FILE } from '../../hub/store/connect';
import { insertPerson } from '../../db/repos/people';

let hub: TestHub | undefined;
let consoles: TestConsole[] = [];
afterEach(async () => {
  for (const c of consoles) c.dispose();
  consoles = [];
  await hub?.close();
  hub = undefined;
});

const NAME = 'Zelda Quixotic';
const PHONE = '+1 415 555 0177';
const E164 = '+14155550177';
const EMAIL = 'zelda.quixotic@example.test';
const NEEDLES = [NAME, 'Quixotic', E164, EMAIL, '555 0177'];

const occurrences = (haystack: Buffer, needle: string) => {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n += 1;
  return n;
};
const found = (bytes: Buffer) => Object.fromEntries(NEEDLES.map((n) => [n, occurrences(bytes, n)]));
const none = Object.fromEntries(NEEDLES.map((n) => [n, 0]));

/** Every byte the hub holds: its SQLite file and -wal, or a pg_dump of its PostgreSQL schema. */
function hubBytes(h: TestHub): Buffer {
  if (h.store.dialect === 'sqlite') {
    const file = join(h.fixture.dataDir, HUB_DB_FILE);
    return Buffer.concat([readFileSync(file), ...(existsSync(`${file}-wal`) ? [readFileSync(`${file}-wal`)] : [])]);
  }
  const schema = new URL(h.fixture.databaseUrl ?? '').searchParams.get('options')?.replace('-c search_path=', '') ?? '';
  return execFileSync('pg_dump', ['--dbname', PG_URL, '--schema', schema, '--data-only'], { maxBuffer: 64 * 1024 * 1024 });
}

function deskBytes(c: TestConsole): Buffer {
  return Buffer.concat([readFileSync(c.dbPath), ...(existsSync(`${c.dbPath}-wal`) ? [readFileSync(`${c.dbPath}-wal`)] : [])]);
}

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`an erasure through the hub (${kind}${available ? '' : `: ${why}`})`, () => {
    it("removes the customer's name, number and email from the hub's store and from the other desk that holds them, with the org-wide totals unchanged", async () => {
      hub = await startTestHub(kind);
      const a = await hubConsole(hub, { name: 'Mia Manager', role: 'manager' });
      consoles.push(a);
      const b = await hubConsole(hub, { name: 'Sam Agent', role: 'agent' });
      consoles.push(b);
      const ids = seedCustomers(a.db, [
        customer({ externalId: 'Z-1', name: NAME, company: 'Quixotic Widgets', phone: PHONE, email: EMAIL, notes: `${NAME} prefers mornings`, statedReasonText: `${NAME} found it too dear`, monthlyRevenue: 95 }),
        customer({ externalId: 'C-2', phone: '+1 415 555 0102', monthlyRevenue: 80 }),
      ]);
      const z = ids['Z-1'] ?? 0;
      await call(a.dispatch, 'permissions.settings.set', { country: 'US' });

      // A call with the customer's words and feedback quoting them, a ledger entry for their number in plain.
      const s = await call(a.dispatch, 'call.start', { customerId: z });
      await call(a.dispatch, 'call.complete', {
        state: fullCall(s.state, {
          listen: { words: `This is ${NAME}, call me on ${PHONE} or ${EMAIL}.` },
          feedback: { text: `${NAME} was promised a callback that never came.`, rep: 'Rep Avery', team: 'Billing desk' },
          summary: `Spoke with ${NAME}`,
        }),
      });
      await call(a.dispatch, 'permissions.add', { kind: 'phone', value: PHONE, scope: 'email' });
      // The customer handed to Sam: their contact details travel through the hub to Sam's desk.
      const sam = { id: randomUUID(), name: 'Sam Agent', role: 'agent' as const };
      insertPerson(a.db, sam, new Date().toISOString());
      a.db.prepare('UPDATE customers SET assigned_to = ? WHERE id = ?').run(sam.id, z);
      await call(a.dispatch, 'hub.assignments.publish', {});
      await a.push();
      expect((await call(b.dispatch, 'hub.assignments.pull', {})).received).toBe(1);
      await b.push();
      expect(b.db.prepare('SELECT name FROM customers WHERE external_id = ?').pluck().get('Z-1')).toBe(NAME);

      const managerToken = await hub.token('Hub Manager', 'manager');
      const trends = async (): Promise<unknown> => (await hub?.get('/v1/trends', managerToken))?.json() as Promise<unknown>;
      const before = await trends();
      const offers = async (): Promise<unknown> => (await hub?.get('/v1/effect/offers', managerToken))?.json() as Promise<unknown>;
      const offersBefore = await offers();
      const keptUnder = async (id: string) =>
        (await sql<{ n: number | string }>`SELECT (SELECT count(*) FROM effect_calls WHERE external_id = ${id}) + (SELECT count(*) FROM effect_wins WHERE external_id = ${id}) AS n`.execute(hub?.store.db as never)).rows.map((r) => Number(r.n));
      expect(await keptUnder('Z-1')).toEqual([2]);
      expect(found(hubBytes(hub))[NAME]).toBeGreaterThan(0);

      await call(a.dispatch, 'privacy.erase', { customerId: z, confirm: 'Z-1' });
      await a.push();

      expect(found(hubBytes(hub))).toEqual(none);
      expect(await trends()).toEqual(before);
      // Offer economics keeps the customer's money under their anonymous id only.
      expect(await offers()).toEqual(offersBefore);
      expect(await keptUnder('Z-1')).toEqual([0]);
      expect(await hub.store.db.selectFrom('assignments').select('external_id').execute()).toEqual([]);

      // Sam's desk hears of it at its next sync and erases its copy.
      await b.push();
      expect(b.db.prepare("SELECT count(*) FROM customers WHERE external_id = 'Z-1' OR name IS NOT NULL AND name = ?").pluck().get(NAME)).toBe(0);
      expect(found(deskBytes(b))).toEqual(none);
      expect(found(deskBytes(a))).toEqual(none);
      expect(b.db.prepare('SELECT action FROM audit_log WHERE action LIKE ?').pluck().all('privacy.%')).toEqual(['privacy.erase.relayed']);
    });
  });
}
