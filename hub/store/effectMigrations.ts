import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { EventPayload } from '../../shared/sync/events';
import type { HubDialect } from './dialect';
import { recompute, type EffectStatement } from './effectProjection';
import { kyselyQuery, runEffectStep } from './effectStore';

/** Customers recomputed at a time by the backfill. */
const BACKFILL_CHUNK = 500;

/**
 * The tables offer economics and handle time are kept in at ingest (effectProjection.ts), filled
 * from the events already held: every customer with a call is recomputed, and every offer takes
 * the latest description a playbook change sent.
 */
export function effectMigrations(dialect: HubDialect): Record<string, Migration> {
  const int = dialect === 'sqlite' ? 'integer' : 'bigint';
  const strict = dialect === 'sqlite' ? ' strict' : '';
  return {
    effect_002_money_cells: {
      async up(db: Kysely<unknown>) {
        const tables = [
          `CREATE TABLE effect_calls (
            call_id text PRIMARY KEY, external_id text NOT NULL, cycle_key text NOT NULL, cycle text NOT NULL,
            caller_id text NOT NULL, caller_role text NOT NULL, outcome text NOT NULL, reason_id text NOT NULL, segment text NOT NULL,
            made text NOT NULL, timed ${int} NOT NULL, talk_ms ${int} NOT NULL, wrap_ms ${int} NOT NULL, apologize_ms ${int} NOT NULL,
            listen_ms ${int} NOT NULL, diagnose_ms ${int} NOT NULL, assist_ms ${int} NOT NULL, offer_ms ${int} NOT NULL)${strict}`,
          'CREATE INDEX effect_calls_customer ON effect_calls (external_id)',
          `CREATE TABLE effect_wins (
            external_id text PRIMARY KEY, cycle_key text NOT NULL, cycle text NOT NULL, offer_id text NOT NULL, reason_id text NOT NULL,
            segment text NOT NULL, monthly_cents ${int} NOT NULL, months_paid ${int} NOT NULL)${strict}`,
          `CREATE TABLE effect_offers (offer_id text PRIMARY KEY, name text NOT NULL, cost text NOT NULL, rid ${int} NOT NULL)${strict}`,
          `CREATE TABLE effect_caller_names (
            caller_id text NOT NULL, cycle_key text NOT NULL, cycle text NOT NULL, name text NOT NULL, rid ${int} NOT NULL,
            PRIMARY KEY (caller_id, cycle_key, cycle))${strict}`,
          `CREATE TABLE effect_made_cells (
            cycle_key text NOT NULL, cycle text NOT NULL, offer_id text NOT NULL, reason_id text NOT NULL, segment text NOT NULL, calls ${int} NOT NULL,
            PRIMARY KEY (cycle_key, cycle, offer_id, reason_id, segment))${strict}`,
          `CREATE TABLE effect_won_cells (
            cycle_key text NOT NULL, cycle text NOT NULL, offer_id text NOT NULL, reason_id text NOT NULL, segment text NOT NULL,
            monthly_cents ${int} NOT NULL, months_paid ${int} NOT NULL, customers ${int} NOT NULL,
            PRIMARY KEY (cycle_key, cycle, offer_id, reason_id, segment, monthly_cents, months_paid))${strict}`,
          `CREATE TABLE effect_handle_cells (
            caller_id text NOT NULL, caller_role text NOT NULL, cycle_key text NOT NULL, cycle text NOT NULL, outcome text NOT NULL,
            calls ${int} NOT NULL, talk_ms ${int} NOT NULL, wrap_ms ${int} NOT NULL, apologize_ms ${int} NOT NULL, listen_ms ${int} NOT NULL,
            diagnose_ms ${int} NOT NULL, assist_ms ${int} NOT NULL, offer_ms ${int} NOT NULL,
            PRIMARY KEY (caller_id, caller_role, cycle_key, cycle, outcome))${strict}`,
          `CREATE TABLE effect_untimed_cells (cycle_key text NOT NULL, cycle text NOT NULL, calls ${int} NOT NULL, PRIMARY KEY (cycle_key, cycle))${strict}`,
        ];
        for (const t of tables) await sql.raw(t).execute(db);

        await fillEffectCells(db, dialect);
      },
    },
  };
}

/** Fills the tables from the events held: every offer's latest playbook description, then every customer with a call. */
export async function fillEffectCells(db: Kysely<unknown>, dialect: HubDialect): Promise<void> {
    const query = kyselyQuery(db);
    const definitions = await sql<{ rid: number | string; payload: string }>`SELECT rid, payload FROM events WHERE kind = 'offer.defined' ORDER BY rid`.execute(db);
    const latest = new Map<string, { offer_id: string; name: string; cost: string; rid: number }>();
    for (const d of definitions.rows) {
      const p = JSON.parse(d.payload) as EventPayload<'offer.defined'>;
      latest.set(p.offerId, { offer_id: p.offerId, name: p.name, cost: JSON.stringify(p.cost), rid: Number(d.rid) });
    }
    if (latest.size > 0) {
      await runEffectStep(dialect, query, (function* (): Generator<EffectStatement, void, unknown[]> {
        yield { write: 'describeOffers', rows: [...latest.values()] };
      })());
    }
    const customers = (await sql<{ external_id: string }>`SELECT DISTINCT external_id FROM calls ORDER BY external_id`.execute(db)).rows.map((r) => r.external_id);
    for (let i = 0; i < customers.length; i += BACKFILL_CHUNK) {
      await runEffectStep(dialect, query, recompute(customers.slice(i, i + BACKFILL_CHUNK)));
    }
}
