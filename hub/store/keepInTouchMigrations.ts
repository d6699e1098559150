import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { objectionLedgerChange } from './objectionLedger';

/**
 * Unsubscribes recorded before they reached the org-wide ledger: each becomes the ledger entry a
 * new one makes (hub/outreach.ts), so every desk stops emailing those customers too. A hub made
 * after this step has neither table yet when it runs (steps run in name order), and nothing to copy.
 */
export function keepInTouchMigrations(dialect: 'sqlite' | 'postgres'): Record<string, Migration> {
  // In this hub's own schema only: a PostgreSQL server may hold other hubs' tables in theirs.
  const exists = async (db: Kysely<unknown>, table: string) =>
    dialect === 'postgres'
      ? (await sql<{ found: boolean }>`SELECT to_regclass(${table}) IS NOT NULL AS found`.execute(db)).rows[0]?.found === true
      : (await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(db)).rows[0]?.n === 1;
  return {
    keepintouch_001_objections_to_ledger: {
      async up(db: Kysely<unknown>) {
        if (!(await exists(db, 'outreach_objections')) || !(await exists(db, 'permissions_changes'))) return;
        const { rows } = await sql<{ external_id: string; message_id: string; objected_at: string }>`
          SELECT external_id, message_id, objected_at FROM outreach_objections ORDER BY rid`.execute(db);
        for (const o of rows) {
          const change = objectionLedgerChange(o.external_id, o.message_id, o.objected_at);
          await sql`INSERT INTO permissions_changes (uid, type, body, sent_by, received_at)
            VALUES (${change.uid}, ${change.type}, ${JSON.stringify(change)}, ${'unsubscribe link'}, ${o.objected_at})
            ON CONFLICT (uid) DO NOTHING`.execute(db);
        }
      },
    },
  };
}
