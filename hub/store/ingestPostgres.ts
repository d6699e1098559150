import type pg from 'pg';
import type { EventRow, StoredBatch } from '../ingest';
import { CALL_COLUMNS, CALL_KINDS, DEPARTURE_COLUMNS, callIdsOf, callRows, departureRows, type HeldCallEvent, type StoredEvent } from '../projections';
import type { HubStore } from './connect';

type PostgresHubStore = Extract<HubStore, { dialect: 'postgres' }>;

/** Any fixed number: ingests take this advisory lock so projections see one order, across hub instances too. */
const INGEST_LOCK = 72_431;

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

const UPSERT_DEPARTURES = upsertFromArrays('hub_ingest_departures_v1', 'departures', DEPARTURE_COLUMNS, DEPARTURE_TYPES, 'external_id');
const UPSERT_CALLS = upsertFromArrays('hub_ingest_calls_v1', 'calls', CALL_COLUMNS, CALL_TYPES, 'call_id');

/** Rows as one array per column, in `columns` order. */
function columnsOf<R>(rows: readonly R[], columns: readonly (keyof R)[]): unknown[][] {
  return columns.map((c) => rows.map((r) => r[c]));
}

async function write(client: pg.PoolClient, rows: readonly EventRow[], sentBy: string, receivedAt: string): Promise<StoredBatch> {
  const inserted = new Map<string, number>();
  const held = new Map<string, string>();
  const result = await client.query<{ id: string; rid: number }>({
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
      sentBy,
      receivedAt,
    ],
  });
  for (const r of result.rows) inserted.set(r.id, Number(r.rid));

  const clashes = rows.filter((r) => !inserted.has(r.id)).map((r) => r.id);
  if (clashes.length > 0) {
    const found = await client.query<{ id: string; content_hash: string }>({ ...HELD_HASHES, values: [clashes] });
    for (const h of found.rows) held.set(h.id, h.content_hash);
  }

  const stored: StoredEvent[] = [];
  for (const r of rows) {
    const rid = inserted.get(r.id);
    if (rid !== undefined) stored.push({ rid, kind: r.kind, payload: r.payload });
  }
  const departures = departureRows(stored);
  if (departures.length > 0) await client.query({ ...UPSERT_DEPARTURES, values: columnsOf(departures, DEPARTURE_COLUMNS) });
  const callIds = callIdsOf(stored);
  if (callIds.length > 0) {
    const history = await client.query<HeldCallEvent>({ ...CALL_HISTORY, values: [callIds] });
    const known = new Map(stored.map((e) => [e.rid, e.payload]));
    const calls = callRows(callIds, history.rows, known);
    if (calls.length > 0) await client.query({ ...UPSERT_CALLS, values: columnsOf(calls, CALL_COLUMNS) });
  }
  return { inserted, held };
}

/**
 * The batch's rows and their projections in one transaction, under the ingest lock; returns once
 * COMMIT has answered (synchronous_commit: durably, unless the operator turned that off).
 */
export async function storeBatchPostgres(store: PostgresHubStore, rows: readonly EventRow[], sentBy: string, receivedAt: string): Promise<StoredBatch> {
  const client = await store.pool.connect();
  let broken: Error | undefined;
  try {
    // One round trip: BEGIN stays in force after the simple query that starts with it.
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${INGEST_LOCK})`);
    const stored = await write(client, rows, sentBy, receivedAt);
    await client.query('COMMIT');
    return stored;
  } catch (error) {
    // A connection that cannot even roll back is closed rather than given back to the pool.
    broken = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: unknown) => (rollbackError instanceof Error ? rollbackError : new Error('ROLLBACK failed')),
    );
    throw error;
  } finally {
    client.release(broken);
  }
}
