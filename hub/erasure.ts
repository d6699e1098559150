import { sql, type Kysely, type Transaction } from 'kysely';
import { ERASED_HASH_PREFIX, erasedIdFromHash, erasedPayload } from '../shared/domain/erasure';
import type { PermissionChange } from '../shared/sync/permissionsHubApi';
import type { HubStore } from './store/connect';
import type { HubDatabase } from './store/schema';
import { canonicalEnvelope, canonicalJson, sha256Hex } from './canonical';

type Erasure = Extract<PermissionChange, { type: 'erasure' }>;

type Tables = HubDatabase & {
  permissions_changes: { rid: number; uid: string; type: string; body: string; sent_by: string; received_at: string };
  outreach_objections: { external_id: string };
  erasure_state: { key: string; value: string };
};

type Trx = Transaction<Tables>;

/** An erased customer's key as the desks hash it (db/repos/permissions.ts, hashedKey). */
export function hashedKey(value: string): string {
  return `sha256:${sha256Hex(`${ERASED_HASH_PREFIX}${value}`)}`;
}

/** Events whose subject is the customer's id. */
const CUSTOMER_KINDS = ['customer.departed', 'review.completed', 'customer.relost', 'customer.grouped', 'customer.returned'];
const CALL_KINDS = ['call.completed', 'call.amended'];

/**
 * The customer ids the hub holds under each hash the erasures name. The hub keeps ids in plain
 * (its projections join on them), so it hashes each once per batch of erasures: SQL cannot.
 */
async function findCustomers(trx: Trx, erasures: readonly Erasure[]): Promise<Map<string, string>> {
  const wanted = new Set(erasures.map((e) => e.idHash));
  const ids = await sql<{ external_id: string }>`
    SELECT external_id FROM departures WHERE external_id NOT LIKE 'erased-%'
    UNION SELECT external_id FROM calls WHERE external_id NOT LIKE 'erased-%'
    UNION SELECT external_id FROM assignments`.execute(trx);
  const found = new Map<string, string>();
  for (const { external_id: id } of ids.rows) {
    const h = hashedKey(id);
    if (wanted.has(h)) found.set(h, id);
  }
  return found;
}

/** One customer: contact details gone with their assignment, their id anonymous everywhere, their texts erased. */
async function eraseCustomer(trx: Trx, dialect: HubStore['dialect'], externalId: string, erasedAs: string): Promise<void> {
  await trx.deleteFrom('assignments').where('external_id', '=', externalId).execute();
  await trx
    .updateTable('departures')
    .set({ external_id: erasedAs, stated_reason_text: sql<string | null>`CASE WHEN stated_reason_text IS NULL THEN NULL ELSE '(erased)' END` })
    .where('external_id', '=', externalId)
    .execute();
  const callIds = (await trx.selectFrom('calls').select('call_id').where('external_id', '=', externalId).execute()).map((c) => c.call_id);
  await trx.updateTable('calls').set({ external_id: erasedAs }).where('external_id', '=', externalId).execute();
  await trx.updateTable('trust_owners').set({ subject: erasedAs }).where('subject', '=', externalId).execute();
  await trx.updateTable('board_presence').set({ customer_id: erasedAs }).where('customer_id', '=', externalId).execute();
  await trx.updateTable('outreach_objections').set({ external_id: erasedAs }).where('external_id', '=', externalId).execute();
  // The rows offer economics is kept from (hub/store/effectProjection.ts) follow the customer's new id.
  await sql`UPDATE effect_calls SET external_id = ${erasedAs} WHERE external_id = ${externalId}`.execute(trx);
  await sql`UPDATE effect_wins SET external_id = ${erasedAs} WHERE external_id = ${externalId}`.execute(trx);

  const callIdOf = dialect === 'sqlite' ? sql`json_extract(payload, '$.callId')` : sql`(payload::json ->> 'callId')`;
  let query = trx
    .selectFrom('events')
    .select(['rid', 'kind', 'console_id', 'seq', 'occurred_at', 'subject', 'payload'])
    .where((eb) => eb.and([eb('subject', '=', externalId), eb('kind', 'in', CUSTOMER_KINDS)]));
  if (callIds.length > 0) {
    query = trx
      .selectFrom('events')
      .select(['rid', 'kind', 'console_id', 'seq', 'occurred_at', 'subject', 'payload'])
      .where((eb) =>
        eb.or([
          eb.and([eb('subject', '=', externalId), eb('kind', 'in', CUSTOMER_KINDS)]),
          eb.and([eb('subject', 'in', callIds), eb('kind', 'in', CALL_KINDS)]),
          eb.and([eb('kind', '=', 'feedback.recorded'), eb(callIdOf, 'in', callIds)]),
        ]),
      );
  }
  const calls = new Set(callIds);
  for (const e of await query.execute()) {
    const payload = erasedPayload(e.kind, JSON.parse(e.payload) as Record<string, unknown>, externalId, erasedAs, calls);
    if (!payload) continue;
    const payloadText = canonicalJson(payload);
    // The hash a desk's resend of the same (erased) event will match, so it counts as a duplicate.
    const contentHash = sha256Hex(canonicalEnvelope({ consoleId: e.console_id, kind: e.kind, occurredAt: e.occurred_at, seq: Number(e.seq) }, payloadText));
    await trx
      .updateTable('events')
      .set({ payload: payloadText, content_hash: contentHash, subject: e.subject === externalId ? erasedAs : e.subject })
      .where('rid', '=', e.rid)
      .execute();
  }
}

/** Ledger changes the hub relayed with a plain number, address or id of an erased customer: the value becomes its hash. */
async function hashLedgerValues(trx: Trx, erasures: readonly Erasure[]): Promise<void> {
  const hashes = new Set<string>();
  for (const e of erasures) for (const h of [e.idHash, e.phoneHash, e.emailHash]) if (h !== null) hashes.add(h);
  const rows = await trx.selectFrom('permissions_changes').select(['rid', 'body']).where('type', 'in', ['entry', 'list.values']).execute();
  const hashed = (v: string) => {
    if (v.startsWith('sha256:')) return v;
    const h = hashedKey(v);
    return hashes.has(h) ? h : v;
  };
  for (const r of rows) {
    const change = JSON.parse(r.body) as { type: string; value?: string; values?: string[] };
    let changed = false;
    if (change.type === 'entry' && typeof change.value === 'string') {
      const v = hashed(change.value);
      changed = v !== change.value;
      change.value = v;
    } else if (change.type === 'list.values' && Array.isArray(change.values)) {
      const values = change.values.map(hashed);
      changed = values.some((v, i) => v !== change.values?.[i]);
      change.values = values;
    }
    if (changed) await trx.updateTable('permissions_changes').set({ body: JSON.stringify(change) }).where('rid', '=', r.rid).execute();
  }
}

async function applyErasures(trx: Trx, dialect: HubStore['dialect'], erasures: Erasure[], sentBy: string, receivedAt: string): Promise<{ accepted: Erasure[]; erased: number }> {
  const accepted: Erasure[] = [];
  for (const e of erasures) {
    const result = await trx
      .insertInto('permissions_changes')
      .values({ uid: e.uid, type: e.type, body: JSON.stringify(e), sent_by: sentBy, received_at: receivedAt } as never)
      .onConflict((oc) => oc.column('uid').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 1) accepted.push(e);
  }
  if (accepted.length === 0) return { accepted, erased: 0 };
  const found = await findCustomers(trx, accepted);
  for (const e of accepted) {
    const id = found.get(e.idHash);
    if (id !== undefined) await eraseCustomer(trx, dialect, id, erasedIdFromHash(e.idHash));
  }
  await hashLedgerValues(trx, accepted);
  return { accepted, erased: found.size };
}

/**
 * Stores erasures a desk (or a manager at the hub) sent and removes, in the same transaction, the
 * personal data the hub holds of each customer: their assignment with its contact details, their
 * stated reason as written, feedback texts and amendment notes in stored events; their id becomes
 * the anonymous one in every table (reports count them as before); plain numbers, addresses and
 * ids in relayed ledger changes become their hash. Desks pull the erasure like any ledger change
 * and erase the customer on their side.
 *
 * The bytes go too. SQLite: the writes run with secure_delete on, the write-ahead log is truncated
 * after, and a store that has never been vacuumed is vacuumed once (free space from before may
 * hold old copies of rows). PostgreSQL: the rows are rewritten, so no query and no pg_dump finds
 * the old values; the old row versions stay in the server's files until VACUUM reuses the space
 * (run after each erasure), and the server's own WAL archive and base backups are the operator's.
 */
export async function storeErasures(store: HubStore, erasures: Erasure[], sentBy: string, receivedAt: string): Promise<{ accepted: number; erased: number }> {
  if (erasures.length === 0) return { accepted: 0, erased: 0 };
  const db = store.db as unknown as Kysely<Tables>;
  if (store.dialect === 'postgres') {
    const result = await db.transaction().execute((trx) => applyErasures(trx, 'postgres', erasures, sentBy, receivedAt));
    if (result.erased > 0) {
      for (const table of ['assignments', 'departures', 'calls', 'events', 'permissions_changes']) await sql`VACUUM ${sql.table(table)}`.execute(db);
    }
    return { accepted: result.accepted.length, erased: result.erased };
  }
  return db.connection().execute(async (conn) => {
    await sql`PRAGMA secure_delete = ON`.execute(conn);
    try {
      const result = await conn.transaction().execute((trx) => applyErasures(trx, 'sqlite', erasures, sentBy, receivedAt));
      if (result.accepted.length > 0) {
        const vacuumed = await conn.selectFrom('erasure_state').select('value').where('key', '=', 'vacuumed').executeTakeFirst();
        if (!vacuumed) {
          await sql`VACUUM`.execute(conn);
          await conn.insertInto('erasure_state').values({ key: 'vacuumed', value: receivedAt }).execute();
        }
        await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(conn);
      }
      return { accepted: result.accepted.length, erased: result.erased };
    } finally {
      await sql`PRAGMA secure_delete = FAST`.execute(conn);
    }
  });
}
