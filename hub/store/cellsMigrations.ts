import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { rebuildDailyAndDiagnosedCells, rebuildStatedMonthCells } from './cellsBackfill';
import { PENDING_TABLES } from './cellsFold';

/**
 * The reasons report's cells (cells.ts): created, then built from the departures and calls the
 * store already holds, in the migration's transaction: two set-based statements (cellsBackfill.ts),
 * so the migrator's lock is held for as long as the store takes to read its projections once. Appended after the hub's own steps
 * (hub/store/migrations.ts).
 */
export function cellsMigrations(dialect: 'sqlite' | 'postgres'): Record<string, Migration> {
  const strict = dialect === 'sqlite' ? sql`strict` : sql``;
  const bigint = dialect === 'sqlite' ? 'integer' : 'bigint';
  return {
    cells_001_reasons: {
      async up(db: Kysely<unknown>) {
        // One row per cell; `cell` names its key (JSON of the key's columns), which may hold nulls
        // that a unique index over the columns themselves would not treat as equal.
        await db.schema
          .createTable('cells_stated')
          .addColumn('cell', 'text', (c) => c.primaryKey())
          .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('d', 'c')`))
          .addColumn('cycle', 'text')
          .addColumn('day', 'text')
          .addColumn('segment', 'text')
          .addColumn('product', 'text')
          .addColumn('team', 'text')
          .addColumn('reason_id', 'text')
          .addColumn('category_id', 'text')
          .addColumn('reason_text', 'text')
          .addColumn('departed', bigint, (c) => c.notNull())
          .addColumn('revenue', bigint, (c) => c.notNull())
          .addColumn('calls', bigint, (c) => c.notNull())
          .addColumn('recovered', bigint, (c) => c.notNull())
          .addColumn('recovered_revenue', bigint, (c) => c.notNull())
          .modifyEnd(strict)
          .execute();
        await db.schema
          .createTable('cells_diagnosed')
          .addColumn('cell', 'text', (c) => c.primaryKey())
          .addColumn('cycle', 'text')
          .addColumn('month', 'text', (c) => c.notNull())
          .addColumn('segment', 'text')
          .addColumn('product', 'text')
          .addColumn('team', 'text')
          .addColumn('reason_id', 'text', (c) => c.notNull())
          .addColumn('category_id', 'text')
          .addColumn('firsts', bigint, (c) => c.notNull())
          .addColumn('customers', bigint, (c) => c.notNull())
          .addColumn('revenue', bigint, (c) => c.notNull())
          .addColumn('calls', bigint, (c) => c.notNull())
          .addColumn('recovered', bigint, (c) => c.notNull())
          .addColumn('recovered_revenue', bigint, (c) => c.notNull())
          .modifyEnd(strict)
          .execute();
        await rebuildDailyAndDiagnosedCells(db, dialect);
      },
    },
    cells_002_stated_months: {
      async up(db: Kysely<unknown>) {
        // The stated cells per month: a report over whole months reads these, and the daily
        // cells only for the months a range of days cuts (hub/trendsCells.ts).
        await db.schema
          .createTable('cells_stated_month')
          .addColumn('cell', 'text', (c) => c.primaryKey())
          .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('d', 'c')`))
          .addColumn('cycle', 'text')
          .addColumn('month', 'text')
          .addColumn('segment', 'text')
          .addColumn('product', 'text')
          .addColumn('team', 'text')
          .addColumn('reason_id', 'text')
          .addColumn('category_id', 'text')
          .addColumn('reason_text', 'text')
          .addColumn('departed', bigint, (c) => c.notNull())
          .addColumn('revenue', bigint, (c) => c.notNull())
          .addColumn('calls', bigint, (c) => c.notNull())
          .addColumn('recovered', bigint, (c) => c.notNull())
          .addColumn('recovered_revenue', bigint, (c) => c.notNull())
          .modifyEnd(strict)
          .execute();
        // The days of one month in order, for the months at a range's edges.
        await sql`CREATE INDEX cells_stated_month_days ON cells_stated (side, (substr(day, 1, 7)), day)`.execute(db);
        await rebuildStatedMonthCells(db, dialect);
      },
    },
    cells_003_pending_and_finer_locks: {
      async up(db: Kysely<unknown>) {
        // Cell changes appended by ingest on PostgreSQL, one row each, and folded into the cells off
        // the ingest path (cellsFold.ts): batches about different customers add to the same cells
        // without waiting for each other's row locks. The report adds what is not folded yet.
        for (const [pending, cells] of PENDING_TABLES) {
          await sql`CREATE TABLE ${sql.table(pending)} AS SELECT * FROM ${sql.table(cells)} WHERE 1 = 0`.execute(db);
        }
        // The ingest lock buckets from 1,024 to 262,144 (hub/store/ingestLocks.ts): a missing
        // bucket row would lock nothing, so every one is made here, before any ingest uses it.
        // Only PostgreSQL ingests lock them; SQLite writes one batch at a time.
        if (dialect === 'postgres') await sql`INSERT INTO board_ingest_locks (bucket) SELECT generate_series(1024, 262143)`.execute(db);
      },
    },
  };
}
