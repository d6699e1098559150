import type pg from 'pg';
import type { BatchWriter, EventRow } from './batch';
import { CALL_COLUMNS, CALL_KINDS, DEPARTURE_COLUMNS, callIdsOf, callRows, departureRows, type CallRow, type DepartureRow, type HeldCallEvent, type StoredEvent } from './projections';
import { customerBucket, lockBuckets } from './ingestLocks';
import { DIAGNOSED_CELL_COLUMNS, STATED_CELL_COLUMNS, STATED_MONTH_CELL_COLUMNS, cellChanges, factsAfter, factsByCustomer, type DiagnosedCell, type StatedCell, type StatedMonthCell } from './cells';
import type { PENDING_TABLES } from './cellsFold';
import { touchedBy, effectStep } from './effectProjection';
import { runEffectStep } from './effectStore';
import { createHash } from 'node:crypto';
import { claims, describesSame, FAMILY_OF, notYours, REPEATABLE_FACTS, sameEffectFact, type BatchSender, type OwnerRow } from './trust';
/** What the PostgreSQL writer needs of the store: the driver's pool. */
export interface PostgresHandles {
  pool: pg.Pool;
}

/**
 * How batches keep projections exact across connections and hub instances:
 * - 'subjects' (the default): each batch locks the buckets of the subjects it projects
 *   (ingestLocks.ts), so unrelated batches run in parallel;
 * - 'global': every batch takes one advisory lock, one batch at a time in the whole hub. Kept to
 *   measure against (npm run load:hub) and as a fallback an operator can choose (HUB_INGEST_LOCK).
 */
export type IngestLockMode = 'subjects' | 'global';

/** Any fixed number: in 'global' mode every ingest takes this advisory lock. */
const INGEST_LOCK = 72_431;

/** A batch that deadlocked against another is run again this many times, with every lock taken first. */
const DEADLOCK_RETRIES = 3;

const LOCK_BUCKETS: pg.QueryConfig = {
  name: 'hub_ingest_lock_buckets_v1',
  text: 'SELECT bucket FROM board_ingest_locks WHERE bucket = ANY($1::int[]) ORDER BY bucket FOR UPDATE',
};

/**
 * Every statement takes whole columns as arrays (unnest), so a batch of any size is one statement
 * of fixed text: PostgreSQL parses and plans each once per connection (named statements), and a
 * batch costs a handful of round trips instead of a query of thousands of parameters built anew.
 */
const INSERT_EVENTS: pg.QueryConfig = {
  name: 'hub_ingest_events_v1',
  text: `INSERT INTO events (id, kind, console_id, seq, occurred_at, subject, payload, content_hash, sent_by, received_at)
SELECT e.id, e.kind, e.console_id, e.seq, e.occurred_at, e.subject, e.payload, e.content_hash, $9, $10
FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[])
  WITH ORDINALITY AS e(id, kind, console_id, seq, occurred_at, subject, payload, content_hash, n)
ORDER BY e.n
ON CONFLICT (id) DO NOTHING
RETURNING id, rid`,
};

const HELD_HASHES: pg.QueryConfig = {
  name: 'hub_ingest_held_v1',
  text: 'SELECT id, content_hash FROM events WHERE id = ANY($1::text[])',
};

const CALL_HISTORY: pg.QueryConfig = {
  name: 'hub_ingest_call_history_v1',
  text: `SELECT rid, kind, subject, payload FROM events WHERE subject = ANY($1::text[]) AND kind IN (${CALL_KINDS.map((k) => `'${k}'`).join(', ')})`,
};

const CLAIM_OWNERS: pg.QueryConfig = {
  name: 'hub_ingest_claim_owners_v1',
  text: `INSERT INTO trust_owners (family, subject, owner, console_id, owned_at)
SELECT k.family, k.subject, $4, k.console_id, $5 FROM unnest($1::text[], $2::text[], $3::text[]) AS k(family, subject, console_id)
ORDER BY k.family, k.subject
ON CONFLICT DO NOTHING`,
};

const OWNERS: pg.QueryConfig = {
  name: 'hub_ingest_owners_v1',
  text: `SELECT o.family, o.subject, o.owner, o.console_id FROM trust_owners o
JOIN unnest($1::text[], $2::text[]) AS k(family, subject) ON o.family = k.family AND o.subject = k.subject`,
};

/** The latest event of each repeatable kind and subject asked for (trust.ts sameEffectFact). */
const HELD_FACTS: pg.QueryConfig = {
  name: 'hub_ingest_held_facts_v1',
  text: `SELECT DISTINCT ON (kind, subject) kind, subject, payload FROM events
         WHERE kind = ANY($1::text[]) AND subject = ANY($2::text[]) ORDER BY kind, subject, rid DESC`,
};

const HELD_DEPARTURES: pg.QueryConfig = {
  name: 'hub_ingest_held_departures_v1',
  text: 'SELECT * FROM departures WHERE external_id = ANY($1::text[])',
};

const CUSTOMERS_OF_CALLS: pg.QueryConfig = {
  name: 'hub_ingest_customers_of_calls_v1',
  text: 'SELECT DISTINCT external_id FROM calls WHERE call_id = ANY($1::text[])',
};

const CUSTOMER_DEPARTURES: pg.QueryConfig = {
  name: 'hub_ingest_customer_departures_v1',
  text: 'SELECT * FROM departures WHERE external_id = ANY($1::text[])',
};

const CUSTOMER_CALLS: pg.QueryConfig = {
  name: 'hub_ingest_customer_calls_v1',
  text: 'SELECT * FROM calls WHERE external_id = ANY($1::text[])',
};

const DEPARTURE_TYPES: Record<(typeof DEPARTURE_COLUMNS)[number], string> = {
  external_id: 'text',
  cycle: 'text',
  departed_at: 'text',
  stated_reason_text: 'text',
  stated_reason_id: 'text',
  stated_category_id: 'text',
  monthly_revenue: 'float8',
  segment: 'text',
  product: 'text',
  frontline_team: 'text',
  event_rid: 'bigint',
};

const CALL_TYPES: Record<(typeof CALL_COLUMNS)[number], string> = {
  call_id: 'text',
  external_id: 'text',
  cycle: 'text',
  completed_at: 'text',
  caller_role: 'text',
  outcome: 'text',
  monthly_revenue: 'float8',
  segment: 'text',
  product: 'text',
  frontline_team: 'text',
  stated_reason_id: 'text',
  primary_reason_id: 'text',
  primary_category_id: 'text',
  amendments: 'integer',
  event_rid: 'bigint',
};

function upsertFromArrays<C extends string>(name: string, table: string, columns: readonly C[], types: Record<C, string>, key: C): pg.QueryConfig {
  const updates = columns.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`);
  return {
    name,
    text: `INSERT INTO ${table} (${columns.join(', ')})
SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${types[c]}[]`).join(', ')})
ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')}`,
  };
}

const STATED_CELL_TYPES: Record<(typeof STATED_CELL_COLUMNS)[number], string> = {
  cell: 'text',
  side: 'text',
  cycle: 'text',
  day: 'text',
  segment: 'text',
  product: 'text',
  team: 'text',
  reason_id: 'text',
  category_id: 'text',
  reason_text: 'text',
  departed: 'bigint',
  revenue: 'bigint',
  calls: 'bigint',
  recovered: 'bigint',
  recovered_revenue: 'bigint',
};

const STATED_MONTH_CELL_TYPES: Record<(typeof STATED_MONTH_CELL_COLUMNS)[number], string> = {
  ...(({ day: _day, ...rest }) => rest)(STATED_CELL_TYPES),
  month: 'text',
};

const DIAGNOSED_CELL_TYPES: Record<(typeof DIAGNOSED_CELL_COLUMNS)[number], string> = {
  cell: 'text',
  cycle: 'text',
  month: 'text',
  segment: 'text',
  product: 'text',
  team: 'text',
  reason_id: 'text',
  category_id: 'text',
  firsts: 'bigint',
  customers: 'bigint',
  revenue: 'bigint',
  calls: 'bigint',
  recovered: 'bigint',
  recovered_revenue: 'bigint',
};

/**
 * Appends a batch's cell changes to a pending table (cellsFold.ts): new rows that no other batch
 * writes, so batches about different customers never wait on one another's cells.
 */
function appendToPending<C extends string>(name: string, table: (typeof PENDING_TABLES)[number][0], columns: readonly C[], types: Record<C, string>): pg.QueryConfig {
  return {
    name,
    text: `INSERT INTO ${table} (${columns.join(', ')})
SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${types[c]}[]`).join(', ')})`,
  };
}

const ADD_STATED_CELLS = appendToPending('hub_ingest_cells_stated_v2', 'cells_stated_pending', STATED_CELL_COLUMNS, STATED_CELL_TYPES);
const ADD_STATED_MONTH_CELLS = appendToPending('hub_ingest_cells_stated_month_v2', 'cells_stated_month_pending', STATED_MONTH_CELL_COLUMNS, STATED_MONTH_CELL_TYPES);
const ADD_DIAGNOSED_CELLS = appendToPending('hub_ingest_cells_diagnosed_v2', 'cells_diagnosed_pending', DIAGNOSED_CELL_COLUMNS, DIAGNOSED_CELL_TYPES);

const UPSERT_DEPARTURES = upsertFromArrays('hub_ingest_departures_v1', 'departures', DEPARTURE_COLUMNS, DEPARTURE_TYPES, 'external_id');
const UPSERT_CALLS = upsertFromArrays('hub_ingest_calls_v1', 'calls', CALL_COLUMNS, CALL_TYPES, 'call_id');

/** Rows as one array per column, in `columns` order. */
function columnsOf<R>(rows: readonly R[], columns: readonly (keyof R)[]): unknown[][] {
  return columns.map((c) => rows.map((r) => r[c]));
}

interface BatchState {
  sender: BatchSender;
  sentBy: string;
  receivedAt: string;
  mode: IngestLockMode;
  /** Buckets this transaction holds already. */
  locked: Set<number>;
  inserted: Map<string, number>;
  held: Map<string, string>;
  /** Rows refused as changes to another token's record (trust.ts), with the reason. */
  refused: Map<string, string>;
  /** Parsed payloads of the rows inserted so far, by rid, for folding calls without parsing them again. */
  known: Map<number, unknown>;
  /** The last part's projections and cells being written. */
  projecting: Promise<unknown>;
}

/**
 * One part of a batch: its events, then its projections. Statements are queued on the connection
 * as soon as what they need is known, so PostgreSQL always has the next one while this process
 * checks the next part; on one connection they run in the order they were queued, which keeps
 * the parts (and so the projections' "latest wins") in the batch's order.
 */
async function writePart(client: pg.PoolClient, allRows: readonly EventRow[], state: BatchState): Promise<void> {
  let locking: Promise<unknown> | null = null;
  if (state.mode === 'subjects') {
    const needed = lockBuckets(allRows).filter((b) => !state.locked.has(b));
    if (needed.length > 0) {
      for (const b of needed) state.locked.add(b);
      // Queued ahead of the insert on the same connection: the insert runs once the locks are held.
      locking = client.query({ ...LOCK_BUCKETS, values: [needed] });
      locking.catch(() => undefined);
    }
  }
  let rows = allRows;
  if (claims(state.sender)) {
    try {
      rows = await ownRows(client, allRows, state);
    } catch (error) {
      // A failed lock (a deadlock) fails what follows it too: report the lock's failure, which says why.
      if (locking) await locking;
      throw error;
    }
    if (rows.length === 0) return;
  }
  const inserting = client.query<{ id: string; rid: number }>({
    ...INSERT_EVENTS,
    values: [
      rows.map((r) => r.id),
      rows.map((r) => r.kind),
      rows.map((r) => r.consoleId),
      rows.map((r) => r.seq),
      rows.map((r) => r.occurredAt),
      rows.map((r) => r.subject),
      rows.map((r) => r.payloadText),
      rows.map((r) => r.hash),
      state.sentBy,
      state.receivedAt,
    ],
  });
  let result: pg.QueryResult<{ id: string; rid: number }>;
  try {
    result = await inserting;
  } catch (error) {
    // A failed lock (a deadlock) fails the insert behind it too: report the lock's failure, which says why.
    if (locking) await locking;
    throw error;
  }
  const ridOf = new Map(result.rows.map((r) => [r.id, Number(r.rid)]));
  const stored: StoredEvent[] = [];
  const clashes: string[] = [];
  for (const r of rows) {
    const rid = ridOf.get(r.id);
    if (rid === undefined) {
      clashes.push(r.id);
      continue;
    }
    state.inserted.set(r.id, rid);
    state.known.set(rid, r.payload);
    stored.push({ rid, kind: r.kind, payload: r.payload });
  }

  const statements: Promise<unknown>[] = [];
  if (clashes.length > 0) {
    statements.push(
      client.query<{ id: string; content_hash: string }>({ ...HELD_HASHES, values: [clashes] }).then((found) => {
        for (const h of found.rows) state.held.set(h.id, h.content_hash);
      }),
    );
  }
  const departures = departureRows(stored);
  const callIds = callIdsOf(stored);
  if (departures.length > 0 || callIds.length > 0) {
    // Parts run side by side, but each part's projections start once the previous part's are
    // written: what a customer contributed before this part must include the earlier parts.
    const projecting = state.projecting.then(() => writeProjections(client, departures, callIds, state));
    state.projecting = projecting.catch(() => undefined);
    statements.push(projecting);
  }
  const touched = touchedBy(stored);
  if (touched.customers.length > 0 || touched.callIds.length > 0 || touched.offers.length > 0) {
    // Offer economics and handle time, once this part's calls and departures are written.
    const effect = state.projecting.then(() => writeEffect(client, stored, state));
    state.projecting = effect.catch(() => undefined);
    statements.push(effect);
  }
  await settleAll(statements);
}

/** Each statement text of the effect step, named once (PostgreSQL plans a named statement once per connection). */
const effectNames = new Map<string, string>();
function effectStatementName(text: string): string {
  let name = effectNames.get(text);
  if (name === undefined) {
    name = `hub_effect_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    effectNames.set(text, name);
  }
  return name;
}

/** The customers the batch touches, recomputed (effectProjection.ts) with their buckets locked first. */
async function writeEffect(client: pg.PoolClient, stored: readonly StoredEvent[], state: BatchState): Promise<void> {
  const lock = async (customers: readonly string[]) => {
    if (state.mode !== 'subjects') return;
    const needed = [...new Set(customers.map(customerBucket))].filter((b) => !state.locked.has(b)).sort((a, b) => a - b);
    if (needed.length === 0) return;
    for (const b of needed) state.locked.add(b);
    await client.query({ ...LOCK_BUCKETS, values: [needed] });
  };
  const query = async (text: string, values: unknown[]) => (await client.query({ name: effectStatementName(text), text, values })).rows as unknown[];
  await runEffectStep('postgres', query, effectStep(stored), lock);
}

/**
 * The projections' rows and the report's cells (cells.ts): each touched customer's contribution
 * is read before the rows are written and worked out after, and the difference appended to the
 * pending cells (cellsFold.ts), all in the batch's transaction. The customers are locked first (ingestLocks.ts): those of
 * completed calls and departures were locked with the batch's subjects; an amended call's customer,
 * and the one a call completed again leaves, are known only now, from the calls table.
 */
async function writeProjections(client: pg.PoolClient, departures: readonly DepartureRow[], callIds: readonly string[], state: BatchState): Promise<void> {
  let calls: CallRow[] = [];
  const customers = new Set(departures.map((d) => d.external_id));
  if (callIds.length > 0) {
    const history = client.query<HeldCallEvent>({ ...CALL_HISTORY, values: [callIds] });
    const heldCustomers = client.query<{ external_id: string }>({ ...CUSTOMERS_OF_CALLS, values: [callIds] });
    heldCustomers.catch(() => undefined);
    calls = callRows(callIds, (await history).rows, state.known);
    for (const c of calls) customers.add(c.external_id);
    for (const h of (await heldCustomers).rows) customers.add(h.external_id);
  }
  if (departures.length === 0 && calls.length === 0) return;
  const ids = [...customers];
  let locking: Promise<unknown> | null = null;
  if (state.mode === 'subjects') {
    const needed = [...new Set(ids.map(customerBucket))].filter((b) => !state.locked.has(b)).sort((a, b) => a - b);
    if (needed.length > 0) {
      for (const b of needed) state.locked.add(b);
      locking = client.query({ ...LOCK_BUCKETS, values: [needed] });
      locking.catch(() => undefined);
    }
  }
  const reading = Promise.all([
    client.query<DepartureRow>({ ...CUSTOMER_DEPARTURES, values: [ids] }),
    client.query<CallRow>({ ...CUSTOMER_CALLS, values: [ids] }),
  ]);
  let heldDepartures: pg.QueryResult<DepartureRow>;
  let heldCalls: pg.QueryResult<CallRow>;
  try {
    [heldDepartures, heldCalls] = await reading;
  } catch (error) {
    // A failed lock (a deadlock: the batch runs again) fails the reads behind it too: report the lock's failure.
    if (locking) await locking;
    throw error;
  }
  const before = factsByCustomer(ids, heldDepartures.rows, heldCalls.rows);
  const changed = cellChanges(before, factsAfter(before, departures, calls)).changed();
  const writes: Promise<unknown>[] = [];
  if (departures.length > 0) writes.push(client.query({ ...UPSERT_DEPARTURES, values: columnsOf(departures, DEPARTURE_COLUMNS) }));
  if (calls.length > 0) writes.push(client.query({ ...UPSERT_CALLS, values: columnsOf(calls, CALL_COLUMNS) }));
  if (changed.stated.length > 0) writes.push(client.query({ ...ADD_STATED_CELLS, values: columnsOf<StatedCell>(changed.stated, STATED_CELL_COLUMNS) }));
  if (changed.statedMonths.length > 0) writes.push(client.query({ ...ADD_STATED_MONTH_CELLS, values: columnsOf<StatedMonthCell>(changed.statedMonths, STATED_MONTH_CELL_COLUMNS) }));
  if (changed.diagnosed.length > 0) writes.push(client.query({ ...ADD_DIAGNOSED_CELLS, values: columnsOf<DiagnosedCell>(changed.diagnosed, DIAGNOSED_CELL_COLUMNS) }));
  await settleAll(writes);
}

/**
 * The rows this sender may write (trust.ts): records nobody owns are claimed for it first (the
 * claim waits for a concurrent claim of the same record, and the owners are read afterwards, so
 * the earlier one wins); rows about another token's records are refused, resends of events the
 * hub holds go on as duplicates, and a description of a departed customer that says what the hub
 * holds already is kept.
 */
async function ownRows(client: pg.PoolClient, rows: readonly EventRow[], state: BatchState): Promise<EventRow[]> {
  const keys = new Map<string, { family: string; subject: string; consoleId: string }>();
  for (const r of rows) {
    const family = FAMILY_OF[r.kind];
    const key = `${family}\u0000${r.record}`;
    if (!keys.has(key)) keys.set(key, { family, subject: r.record, consoleId: r.consoleId });
  }
  const list = [...keys.values()];
  const families = list.map((k) => k.family);
  const subjects = list.map((k) => k.subject);
  const claiming = client.query({ ...CLAIM_OWNERS, values: [families, subjects, list.map((k) => k.consoleId), state.sentBy, state.receivedAt] });
  claiming.catch(() => undefined);
  const reading = client.query<OwnerRow>({ ...OWNERS, values: [families, subjects] });
  reading.catch(() => undefined);
  // The claim's own failure (a deadlock between two batches claiming in different orders: the batch
  // runs again) says why; the read queued behind it would only say the transaction was aborted.
  await claiming;
  const owners = await reading;
  const ownerOf = new Map(owners.rows.map((o) => [`${o.family}\u0000${o.subject}`, o]));
  const foreign = rows.filter((r) => {
    const owner = ownerOf.get(`${FAMILY_OF[r.kind]}\u0000${r.record}`);
    return owner !== undefined && owner.owner !== state.sentBy;
  });
  if (foreign.length === 0) return [...rows];
  const facts = foreign.filter((r) => REPEATABLE_FACTS.includes(r.kind));
  const [held, departures, heldFacts] = await Promise.all([
    client.query<{ id: string; content_hash: string }>({ ...HELD_HASHES, values: [foreign.map((r) => r.id)] }),
    client.query<DepartureRow>({ ...HELD_DEPARTURES, values: [foreign.filter((r) => r.kind === 'customer.departed').map((r) => r.subject)] }),
    facts.length === 0
      ? Promise.resolve({ rows: [] as { kind: string; subject: string; payload: string }[] })
      : client.query<{ kind: string; subject: string; payload: string }>({ ...HELD_FACTS, values: [[...new Set(facts.map((r) => r.kind))], facts.map((r) => r.subject)] }),
  ]);
  const heldHash = new Map(held.rows.map((h) => [h.id, h.content_hash]));
  const factOf = new Map(heldFacts.rows.map((f) => [`${f.kind}\u0000${f.subject}`, f.payload]));
  const departureOf = new Map(departures.rows.map((d) => [d.external_id, d]));
  const refused = new Set<string>();
  for (const r of foreign) {
    const hash = heldHash.get(r.id);
    if (hash !== undefined) {
      // A resend of an event the hub holds: the insert skips it and it counts as a duplicate or a clash, as for anyone.
      continue;
    }
    if (r.kind === 'customer.departed' && describesSame(departureOf.get(r.subject), r.payload)) continue;
    // A second desk's grouping, share or return that says what the hub holds: the same fact, kept.
    if (REPEATABLE_FACTS.includes(r.kind) && sameEffectFact(r.kind, factOf.get(`${r.kind}\u0000${r.subject}`), r.payload)) continue;
    const owner = ownerOf.get(`${FAMILY_OF[r.kind]}\u0000${r.record}`);
    if (owner) state.refused.set(r.id, notYours(FAMILY_OF[r.kind], owner));
    refused.add(r.id);
  }
  return rows.filter((r) => !refused.has(r.id));
}

/**
 * Waits for every promise, then fails with the failure that says why (none is left unhandled):
 * once one statement fails (a deadlock, say), every statement queued behind it in the transaction
 * fails with "current transaction is aborted" (25P02), and an earlier part's may come first in the
 * list; the cause decides whether the batch runs again.
 */
async function settleAll(promises: readonly Promise<unknown>[]): Promise<void> {
  const failures = (await Promise.allSettled(promises)).filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  const cause = failures.find((f) => (f.reason as { code?: unknown } | null)?.code !== '25P02') ?? failures[0];
  if (cause) throw cause.reason;
}

/** A deadlock (40P01) or a serialization failure (40001): the transaction can simply run again. */
function retryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/**
 * A batch in one transaction on one connection. Each part is written while the next is being
 * checked; `close(true)` returns once COMMIT has answered (synchronous_commit: durably, unless the
 * operator turned that off). A batch that deadlocked against another runs again whole, with every
 * bucket it needs locked before anything else.
 */
export function postgresBatchWriter(store: PostgresHandles, sender: BatchSender, receivedAt: string, mode: IngestLockMode = 'subjects'): BatchWriter {
  const fresh = (): BatchState => ({ sender, sentBy: sender.name, receivedAt, mode, locked: new Set(), inserted: new Map(), held: new Map(), refused: new Map(), known: new Map(), projecting: Promise.resolve() });
  let state = fresh();
  const parts: EventRow[][] = [];
  let work: Promise<unknown>[] = [];
  const track = <T>(promise: Promise<T>): Promise<T> => {
    // Awaited in close(); until then a failure must not count as unhandled.
    promise.catch(() => undefined);
    work.push(promise);
    return promise;
  };
  const begin = (client: pg.PoolClient) =>
    // One round trip: BEGIN stays in force after the simple query that starts with it.
    track(client.query(mode === 'global' ? `BEGIN; SELECT pg_advisory_xact_lock(${INGEST_LOCK})` : 'BEGIN'));
  const connected = track(
    store.pool.connect().then((client) => {
      void begin(client);
      return client;
    }),
  );
  return {
    write: (rows) => {
      parts.push([...rows]);
      void track(connected.then((client) => writePart(client, rows, state)));
    },
    close: async (commit) => {
      let client: pg.PoolClient;
      try {
        client = await connected;
      } catch (error) {
        if (commit) throw error;
        return { inserted: new Map(), held: new Map(), refused: new Map() };
      }
      let broken: Error | undefined;
      try {
        for (let attempt = 0; ; attempt += 1) {
          try {
            await settleAll(work);
            if (!commit) throw new Error('ingest abandoned');
            await client.query('COMMIT');
            return { inserted: state.inserted, held: state.held, refused: state.refused };
          } catch (error) {
            if (!commit || !retryable(error) || attempt >= DEADLOCK_RETRIES) throw error;
            await client.query('ROLLBACK');
            // The failed attempt also locked (or was locking) its customers' buckets, known only from
            // the calls table (an amended call's customer): taken first too, in one ascending order,
            // the run again cannot deadlock on them the same way.
            const reached = [...state.locked];
            state = fresh();
            work = [];
            void begin(client);
            const all = parts.flat();
            if (mode === 'subjects') {
              const buckets = [...new Set([...lockBuckets(all), ...reached])].sort((a, b) => a - b);
              for (const b of buckets) state.locked.add(b);
              void track(client.query({ ...LOCK_BUCKETS, values: [buckets] }));
            }
            for (const part of parts) void track(writePart(client, part, state));
          }
        }
      } catch (error) {
        // A connection that cannot even roll back is closed rather than given back to the pool.
        broken = await client.query('ROLLBACK').then(
          () => undefined,
          (rollbackError: unknown) => (rollbackError instanceof Error ? rollbackError : new Error('ROLLBACK failed')),
        );
        if (!commit) return { inserted: new Map(), held: new Map(), refused: new Map() };
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}
