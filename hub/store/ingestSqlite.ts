import type Database from 'better-sqlite3';
import type { BatchWriter, EventRow, StoredBatch } from './batch';
import { CALL_COLUMNS, CALL_KINDS, DEPARTURE_COLUMNS, callIdsOf, callRows, departureRows, type CallRow, type DepartureRow, type HeldCallEvent, type StoredEvent } from './projections';
import { DIAGNOSED_CELL_COLUMNS, STATED_CELL_COLUMNS, STATED_MONTH_CELL_COLUMNS, addingOnConflict, cellChanges, factsAfter, factsByCustomer } from './cells';
import { claims, describesSame, FAMILY_OF, notYours, REPEATABLE_FACTS, sameEffectFact, type BatchSender, type OwnerRow } from './trust';
import type { Kysely } from 'kysely';
import type { HubDatabase } from './schema';
import { effectStep } from './effectProjection';
import { runEffectStepSync } from './effectStore';

/** What the SQLite writer needs of the store: Kysely's connection (for its lock) and the driver's handle. */
export interface SqliteHandles {
  db: Kysely<HubDatabase>;
  sqlite: Database.Database;
}

function upsert(table: string, columns: readonly string[], key: string): string {
  const updates = columns.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')}`;
}

/**
 * One row per statement, each statement prepared once per connection: SQLite runs a prepared
 * single-row insert in microseconds, where a multi-row insert built for every batch cost more to
 * compile and prepare than to run.
 */
function statementsFor(sqlite: Database.Database) {
  return {
    insertEvent: sqlite.prepare(
      'INSERT INTO events (id, kind, console_id, seq, occurred_at, subject, payload, content_hash, sent_by, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    heldHash: sqlite.prepare('SELECT content_hash FROM events WHERE id = ?').pluck(),
    callHistory: sqlite.prepare(
      `SELECT rid, kind, subject, payload FROM events WHERE subject = ? AND kind IN (${CALL_KINDS.map((k) => `'${k}'`).join(', ')})`,
    ),
    upsertDeparture: sqlite.prepare(upsert('departures', DEPARTURE_COLUMNS, 'external_id')),
    ownerOf: sqlite.prepare('SELECT family, subject, owner, console_id FROM trust_owners WHERE family = ? AND subject = ?'),
    claim: sqlite.prepare('INSERT INTO trust_owners (family, subject, owner, console_id, owned_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
    departureOf: sqlite.prepare('SELECT * FROM departures WHERE external_id = ?'),
    latestPayload: sqlite.prepare('SELECT payload FROM events WHERE kind = ? AND subject = ? ORDER BY rid DESC LIMIT 1').pluck(),
    upsertCall: sqlite.prepare(upsert('calls', CALL_COLUMNS, 'call_id')),
    customerOfCall: sqlite.prepare('SELECT external_id FROM calls WHERE call_id = ?').pluck(),
    callsOf: sqlite.prepare('SELECT * FROM calls WHERE external_id = ?'),
    addStated: sqlite.prepare(
      `INSERT INTO cells_stated (${STATED_CELL_COLUMNS.join(', ')}) VALUES (${STATED_CELL_COLUMNS.map(() => '?').join(', ')}) ${addingOnConflict('cells_stated')}`,
    ),
    addStatedMonth: sqlite.prepare(
      `INSERT INTO cells_stated_month (${STATED_MONTH_CELL_COLUMNS.join(', ')}) VALUES (${STATED_MONTH_CELL_COLUMNS.map(() => '?').join(', ')}) ${addingOnConflict('cells_stated_month')}`,
    ),
    addDiagnosed: sqlite.prepare(
      `INSERT INTO cells_diagnosed (${DIAGNOSED_CELL_COLUMNS.join(', ')}) VALUES (${DIAGNOSED_CELL_COLUMNS.map(() => '?').join(', ')}) ${addingOnConflict('cells_diagnosed')}`,
    ),
  };
}

const prepared = new WeakMap<Database.Database, ReturnType<typeof statementsFor>>();

function statements(sqlite: Database.Database): ReturnType<typeof statementsFor> {
  let s = prepared.get(sqlite);
  if (!s) {
    s = statementsFor(sqlite);
    prepared.set(sqlite, s);
  }
  return s;
}

/**
 * The batch's rows, their projections and nothing else, in one IMMEDIATE transaction that has
 * committed (synchronous=FULL: durably) when this returns. It holds Kysely's connection meanwhile,
 * so no other hub request has a transaction open on the same connection.
 */
function storeBatch(store: SqliteHandles, rows: readonly EventRow[], sender: BatchSender, receivedAt: string): Promise<StoredBatch> {
  const sentBy = sender.name;
  return store.db.connection().execute(() => {
    const { sqlite } = store;
    if (sqlite.inTransaction) throw new Error('The hub store has a transaction open on the ingest connection.');
    const s = statements(sqlite);
    const write = sqlite.transaction((): StoredBatch => {
      const inserted = new Map<string, number>();
      const held = new Map<string, string>();
      const refused = new Map<string, string>();
      const owners = new Map<string, OwnerRow>();
      const stored: StoredEvent[] = [];
      for (const r of rows) {
        if (claims(sender)) {
          const family = FAMILY_OF[r.kind];
          const key = `${family}\u0000${r.record}`;
          let owner = owners.get(key);
          if (owner === undefined) {
            // Most records are new: the claim alone settles them, one statement.
            owner = s.claim.run(family, r.record, sentBy, r.consoleId, receivedAt).changes === 1 ? { family, subject: r.record, owner: sentBy, console_id: r.consoleId } : (s.ownerOf.get(family, r.record) as OwnerRow);
            owners.set(key, owner);
          }
          if (owner.owner !== sentBy) {
            const hash = s.heldHash.get(r.id) as string | undefined;
            if (hash !== undefined) {
              // A resend of an event the hub holds: a duplicate or a clash, as for anyone.
              held.set(r.id, hash);
              continue;
            }
            const repeats =
              (r.kind === 'customer.departed' && describesSame(s.departureOf.get(r.subject) as DepartureRow | undefined, r.payload)) ||
              (REPEATABLE_FACTS.includes(r.kind) && sameEffectFact(r.kind, s.latestPayload.get(r.kind, r.subject) as string | undefined, r.payload));
            if (!repeats) {
              refused.set(r.id, notYours(family, owner));
              continue;
            }
          }
        }
        const result = s.insertEvent.run(r.id, r.kind, r.consoleId, r.seq, r.occurredAt, r.subject, r.payloadText, r.hash, sentBy, receivedAt);
        if (result.changes === 1) {
          const rid = Number(result.lastInsertRowid);
          inserted.set(r.id, rid);
          stored.push({ rid, kind: r.kind, payload: r.payload });
        } else {
          held.set(r.id, s.heldHash.get(r.id) as string);
        }
      }
      const departures = departureRows(stored);
      const callIds = callIdsOf(stored);
      let calls: CallRow[] = [];
      if (callIds.length > 0) {
        const history: HeldCallEvent[] = [];
        for (const id of callIds) for (const h of s.callHistory.all(id) as HeldCallEvent[]) history.push(h);
        const known = new Map(stored.map((e) => [e.rid, e.payload]));
        calls = callRows(callIds, history, known);
      }
      if (departures.length > 0 || calls.length > 0) {
        // The customers these rows touch, including the one a call completed again leaves: what they
        // contribute to the report's cells before and after the rows are written (cells.ts).
        const customers = new Set([...departures.map((d) => d.external_id), ...calls.map((c) => c.external_id)]);
        for (const c of calls) {
          const was = s.customerOfCall.get(c.call_id) as string | undefined;
          if (was !== undefined) customers.add(was);
        }
        const heldDepartures: DepartureRow[] = [];
        const heldCalls: CallRow[] = [];
        for (const id of customers) {
          const d = s.departureOf.get(id) as DepartureRow | undefined;
          if (d) heldDepartures.push(d);
          for (const c of s.callsOf.all(id) as CallRow[]) heldCalls.push(c);
        }
        const before = factsByCustomer(customers, heldDepartures, heldCalls);
        for (const d of departures) s.upsertDeparture.run(DEPARTURE_COLUMNS.map((c) => d[c]));
        for (const c of calls) s.upsertCall.run(CALL_COLUMNS.map((k) => c[k]));
        const changed = cellChanges(before, factsAfter(before, departures, calls)).changed();
        for (const cell of changed.stated) s.addStated.run(STATED_CELL_COLUMNS.map((k) => cell[k]));
        for (const cell of changed.statedMonths) s.addStatedMonth.run(STATED_MONTH_CELL_COLUMNS.map((k) => cell[k]));
        for (const cell of changed.diagnosed) s.addDiagnosed.run(DIAGNOSED_CELL_COLUMNS.map((k) => cell[k]));
      }
      // Offer economics and handle time, once the calls and departures above are written.
      if (stored.length > 0) runEffectStepSync(sqlite, effectStep(stored));
      return { inserted, held, refused };
    });
    return Promise.resolve(write.immediate());
  });
}

/** SQLite runs in this process: the parts are gathered and written in one go when the batch closes. */
export function sqliteBatchWriter(store: SqliteHandles, sender: BatchSender, receivedAt: string): BatchWriter {
  const rows: EventRow[] = [];
  return {
    write: (part) => {
      rows.push(...part);
    },
    close: (commit) => (commit ? storeBatch(store, rows, sender, receivedAt) : Promise.resolve({ inserted: new Map(), held: new Map(), refused: new Map() })),
  };
}
