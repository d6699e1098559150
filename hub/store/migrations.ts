import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { outreachMigrations } from './outreachMigrations';
import { permissionsMigrations } from './permissionsMigrations';
import { cellsMigrations } from './cellsMigrations';
import { keepInTouchMigrations } from './keepInTouchMigrations';
import { effectMigrations } from './effectMigrations';
import { FIRST_INGEST_LOCK_BUCKETS } from './ingestLocks';
import type { HubDialect } from './dialect';

export type { HubDialect };

/**
 * The hub's schema steps. One list for both stores; the few type names that differ come from
 * `types(dialect)`. Forward only: a step that has shipped is never edited. Kysely's migrator takes
 * a lock, so several hub instances starting at once migrate once.
 */
function types(dialect: HubDialect) {
  return dialect === 'sqlite'
    ? ({ bigint: 'integer', real: 'real' } as const)
    : ({ bigint: 'bigint', real: 'double precision' } as const);
}

function strict(dialect: HubDialect) {
  return dialect === 'sqlite' ? sql`strict` : sql``;
}

function hubMigrations(dialect: HubDialect): Record<string, Migration> {
  const t = types(dialect);
  return {
    '001_core': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('agent', 'executive', 'manager')`))
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_used_at', 'text')
          .addColumn('revoked_at', 'text')
          .modifyEnd(strict(dialect))
          .execute();
        // One live token per name: the name is the person assignments are addressed to.
        await db.schema
          .createIndex('tokens_live_name')
          .on('tokens')
          .column('name')
          .unique()
          .where(sql.ref('revoked_at'), 'is', null)
          .execute();

        await db.schema
          .createTable('events')
          .addColumn('rid', dialect === 'sqlite' ? 'integer' : 'bigserial', (c) =>
            dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
          )
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('console_id', 'text', (c) => c.notNull())
          .addColumn('seq', t.bigint, (c) => c.notNull())
          .addColumn('occurred_at', 'text', (c) => c.notNull())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('sent_by', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .modifyEnd(strict(dialect))
          .execute();
        await db.schema.createIndex('events_subject').on('events').columns(['subject', 'kind']).execute();

        await db.schema
          .createTable('departures')
          .addColumn('external_id', 'text', (c) => c.primaryKey())
          .addColumn('cycle', 'text')
          .addColumn('departed_at', 'text')
          .addColumn('stated_reason_text', 'text')
          .addColumn('stated_reason_id', 'text')
          .addColumn('stated_category_id', 'text')
          .addColumn('monthly_revenue', t.real)
          .addColumn('segment', 'text')
          .addColumn('product', 'text')
          .addColumn('frontline_team', 'text')
          .addColumn('event_rid', t.bigint, (c) => c.notNull())
          .modifyEnd(strict(dialect))
          .execute();
        await db.schema.createIndex('departures_cycle').on('departures').column('cycle').execute();

        await db.schema
          .createTable('calls')
          .addColumn('call_id', 'text', (c) => c.primaryKey())
          .addColumn('external_id', 'text', (c) => c.notNull())
          .addColumn('cycle', 'text')
          .addColumn('completed_at', 'text', (c) => c.notNull())
          .addColumn('caller_role', 'text', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('monthly_revenue', t.real)
          .addColumn('segment', 'text')
          .addColumn('product', 'text')
          .addColumn('frontline_team', 'text')
          .addColumn('stated_reason_id', 'text')
          .addColumn('primary_reason_id', 'text')
          .addColumn('primary_category_id', 'text')
          .addColumn('amendments', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('event_rid', t.bigint, (c) => c.notNull())
          .modifyEnd(strict(dialect))
          .execute();
        await db.schema.createIndex('calls_external').on('calls').column('external_id').execute();
        await db.schema.createIndex('calls_cycle').on('calls').column('cycle').execute();

        await db.schema
          .createTable('assignments')
          .addColumn('external_id', 'text', (c) => c.primaryKey())
          .addColumn('person', 'text', (c) => c.notNull())
          .addColumn('customer', 'text', (c) => c.notNull())
          .addColumn('assigned_by', 'text', (c) => c.notNull())
          .addColumn('assigned_at', 'text', (c) => c.notNull())
          .modifyEnd(strict(dialect))
          .execute();
        await db.schema.createIndex('assignments_person').on('assignments').column('person').execute();
      },
    },
    ...outreachMigrations(dialect),
    // The live floor board and the limits several hub instances share (hub/board.ts, hub/limits.ts).
    'board_001_presence_and_limits': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('board_presence')
          .addColumn('person', 'text', (c) => c.notNull())
          .addColumn('console_id', 'text', (c) => c.notNull())
          .addColumn('seq', t.bigint, (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('idle', 'in_call', 'wrap_up', 'paused', 'offline')`))
          .addColumn('stage', 'text')
          .addColumn('customer_id', 'text')
          .addColumn('pause_reason', 'text')
          .addColumn('since', 'text', (c) => c.notNull())
          .addColumn('heard_at', 'text', (c) => c.notNull())
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('utc_offset_minutes', 'integer', (c) => c.notNull())
          .addColumn('calls', 'integer', (c) => c.notNull())
          .addColumn('recovered', 'integer', (c) => c.notNull())
          .addColumn('revenue_back', t.real, (c) => c.notNull())
          .addPrimaryKeyConstraint('board_presence_pk', ['person', 'console_id'])
          .modifyEnd(strict(dialect))
          .execute();

        // Fixed-window counters: per-token request limits and failed sign-ins per address, shared by every instance.
        await db.schema
          .createTable('board_request_counts')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('window_start', t.bigint, (c) => c.notNull())
          .addColumn('count', 'integer', (c) => c.notNull())
          .modifyEnd(strict(dialect))
          .execute();

        await db.schema
          .createTable('board_pause_reasons')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text', (c) => c.notNull())
          .modifyEnd(strict(dialect))
          .execute();
      },
    },
    // The called-vs-control report reads the latest control, group and return event of each subject (hub/effect.ts).
    'effect_001_event_kinds': {
      async up(db: Kysely<unknown>) {
        await db.schema.createIndex('events_kind_subject').on('events').columns(['kind', 'subject', 'rid']).execute();
      },
    },
    // Ingest locks per group of subjects instead of one lock for every batch (hub/store/ingestLocks.ts).
    'board_002_ingest_locks': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('board_ingest_locks')
          .addColumn('bucket', 'integer', (c) => c.primaryKey())
          .modifyEnd(strict(dialect))
          .execute();
        const buckets = Array.from({ length: FIRST_INGEST_LOCK_BUCKETS }, (_, bucket) => ({ bucket }));
        for (let i = 0; i < buckets.length; i += 256) {
          await (db as Kysely<{ board_ingest_locks: { bucket: number } }>).insertInto('board_ingest_locks').values(buckets.slice(i, i + 256)).execute();
        }
      },
    },
    // Every record bound to the token that first sent it (hub/store/trust.ts). Records already held
    // go to the first sender whose live token is not a manager's; a record only managers have
    // touched is claimed by the next desk that sends it.
    trust_001_record_owners: {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('trust_owners')
          .addColumn('family', 'text', (c) => c.notNull())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('console_id', 'text', (c) => c.notNull())
          .addColumn('owned_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('trust_owners_pk', ['family', 'subject'])
          .modifyEnd(strict(dialect))
          .execute();
        // Each review is a record of its own (hub/store/trust.ts, recordOf).
        const reviewId = dialect === 'sqlite' ? sql`json_extract(payload, '$.reviewId')` : sql`(payload::json ->> 'reviewId')`;
        await sql`
          INSERT INTO trust_owners (family, subject, owner, console_id, owned_at)
          SELECT family, subject, sent_by, console_id, received_at FROM (
            SELECT family, subject, sent_by, console_id, received_at,
                   row_number() OVER (PARTITION BY family, subject ORDER BY rid) AS n
            FROM (
              SELECT CASE kind
                       WHEN 'customer.departed' THEN 'departure'
                       WHEN 'call.completed' THEN 'call'
                       WHEN 'call.amended' THEN 'call'
                       WHEN 'feedback.recorded' THEN 'feedback'
                       WHEN 'review.completed' THEN 'review'
                       WHEN 'customer.relost' THEN 'relost'
                       WHEN 'pause.recorded' THEN 'pause'
                       WHEN 'cycle.control' THEN 'control share'
                       WHEN 'customer.grouped' THEN 'group'
                       WHEN 'customer.returned' THEN 'return'
                       ELSE kind
                     END AS family,
                     CASE WHEN kind = 'review.completed' THEN ${reviewId} ELSE subject END AS subject,
                     sent_by, console_id, received_at, rid
              FROM events e
              WHERE NOT EXISTS (SELECT 1 FROM tokens t WHERE t.name = e.sent_by AND t.role = 'manager' AND t.revoked_at IS NULL)
            ) keyed
          ) ranked
          WHERE n = 1
        `.execute(db);
      },
    },
    // The contact-permission ledger's changes, relayed to every desk (hub/permissions.ts).
    ...permissionsMigrations(dialect),
    // The reasons report's cells, built from the projections already held (hub/store/cells.ts).
    ...cellsMigrations(dialect),
    // Unsubscribes recorded before they reached the ledger, copied into it (hub/outreach.ts).
    ...keepInTouchMigrations(dialect),
    // Offer economics and handle time kept at ingest, filled from the events held (hub/store/effectProjection.ts).
    ...effectMigrations(dialect),
  };
}

export async function migrateHub(db: Kysely<unknown>, dialect: HubDialect): Promise<void> {
  const migrations = hubMigrations(dialect);
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };
  // Kysely looks for its own tables in every schema unless told which: on a PostgreSQL server
  // holding other hubs (another schema each), it would find theirs and never create this one's.
  const migrationTableSchema =
    dialect === 'postgres' ? ((await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? undefined) : undefined;
  // Each area's steps carry its own prefix (board_, outreach_, trust_, effect_, ...) and never depend
  // on another area's, so a hub that ran a later-sorting area's step first still takes a new one.
  const { error, results } = await new Migrator({ db, provider, migrationTableSchema, allowUnorderedMigrations: true }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown step';
    const why = error instanceof Error ? error.message : 'unknown error';
    throw new Error(`The hub could not update its store (step ${failed}): ${why}`);
  }
}
