import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { backupDatabaseSync, checkDatabaseFile } from '../../db/backup';
import { dirname, join } from 'node:path';
import type { Db } from '../../db/open';
import { countCustomers, prepareCustomerUpsert } from '../../db/repos/customers';
import { audit } from '../../db/repos/audit';
import { upsertCycle } from '../../db/repos/cycles';
import { enqueueEvent } from '../../db/repos/outbox';
import { findPersonByName, insertPerson } from '../../db/repos/people';
import { getSetting, setSetting, SETTING_KEYS } from '../../db/repos/settings';
import type { ServiceDeps } from '../../electron/backend/types';
import { completeCall } from '../../electron/backend/call/complete';
import { saveCallDraft } from '../../electron/backend/call/drafts';
import { startCall } from '../../electron/backend/call/session';
import { runImport } from '../../electron/backend/import/run';
import { importSuppressionList } from '../../electron/backend/permissions/listImport';
import { silentLogger } from '../../electron/backend/logger';
import { loadDemo } from '../../electron/backend/session/demo';
import { choosePerson } from '../../electron/backend/session/person';
import { CallStateSchema } from '../../shared/api/call';
import type { Person } from '../../shared/api/session';
import { CYCLE, customer, fullCall, initialCallState, seedCustomers } from '../helpers/callFixtures';
import { AppError } from '../../shared/api/result';
import { eraseCustomer } from '../../electron/backend/privacy/erase';

/**
 * Durable work the crash test repeats through the real services while it is killed at random.
 * `run` does one piece and returns an id only once it is committed (the child acknowledges it on
 * stdout right after); `verify` checks that an acknowledged piece is present and whole;
 * `invariant` holds after any kill, acknowledged or not (nothing half-written).
 *
 * To cover a new kind of durable write, add a workload here and name it in DEFAULT_WORKLOADS; the
 * harness and both test sizes pick it up.
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
  // The person written with its audit entry, as set-up and Switch person write it (the guard in front of them is tested elsewhere).
  run: (deps, i) => deps.db.transaction(() => choosePerson(deps, { name: `Crash Agent ${i}`, role: i % 5 === 0 ? 'manager' : 'agent' }, 'session.setup', null).id)(),
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
/** The telecom sample's ids look like 7590-VHVEG; the call workloads add customers of their own. */
const demoCustomers = (db: Db) =>
  db.prepare("SELECT count(*) FROM customers WHERE external_id GLOB '[0-9][0-9][0-9][0-9]-[A-Z]*'").pluck().get() as number;

const demoLoad: Workload = {
  name: 'demo load',
  run: (deps) => {
    if (countCustomers(deps.db) > 0) return null;
    loadDemo(deps, null);
    return 'demo';
  },
  verify: (db) => {
    const n = demoCustomers(db);
    if (n !== DEMO_CUSTOMERS) return `the demo holds ${n} customers, not ${DEMO_CUSTOMERS}`;
    if (getSetting<boolean>(db, SETTING_KEYS.demo) !== true) return 'the demo flag is not set';
    return null;
  },
  invariant: (db) => {
    const n = demoCustomers(db);
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

/** The agent the call workloads call as, and a fresh departed customer for each call (its own commit). */
function caller(deps: ServiceDeps): Person {
  const found = findPersonByName(deps.db, 'Crash Caller', 'agent');
  if (found) return found;
  const person: Person = { id: randomUUID(), name: 'Crash Caller', role: 'agent' };
  insertPerson(deps.db, person, deps.now().toISOString());
  return person;
}

function freshCustomer(deps: ServiceDeps, externalId: string): number {
  const now = deps.now().toISOString();
  deps.db.transaction(() => {
    upsertCycle(deps.db, CYCLE, now);
    prepareCustomerUpsert(deps.db)(customer({ externalId }), now);
  })();
  return deps.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(externalId) as number;
}

const STAGE_COUNT = 5;

/** A whole guided call completed through the call service: call, stages, reasons, offer code, feedback, outcome, outbox. */
const callCompletion: Workload = {
  name: 'call completion',
  run: (deps, i) => {
    const user = caller(deps);
    const customerId = freshCustomer(deps, `CALL-${i}`);
    const start = initialCallState({ callId: randomUUID(), customerId, startedAt: deps.now().toISOString(), frontlineRep: null, frontlineTeam: null });
    return completeCall(deps, user, fullCall(start)).callId;
  },
  verify: (db, callId) => {
    const call = one<{ outcome: string; customer_id: number }>(db, 'SELECT outcome, customer_id FROM calls WHERE id = ?', callId);
    if (!call) return `call ${callId} is missing`;
    if (call.outcome !== 'recovered') return `call ${callId} has the outcome ${call.outcome}`;
    const stages = db.prepare('SELECT count(*) FROM call_stages WHERE call_id = ?').pluck().get(callId) as number;
    if (stages !== STAGE_COUNT) return `call ${callId} has ${stages} stages`;
    const reasons = db.prepare('SELECT count(*) FROM call_reasons WHERE call_id = ?').pluck().get(callId) as number;
    if (reasons !== 2) return `call ${callId} has ${reasons} reasons`;
    if (!one(db, "SELECT 1 FROM call_offers WHERE call_id = ? AND answer = 'accepted' AND code IS NOT NULL", callId)) return `call ${callId} lost its offer code`;
    if (!one(db, 'SELECT 1 FROM feedback WHERE call_id = ?', callId)) return `call ${callId} lost its frontline feedback`;
    const c = one<{ last_outcome: string | null; attempts: number }>(db, 'SELECT last_outcome, attempts FROM customers WHERE id = ?', call.customer_id);
    if (c?.last_outcome !== 'recovered' || c.attempts < 1) return `the customer of call ${callId} does not show it`;
    return null;
  },
  invariant: (db) => {
    const torn = db
      .prepare(`SELECT count(*) FROM calls c WHERE (SELECT count(*) FROM call_stages s WHERE s.call_id = c.id) <> ${STAGE_COUNT}`)
      .pluck()
      .get() as number;
    if (torn > 0) return `${torn} calls without all their stages`;
    const orphans = db
      .prepare(
        `SELECT count(*) FROM (SELECT call_id FROM call_stages UNION SELECT call_id FROM call_reasons
           UNION SELECT call_id FROM call_offers UNION SELECT call_id FROM feedback EXCEPT SELECT id FROM calls)`,
      )
      .pluck()
      .get() as number;
    if (orphans > 0) return `parts of ${orphans} calls were written without the call`;
    const unsent = db
      .prepare(
        `SELECT count(*) FROM (SELECT id FROM calls
           EXCEPT SELECT json_extract(payload, '$.callId') FROM outbox WHERE kind = 'call.completed')`,
      )
      .pluck()
      .get() as number;
    return unsent === 0 ? null : `${unsent} calls were saved without their event for the hub`;
  },
};

/** An open call's draft, as the call screen saves it within a second of each keystroke. */
const callDraft: Workload = {
  name: 'call draft',
  run: (deps, i) => {
    const user = caller(deps);
    const customerId = freshCustomer(deps, `DRAFT-${i}`);
    const start = initialCallState({ callId: randomUUID(), customerId, startedAt: deps.now().toISOString(), frontlineRep: null, frontlineTeam: null });
    saveCallDraft(deps, user, { ...start, stage: 'listen', reached: 'listen', visited: ['apologize', 'listen'], listen: { words: `Draft words ${i}` } });
    return `${customerId}:${i}:${start.callId}`;
  },
  verify: (db, ack) => {
    const [customerId, i, callId] = ack.split(':');
    const draft = one<{ state: string }>(db, 'SELECT state FROM call_drafts WHERE customer_id = ?', Number(customerId));
    if (!draft) return `the draft of customer ${customerId} is missing`;
    const parsed = CallStateSchema.safeParse(JSON.parse(draft.state));
    if (!parsed.success) return `the draft of customer ${customerId} cannot be read back`;
    // Restored: the caller opens the customer again after the crash and the call service gives back
    // the call in progress, words and all, under the same call id.
    const person = findPersonByName(db, 'Crash Caller', 'agent');
    if (!person) return 'the caller who saved the drafts is missing';
    const deps: ServiceDeps = { db, now: () => new Date(), log: silentLogger, appVersion: 'crash-test', dataDir: dirname(db.name) };
    const session = startCall(deps, person, { customerId: Number(customerId) });
    if (session.restoredFrom === null) return `opening customer ${customerId} again starts a new call instead of restoring the draft`;
    if (session.state.callId !== callId || session.state.listen.words !== `Draft words ${i}`) {
      return `opening customer ${customerId} again restores ${session.state.callId} with ${JSON.stringify(session.state.listen.words)}`;
    }
    return null;
  },
};

/** The two people of the lease workload: they share this one database, one call each in turn. */
function leaseCaller(deps: ServiceDeps, i: number): Person {
  const name = i % 2 === 0 ? 'Lease Caller A' : 'Lease Caller B';
  const found = findPersonByName(deps.db, name, 'agent');
  if (found) return found;
  const person: Person = { id: randomUUID(), name, role: 'agent' };
  insertPerson(deps.db, person, deps.now().toISOString());
  return person;
}

/**
 * "Next customer" and its lease, then the call completed: two people in turn. A kill between the
 * start and the completion leaves the customer leased to a call that never ends (the lease runs
 * out later); the invariant holds after any kill: no customer got two calls from "next", and no
 * completed call still holds its lease (completion releases it in its own transaction).
 */
const nextCustomerLease: Workload = {
  name: 'next customer lease',
  run: (deps, i) => {
    const person = leaseCaller(deps, i);
    // A customer at the top of the queue for every run (calling hours off, as the call fixtures have them).
    seedCustomers(deps.db, [customer({ externalId: `LEASE-${i}`, monthlyRevenue: 900_000 + i })]);
    let session;
    try {
      session = startCall(deps, person, { next: true });
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    }
    return completeCall(deps, person, fullCall(session.state)).callId;
  },
  verify: (db, callId) => {
    if (!one(db, 'SELECT 1 FROM calls WHERE id = ?', callId)) return `call ${callId} is missing`;
    if (one(db, 'SELECT 1 FROM call_leases WHERE call_id = ?', callId)) return `completed call ${callId} still holds its customer`;
    return null;
  },
  invariant: (db) => {
    const twice = db
      .prepare(
        `SELECT count(*) FROM (SELECT c.customer_id FROM calls c JOIN people p ON p.id = c.caller_id
           WHERE p.name LIKE 'Lease Caller %' GROUP BY c.customer_id HAVING count(*) > 1)`,
      )
      .pluck()
      .get() as number;
    if (twice > 0) return `${twice} customers were given to "next customer" twice`;
    const held = db.prepare('SELECT count(*) FROM call_leases l JOIN calls c ON c.id = l.call_id').pluck().get() as number;
    return held === 0 ? null : `${held} completed calls still hold their customer`;
  },
};

const IMPORT_ROWS = 20;
const importFile = (i: number) => `crash-import-${i}.csv`;
/** The number of the import an imported customer came from (their ids read IMP-<i>-<row>). */
const IMPORT_OF = "substr(external_id, 5, instr(substr(external_id, 5), '-') - 1)";

/**
 * A departure export of 20 customers through the real import service (read and validated on the
 * parse worker while one transaction writes the customers, their hub events, the import record,
 * the audit entry and a selection pass), acknowledged once runImport has returned, that is after
 * the commit.
 */
const departuresImport: Workload = {
  name: 'import',
  run: async (deps, i) => {
    const dir = dirname(deps.db.name);
    const path = join(dir, importFile(i));
    const rows = Array.from(
      { length: IMPORT_ROWS },
      (_, k) => `IMP-${i}-${k},Imported ${i} ${k},+1 555-01${String(k).padStart(2, '0')},Month-to-month,${40 + k},2026-11-0${1 + (k % 9)},Price too high`,
    );
    writeFileSync(path, `id,name,phone,contract,charges,left,reason\n${rows.join('\n')}\n`);
    const result = await runImport(deps, {
      path,
      fileName: importFile(i),
      mapping: {
        columns: { externalId: 'id', name: 'name', phone: 'phone', segment: 'contract', monthlyRevenue: 'charges', departedAt: 'left', statedReason: 'reason' },
      },
      dryRun: false,
      skipInvalid: false,
      actorId: null,
      stagingDir: dir,
    });
    if (result.written?.imported !== IMPORT_ROWS) throw new Error(`the import wrote ${JSON.stringify(result.written)}`);
    return String(i);
  },
  verify: (db, i) => {
    const record = one<{ imported: number }>(db, 'SELECT imported FROM imports WHERE file_name = ?', importFile(Number(i)));
    if (!record) return `import ${i} has no import record`;
    if (record.imported !== IMPORT_ROWS) return `import ${i} records ${record.imported} customers`;
    const customers = db.prepare('SELECT count(*) FROM customers WHERE external_id GLOB ?').pluck().get(`IMP-${i}-*`) as number;
    if (customers !== IMPORT_ROWS) return `import ${i} holds ${customers} customers`;
    const events = db
      .prepare("SELECT count(*) FROM outbox WHERE kind = 'customer.departed' AND json_extract(payload, '$.externalId') GLOB ?")
      .pluck()
      .get(`IMP-${i}-*`) as number;
    if (events !== IMPORT_ROWS) return `import ${i} has ${events} hub events`;
    return null;
  },
  invariant: (db) => {
    // Every import is all there or not there at all: customers, events and record together.
    const torn = db
      .prepare(
        `WITH c AS (SELECT ${IMPORT_OF} AS i, count(*) AS n FROM customers WHERE external_id GLOB 'IMP-*' GROUP BY 1),
              e AS (SELECT substr(json_extract(payload, '$.externalId'), 5, instr(substr(json_extract(payload, '$.externalId'), 5), '-') - 1) AS i,
                      count(*) AS n FROM outbox WHERE kind = 'customer.departed' AND json_extract(payload, '$.externalId') GLOB 'IMP-*' GROUP BY 1),
              r AS (SELECT substr(file_name, 14, length(file_name) - 17) AS i, imported AS n FROM imports WHERE file_name GLOB 'crash-import-*')
         SELECT count(*) FROM (SELECT i FROM c UNION SELECT i FROM e UNION SELECT i FROM r) x
         WHERE coalesce((SELECT n FROM c WHERE c.i = x.i), 0) <> ${IMPORT_ROWS}
            OR coalesce((SELECT n FROM e WHERE e.i = x.i), 0) <> ${IMPORT_ROWS}
            OR coalesce((SELECT n FROM r WHERE r.i = x.i), 0) <> ${IMPORT_ROWS}`,
      )
      .pluck()
      .get() as number;
    return torn === 0 ? null : `${torn} imports are half-written (customers, hub events and import record do not agree)`;
  },
};

const RO_BACKUPS = 'ro-backups';
const RO_BACKUP_NAMES = 3;
const roBackupPath = (db: Db, i: number) => join(dirname(db.name), RO_BACKUPS, `ro-backup-${i % RO_BACKUP_NAMES}.db`);

/**
 * `winback backup` of a database it cannot write (a read-only disk): a read-only connection copied
 * in one read transaction with VACUUM INTO, then switched to one self-contained file, checked,
 * synced and renamed (db/backup.ts). Acknowledged once the copy carries its name. Three names in
 * turn, so a kill can land while a newer copy replaces an older one.
 */
const readOnlyBackup: Workload = {
  name: 'backup of a read-only database',
  run: (deps, i) => {
    const source = new Database(deps.db.name, { readonly: true, fileMustExist: true });
    try {
      backupDatabaseSync(source, roBackupPath(deps.db, i));
    } finally {
      source.close();
    }
    return String(i);
  },
  verify: (db, i) => {
    // Once acknowledged the name always holds a backup (a later one replaces it in one rename);
    // the invariant checks each file in full once per round.
    const path = roBackupPath(db, Number(i));
    if (!existsSync(path)) return `${path} is missing`;
    return readFileSync(path).subarray(0, 16).toString('latin1') === 'SQLite format 3\0' ? null : `${path} is not a SQLite file`;
  },
  invariant: (db) => {
    const folder = join(dirname(db.name), RO_BACKUPS);
    if (!existsSync(folder)) return null;
    for (const file of readdirSync(folder).filter((f) => /^ro-backup-\d+\.db$/.test(f))) {
      try {
        checkDatabaseFile(join(folder, file));
      } catch (error) {
        return `the backup name ${file} carries a half-written file (${error instanceof Error ? error.message : String(error)})`;
      }
    }
    return null;
  },
};

/**
 * A suppression list of 12,000 numbers (three chunks for the hub) imported into the ledger: after
 * any kill each list is whole (every value and its audit entry), or absent.
 */
const LIST_SIZE = 12_000;
const suppressionList: Workload = {
  name: 'suppression list import',
  run: (deps, i) => {
    const lines: string[] = [];
    for (let n = 0; n < LIST_SIZE; n += 1) lines.push(`+1 415 ${String(2_000_000 + ((i * LIST_SIZE + n) % 7_000_000))}`);
    const manager = { id: 'crash-manager', name: 'Crash Manager' };
    const r = importSuppressionList(deps.db, manager, lines.join('\n'), { name: `Crash list ${i}`, scope: 'call', registry: false, column: null, country: null, expiresAt: null }, deps.now());
    return r.listId;
  },
  verify: (db, id) => {
    const list = one<{ id: number; size: number }>(db, 'SELECT id, size FROM permission_lists WHERE uid = ?', id);
    if (!list) return `list ${id} is missing`;
    const values = db.prepare('SELECT count(*) FROM permission_list_values WHERE list_id = ?').pluck().get(list.id) as number;
    return values === LIST_SIZE && list.size === LIST_SIZE ? null : `list ${id} holds ${values} of ${LIST_SIZE} numbers`;
  },
  invariant: (db) => {
    const torn = db
      .prepare(
        `SELECT count(*) FROM permission_lists l
         WHERE l.size <> (SELECT count(*) FROM permission_list_values v WHERE v.list_id = l.id)
            OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'permissions.importList' AND a.entity_id = l.uid)`,
      )
      .pluck()
      .get() as number;
    return torn === 0 ? null : `${torn} suppression lists were written in part`;
  },
};

/**
 * A customer with a completed call erased on request: after any kill the customer is whole (their
 * name, number and the call's words in place) or erased everywhere (no name, no words, their id
 * anonymous, the ledger's hashed entries present), never a mix.
 */
const erasure: Workload = {
  name: 'erasure',
  run: (deps, i) => {
    const externalId = `ERASE-${i}`;
    const now = deps.now().toISOString();
    deps.db.transaction(() => {
      // The erasure is under test, not the calling hours of the moment the crash test runs.
      setSetting(deps.db, SETTING_KEYS.callingHoursEnforced, false);
      upsertCycle(deps.db, CYCLE, now);
      prepareCustomerUpsert(deps.db)(customer({ externalId, name: `Erase Me ${i}`, email: `erase-${i}@example.test` }), now);
    })();
    const customerId = deps.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(externalId) as number;
    const start = initialCallState({ callId: randomUUID(), customerId, startedAt: now, frontlineRep: null, frontlineTeam: null });
    completeCall(deps, caller(deps), fullCall(start, { listen: { words: `Erase Me ${i} speaking` } }));
    return eraseCustomer(deps.db, { id: null, name: 'Crash Manager' }, customerId, deps.now()).erasedAs;
  },
  verify: (db, erasedAs) => {
    const row = one<{ name: string | null; phone: string | null }>(db, 'SELECT name, phone FROM customers WHERE external_id = ?', erasedAs);
    if (!row) return `erased customer ${erasedAs} is missing`;
    return row.name === null && row.phone === null ? null : `erased customer ${erasedAs} still has a name or number`;
  },
  invariant: (db) => {
    const mixed = db
      .prepare(
        `SELECT count(*) FROM customers c WHERE
           (c.external_id LIKE 'erased-%' AND (c.name IS NOT NULL OR c.phone IS NOT NULL
              OR EXISTS (SELECT 1 FROM calls k WHERE k.customer_id = c.id AND k.customer_words <> '')
              OR NOT EXISTS (SELECT 1 FROM permission_entries e WHERE e.kind = 'customer' AND e.uid LIKE 'erased:%' AND e.added_at = c.updated_at)))
           OR (c.external_id LIKE 'ERASE-%' AND (c.name IS NULL OR EXISTS (SELECT 1 FROM calls k WHERE k.customer_id = c.id AND k.customer_words = '')))`,
      )
      .pluck()
      .get() as number;
    return mixed === 0 ? null : `${mixed} customers were erased in part`;
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
  [callCompletion.name]: callCompletion,
  [callDraft.name]: callDraft,
  [departuresImport.name]: departuresImport,
  [readOnlyBackup.name]: readOnlyBackup,
  [nextCustomerLease.name]: nextCustomerLease,
  [suppressionList.name]: suppressionList,
  [erasure.name]: erasure,
  [tornPair.name]: tornPair,
};

export const DEFAULT_WORKLOADS = [
  sessionSetup.name,
  demoLoad.name,
  outboxEvent.name,
  callCompletion.name,
  callDraft.name,
  departuresImport.name,
  readOnlyBackup.name,
  nextCustomerLease.name,
  suppressionList.name,
  erasure.name,
];
export const TORN_PAIR = tornPair.name;

export function workload(name: string): Workload {
  const w = WORKLOADS[name];
  if (!w) throw new Error(`No crash-test workload named ${JSON.stringify(name)}; known: ${DEFAULT_WORKLOADS.join(', ')}.`);
  return w;
}
