import type { Db } from '../../db/open';
import { countCustomers } from '../../db/repos/customers';
import { audit } from '../../db/repos/audit';
import { enqueueEvent } from '../../db/repos/outbox';
import { getSetting, SETTING_KEYS } from '../../db/repos/settings';
import type { ServiceDeps } from '../../electron/backend/deps';
import { loadDemo } from '../../electron/services/demo';
import { setupSession } from '../../electron/services/session';

/**
 * Durable work the crash test repeats through the real services while it is killed at random.
 * `run` does one piece and returns an id only once it is committed (the child acknowledges it on
 * stdout right after); `verify` checks that an acknowledged piece is present and whole;
 * `invariant` holds after any kill, acknowledged or not (nothing half-written).
 *
 * To cover a new kind of durable write (an import, a completed call), add a workload here and
 * name it in DEFAULT_WORKLOADS; the harness and both test sizes pick it up.
 */
export interface Workload {
  name: string;
  /** null when there is nothing to do (the demo is loaded only once per database). */
  run: (deps: ServiceDeps, i: number) => string | null | Promise<string | null>;
  verify: (db: Db, id: string) => string | null;
  invariant?: (db: Db) => string | null;
}

const one = <T>(db: Db, sql: string, ...params: unknown[]): T | undefined => db.prepare(sql).get(...params) as T | undefined;

const sessionSetup: Workload = {
  name: 'session setup',
  run: (deps, i) => setupSession(deps, { name: `Crash Agent ${i}`, role: i % 5 === 0 ? 'manager' : 'agent' }).user?.id ?? null,
  verify: (db, id) => {
    const person = one<{ name: string }>(db, 'SELECT name FROM people WHERE id = ?', id);
    if (!person) return `person ${id} is missing`;
    if (!/^Crash Agent \d+$/.test(person.name)) return `person ${id} has the name ${JSON.stringify(person.name)}`;
    // Its audit entry is checked by the invariant, for everyone at once (audit_log has no index on the entity).
    return null;
  },
  invariant: (db) => {
    // EXCEPT sorts once; a correlated NOT EXISTS would scan the audit log for every person.
    const orphans = db
      .prepare(
        `SELECT count(*) FROM (SELECT id FROM people WHERE name LIKE 'Crash Agent %'
           EXCEPT SELECT entity_id FROM audit_log WHERE action = 'session.setup')`,
      )
      .pluck()
      .get() as number;
    return orphans === 0 ? null : `${orphans} people were written without their audit entry`;
  },
};

const DEMO_CUSTOMERS = 1869;

const demoLoad: Workload = {
  name: 'demo load',
  run: (deps) => {
    if (countCustomers(deps.db) > 0) return null;
    loadDemo(deps, null);
    return 'demo';
  },
  verify: (db) => {
    const n = countCustomers(db);
    if (n !== DEMO_CUSTOMERS) return `the demo holds ${n} customers, not ${DEMO_CUSTOMERS}`;
    if (getSetting<boolean>(db, SETTING_KEYS.demo) !== true) return 'the demo flag is not set';
    return null;
  },
  invariant: (db) => {
    const n = countCustomers(db);
    if (n !== 0 && n !== DEMO_CUSTOMERS) return `a half-loaded demo: ${n} customers`;
    const flagged = getSetting<boolean>(db, SETTING_KEYS.demo) === true;
    const audited = one(db, "SELECT 1 FROM audit_log WHERE action = 'demo.load'") !== undefined;
    if ((n === DEMO_CUSTOMERS) !== flagged || flagged !== audited) return `demo customers ${n}, flag ${flagged}, audit ${audited}: not one transaction`;
    return null;
  },
};

/** A change and the hub event that describes it, in one transaction, as every service writes them. */
const outboxEvent: Workload = {
  name: 'outbox event',
  run: (deps, i) => {
    const now = deps.now().toISOString();
    const id = deps.db.transaction(() => {
      const eventId = enqueueEvent(
        deps.db,
        'customer.relost',
        { externalId: `CRASH-${i}`, relostAt: now, recoveryCallId: null, reasonId: null, offerId: null },
        now,
      );
      audit(deps.db, { at: now, actorId: null, action: 'crash.relost', entity: 'outbox', entityId: eventId, detail: { i } });
      return eventId;
    })();
    return `${i}:${id}`;
  },
  verify: (db, ack) => {
    const [i, id] = ack.split(':');
    const row = one<{ kind: string; payload: string }>(db, 'SELECT kind, payload FROM outbox WHERE id = ?', id);
    if (!row) return `event ${ack} is missing`;
    const payload = JSON.parse(row.payload) as { externalId?: string };
    if (row.kind !== 'customer.relost' || payload.externalId !== `CRASH-${i}`) return `event ${ack} reads ${row.kind} ${row.payload}`;
    // Its change (the audit entry) is checked by the invariant, for every event at once.
    return null;
  },
  invariant: (db) => {
    const unpaired = db
      .prepare(
        `SELECT (SELECT count(*) FROM (SELECT id FROM outbox WHERE kind = 'customer.relost'
                   EXCEPT SELECT entity_id FROM audit_log WHERE action = 'crash.relost'))
              + (SELECT count(*) FROM (SELECT entity_id FROM audit_log WHERE action = 'crash.relost'
                   EXCEPT SELECT id FROM outbox WHERE kind = 'customer.relost'))`,
      )
      .pluck()
      .get() as number;
    return unpaired === 0 ? null : `${unpaired} events and changes were written without each other`;
  },
};

/**
 * Deliberately wrong, to prove the harness notices: the event and its change as two separate
 * commits with a pause between. Never in DEFAULT_WORKLOADS; crash.test.ts expects it to be caught.
 */
const tornPair: Workload = {
  name: 'torn pair (deliberately wrong)',
  run: (deps, i) => {
    const now = deps.now().toISOString();
    const eventId = enqueueEvent(deps.db, 'customer.relost', { externalId: `CRASH-${i}`, relostAt: now, recoveryCallId: null, reasonId: null, offerId: null }, now);
    const until = Date.now() + 20;
    while (Date.now() < until) {
      // The gap a crash falls into.
    }
    audit(deps.db, { at: now, actorId: null, action: 'crash.relost', entity: 'outbox', entityId: eventId });
    return `${i}:${eventId}`;
  },
  verify: (db, ack) => outboxEvent.verify(db, ack),
  invariant: (db) => outboxEvent.invariant?.(db) ?? null,
};

export const WORKLOADS: Record<string, Workload> = {
  [sessionSetup.name]: sessionSetup,
  [demoLoad.name]: demoLoad,
  [outboxEvent.name]: outboxEvent,
  [tornPair.name]: tornPair,
};

export const DEFAULT_WORKLOADS = [sessionSetup.name, demoLoad.name, outboxEvent.name];
export const TORN_PAIR = tornPair.name;

export function workload(name: string): Workload {
  const w = WORKLOADS[name];
  if (!w) throw new Error(`No crash-test workload named ${JSON.stringify(name)}; known: ${DEFAULT_WORKLOADS.join(', ')}.`);
  return w;
}
