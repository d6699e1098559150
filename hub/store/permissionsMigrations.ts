import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The contact-permission ledger at the hub: every change a desk (or a manager at the hub) made,
 * once each by its uid, in the order received. Desks pull them by `rid`. Appended after the hub's
 * own steps (hub/store/migrations.ts).
 */
export function permissionsMigrations(dialect: 'sqlite' | 'postgres'): Record<string, Migration> {
  const strict = dialect === 'sqlite' ? sql`strict` : sql``;
  return {
    permissions_001_ledger: {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('permissions_changes')
          .addColumn('rid', dialect === 'sqlite' ? 'integer' : 'bigserial', (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('uid', 'text', (c) => c.notNull().unique())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('sent_by', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .modifyEnd(strict)
          .execute();
      },
    },
    // What the hub's erasures need to remember (hub/erasure.ts): whether a SQLite store has been vacuumed once.
    erasure_001_state: {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('erasure_state').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).modifyEnd(strict).execute();
      },
    },
  };
}
