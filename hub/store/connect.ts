import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type DatabaseIntrospector, type DialectAdapter } from 'kysely';
import pg from 'pg';
import type { HubDatabase } from './schema';
import { migrateHub, type HubDialect } from './migrations';
import type { BatchWriter } from './batch';
import type { BatchSender } from './trust';
import { sqliteBatchWriter } from './ingestSqlite';
import { postgresBatchWriter, type IngestLockMode } from './ingestPostgres';
import { HubSchemaIntrospector } from './schemaIntrospector';

interface HubStoreBase {
  db: Kysely<HubDatabase>;
  /**
   * For writes that may be lost in a crash without harm (request counters, presence): on
   * PostgreSQL a pool of its own whose commits do not wait for the disk (synchronous_commit off),
   * so the hub does not flush the WAL for every request it counts. The same handle as `db` on SQLite.
   */
  volatile: Kysely<HubDatabase>;
  dialect: HubDialect;
  /** Where the data lives, in words for the operator (never the password). */
  description: string;
  close: () => Promise<void>;
  /** One batch's transaction for ingest, written with this store's own prepared statements. */
  openBatchWriter: (sender: BatchSender, receivedAt: string) => BatchWriter;
}

/**
 * The store, and beside Kysely the driver's own handle: event ingest, the hub's hot path, runs
 * prepared statements on it (hub/store/ingestSqlite.ts, ingestPostgres.ts) instead of compiling
 * a query of hundreds of rows for every batch.
 */
export type HubStore =
  | (HubStoreBase & { dialect: 'sqlite'; sqlite: Database.Database })
  | (HubStoreBase & { dialect: 'postgres'; pool: pg.Pool });

export interface HubStoreOptions {
  /** Folder for the embedded SQLite file; used when no databaseUrl is given. */
  dataDir: string;
  /** PostgreSQL connection string (DATABASE_URL). */
  databaseUrl?: string | undefined;
  /** How PostgreSQL ingests keep projections exact (ingestPostgres.ts); default HUB_INGEST_LOCK, else 'subjects'. */
  ingestLock?: IngestLockMode;
}

export const HUB_DB_FILE = 'hub.db';

// count(*) and sums of bigint columns arrive from PostgreSQL as strings (int8, numeric); the
// hub's numbers stay far below 2^53, so they are read as plain numbers like SQLite gives them.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const toNumber = (value: string): number => Number(value);
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return toNumber;
    return format === 'binary' ? (pg.types.getTypeParser(oid, 'binary') as unknown) : (pg.types.getTypeParser(oid, 'text') as unknown);
  }) as typeof pg.types.getTypeParser,
};

/** Any fixed number: with the schema's hash, the key of the hub's migration lock (two int4 keys: no clash with one-key locks). */
const MIGRATION_LOCK_CLASS = 72_432;

/**
 * Kysely's migrator locks one advisory key for the whole database, so a hub migrating a large
 * store (building its cells, say) would stall every other hub starting on the same database in any
 * schema, such as the hub suite's fixtures. Instances of one hub share a schema: locking the
 * schema's own key still migrates once when several start together, and nothing else waits.
 */
class SchemaMigrationLockAdapter extends PostgresAdapter {
  override async acquireMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK_CLASS)}, hashtext(current_schema()))`.execute(db);
  }

  override async releaseMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_CLASS)}, hashtext(current_schema()))`.execute(db);
  }
}

class HubPostgresDialect extends PostgresDialect {
  override createAdapter(): DialectAdapter {
    return new SchemaMigrationLockAdapter();
  }

  // The migrator's "does this exist" questions, asked of the hub's own schema (schemaIntrospector.ts).
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new HubSchemaIntrospector(db);
  }
}

function safeUrlDescription(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL at ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/**
 * Opens the hub's store and brings its schema up to date: PostgreSQL when a connection string is
 * given, else an embedded SQLite file in the data folder (nothing else to install).
 */
export async function openHubStore(options: HubStoreOptions): Promise<HubStore> {
  if (options.databaseUrl) {
    const ingestLock: IngestLockMode = options.ingestLock ?? (process.env.HUB_INGEST_LOCK === 'global' ? 'global' : 'subjects');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, types: pgTypes });
    // An idle connection dropped by the server (a restart, a failover) is discarded by the pool and
    // the next query reconnects; without a listener Node would treat the event as fatal.
    pool.on('error', () => {});
    const db = new Kysely<HubDatabase>({ dialect: new HubPostgresDialect({ pool }) });
    const volatilePool = new pg.Pool({ connectionString: options.databaseUrl, max: 4, types: pgTypes });
    volatilePool.on('connect', (client) => {
      client.query('SET synchronous_commit TO off').catch(() => undefined);
    });
    volatilePool.on('error', () => {});
    const volatile = new Kysely<HubDatabase>({ dialect: new PostgresDialect({ pool: volatilePool }) });
    try {
      await migrateHub(db as Kysely<unknown>, 'postgres');
    } catch (error) {
      await db.destroy();
      await volatile.destroy();
      throw error;
    }
    return {
      db,
      dialect: 'postgres',
      pool,
      description: safeUrlDescription(options.databaseUrl),
      volatile,
      close: async () => {
        await volatile.destroy();
        await db.destroy();
      },
      openBatchWriter: (sender, receivedAt) => postgresBatchWriter({ pool }, sender, receivedAt, ingestLock),
    };
  }
  const dir = resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, HUB_DB_FILE);
  const sqlite = new Database(file);
  // As on the console: WAL with synchronous=FULL, so an event acknowledged to a console survives
  // a power cut (a console marks it sent on that acknowledgement and never sends it again).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  // Statement journals in memory rather than temporary files: every batch upserts hundreds of rows.
  sqlite.pragma('temp_store = MEMORY');
  // What an update frees inside a page is zeroed while the page is written anyway: an erasure
  // (hub/erasure.ts) finds no older copy of a customer's row left in free space.
  sqlite.pragma('secure_delete = FAST');
  const db = new Kysely<HubDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateHub(db as Kysely<unknown>, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    volatile: db,
    description: `SQLite at ${file}`,
    close: () => db.destroy(),
    openBatchWriter: (sender, receivedAt) => sqliteBatchWriter({ db, sqlite }, sender, receivedAt),
  };
}
