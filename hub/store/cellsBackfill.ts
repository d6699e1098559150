import { sql, type Kysely } from 'kysely';
import { CellChanges, DIAGNOSED_CELL_COLUMNS, STATED_CELL_COLUMNS, factsByCustomer, type DiagnosedCell, type StatedCell } from './cells';
import type { HubDatabase } from './schema';

/** Customers read per step: a step holds their departures and calls in memory, nothing more. */
const CUSTOMERS_PER_STEP = 20_000;
/** Rows per insert: 15 columns each stays far below SQLite's limit on bound values. */
const CELLS_PER_INSERT = 500;

/**
 * Builds the cells again from the projections, with the same code ingest adds to them with
 * (cells.ts), so a store migrated with departures and calls in it starts exact. Customers are read
 * in order of external id, a step of them at a time, from the departures' key and the calls'
 * external-id index; the cells are summed in memory (they are few) and written at the end.
 */
export async function rebuildReasonCells(db: Kysely<HubDatabase>): Promise<{ customers: number; statedCells: number; diagnosedCells: number }> {
  await db.deleteFrom('cells_stated').execute();
  await db.deleteFrom('cells_diagnosed').execute();
  const cells = new CellChanges();
  let after: string | null = null;
  let customers = 0;
  for (;;) {
    // The step ends at the CUSTOMERS_PER_STEP-th next id of either table, whichever comes first in
    // the store's own order of text (its collation, which JavaScript's order need not match).
    const nth = (table: 'departures' | 'calls') =>
      sql`(SELECT external_id FROM ${sql.table(table)} WHERE ${after === null ? sql`true` : sql`external_id > ${after}`} ORDER BY external_id LIMIT 1 OFFSET ${CUSTOMERS_PER_STEP - 1})`;
    const bound = await sql<{ up_to: string | null }>`SELECT min(id) AS up_to FROM (SELECT ${nth('departures')} AS id UNION ALL SELECT ${nth('calls')} AS id) ends`.execute(db);
    const upTo = bound.rows[0]?.up_to ?? null;
    const [departures, calls] = await Promise.all([
      db
        .selectFrom('departures')
        .selectAll()
        .$if(after !== null, (q) => q.where('external_id', '>', after ?? ''))
        .$if(upTo !== null, (q) => q.where('external_id', '<=', upTo ?? ''))
        .execute(),
      db
        .selectFrom('calls')
        .selectAll()
        .$if(after !== null, (q) => q.where('external_id', '>', after ?? ''))
        .$if(upTo !== null, (q) => q.where('external_id', '<=', upTo ?? ''))
        .execute(),
    ]);
    const ids = new Set<string>([...departures.map((d) => d.external_id), ...calls.map((c) => c.external_id)]);
    for (const facts of factsByCustomer(ids, departures, calls).values()) cells.add(facts, 1);
    customers += ids.size;
    if (upTo === null) break;
    after = upTo;
  }
  const { stated, diagnosed } = cells.changed();
  await insertAll(db, 'cells_stated', stated, STATED_CELL_COLUMNS);
  await insertAll(db, 'cells_diagnosed', diagnosed, DIAGNOSED_CELL_COLUMNS);
  return { customers, statedCells: stated.length, diagnosedCells: diagnosed.length };
}

async function insertAll<T extends StatedCell | DiagnosedCell>(db: Kysely<HubDatabase>, table: 'cells_stated' | 'cells_diagnosed', rows: readonly T[], columns: readonly (keyof T & string)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CELLS_PER_INSERT) {
    const part = rows.slice(i, i + CELLS_PER_INSERT).map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])));
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES ${sql.join(
      part.map((r) => sql`(${sql.join(columns.map((c) => r[c]))})`),
    )}`.execute(db);
  }
}
