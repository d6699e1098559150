import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The hub's outreach tables: the key that signs unsubscribe links, and the objections recorded
 * by following one. Appended after the hub's own steps (hub/store/migrations.ts).
 */
export function outreachMigrations(dialect: 'sqlite' | 'postgres'): Record<string, Migration> {
  const strict = dialect === 'sqlite' ? sql`strict` : sql``;
  return {
    outreach_001_unsubscribe: {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('outreach_keys')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('secret', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .modifyEnd(strict)
          .execute();
        await db.schema
          .createTable('outreach_objections')
          .addColumn('rid', dialect === 'sqlite' ? 'integer' : 'bigserial', (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('external_id', 'text', (c) => c.notNull())
          .addColumn('message_id', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email')`))
          .addColumn('objected_at', 'text', (c) => c.notNull())
          .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('one-click', 'page')`))
          .modifyEnd(strict)
          .execute();
        // One objection per message: following the link again, or a mail filter posting it twice, records nothing new.
        await db.schema.createIndex('outreach_objections_message').on('outreach_objections').columns(['external_id', 'message_id', 'channel']).unique().execute();
      },
    },
  };
}
