import { sql, type Kysely } from 'kysely';
import { DIAGNOSED_CELL_COLUMNS, DIAGNOSED_SUMS, STATED_CELL_COLUMNS, STATED_MONTH_CELL_COLUMNS, STATED_SUMS, addingOnConflict } from './cells';
import type { HubDialect } from './dialect';
import type { HubDatabase } from './schema';

/**
 * On PostgreSQL a batch does not add to the report's cells itself: every batch of a busy floor
 * changes the same few cells (today's, for the same teams and reasons), and PostgreSQL holds a
 * changed row's lock until the batch commits, so batches about different customers queued on those
 * rows one behind the other. Instead a batch appends its changes as rows of their own to a pending
 * table (no row another batch writes), and the fold below moves them into the cells in one
 * transaction, off the ingest path. The report reads cells and pending rows in one statement, so it
 * sees every change exactly once, folded or not. SQLite writes one batch at a time anyway and adds
 * to the cells directly; its pending tables stay empty.
 */

/** Each pending table with the cells it folds into. */
export const PENDING_TABLES = [
  ['cells_stated_pending', 'cells_stated'],
  ['cells_stated_month_pending', 'cells_stated_month'],
  ['cells_diagnosed_pending', 'cells_diagnosed'],
] as const;

export type CellsTable = (typeof PENDING_TABLES)[number][1];

export const CELL_COLUMNS: Record<CellsTable, readonly string[]> = {
  cells_stated: STATED_CELL_COLUMNS,
  cells_stated_month: STATED_MONTH_CELL_COLUMNS,
  cells_diagnosed: DIAGNOSED_CELL_COLUMNS,
};

const SUMS: Record<CellsTable, readonly string[]> = {
  cells_stated: STATED_SUMS,
  cells_stated_month: STATED_SUMS,
  cells_diagnosed: DIAGNOSED_SUMS,
};

/** Any fixed number: the fold's advisory lock, so of several hub instances one folds at a time. */
const FOLD_LOCK = 72_432;

/** How often a PostgreSQL hub folds pending changes into the cells. */
export const FOLD_EVERY_MS = 1_000;

/**
 * Moves every committed pending change into its cell: deleted from the pending table and added to
 * the cell in one statement per table, in one transaction, so a report sees each change either
 * pending or folded, never both or neither. Changes committed while it runs stay for the next fold.
 * Returns the pending rows moved (0 when another instance is folding).
 */
export async function foldPendingCells(store: { dialect: HubDialect; db: Kysely<HubDatabase> }): Promise<number> {
  if (store.dialect !== 'postgres') return 0;
  return store.db.transaction().execute(async (trx) => {
    const locked = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS locked`.execute(trx);
    if (!locked.rows[0]?.locked) return 0;
    let moved = 0;
    for (const [pending, cells] of PENDING_TABLES) {
      const columns = CELL_COLUMNS[cells];
      const keys = columns.filter((c) => !SUMS[cells].includes(c));
      const result = await sql<{ n: string }>`
        WITH moved AS (DELETE FROM ${sql.table(pending)} RETURNING *),
        added AS (
          INSERT INTO ${sql.table(cells)} (${sql.join(columns.map((c) => sql.ref(c)))})
          SELECT ${sql.join(keys.map((c) => sql.ref(c)))}, ${sql.join(SUMS[cells].map((c) => sql`sum(${sql.ref(c)})`))}
          FROM moved GROUP BY ${sql.join(keys.map((c) => sql.ref(c)))}
          ORDER BY ${sql.ref('cell')}
          ${sql.raw(addingOnConflict(cells))}
        )
        SELECT count(*) AS n FROM moved`.execute(trx);
      moved += Number(result.rows[0]?.n ?? 0);
    }
    return moved;
  });
}

/** The cells and their not yet folded changes, as one table for the report to read. */
export function cellsWithPending(cells: CellsTable): string {
  const pending = PENDING_TABLES.find(([, c]) => c === cells)?.[0] ?? '';
  const columns = CELL_COLUMNS[cells].join(', ');
  return `(SELECT ${columns} FROM ${cells} UNION ALL SELECT ${columns} FROM ${pending})`;
}

/**
 * The diagnosed cells with their pending changes added cell by cell: the report names a reason by
 * the category of its cells that have calls, which needs each cell's whole count, not a cell's
 * rows apart (a pending change may take a cell's calls to none). The few pending rows are summed
 * per cell and joined to the cells by key, so the cells are read once, as without pending rows.
 */
export function diagnosedCellsWithPending(): string {
  const keys = DIAGNOSED_CELL_COLUMNS.filter((c) => !(DIAGNOSED_SUMS as readonly string[]).includes(c));
  const columns = [
    ...keys.map((k) => `coalesce(c.${k}, p.${k}) AS ${k}`),
    ...DIAGNOSED_SUMS.map((k) => `coalesce(c.${k}, 0) + coalesce(p.${k}, 0) AS ${k}`),
  ];
  return `(SELECT ${columns.join(', ')} FROM cells_diagnosed c
FULL JOIN (SELECT ${keys.join(', ')}, ${DIAGNOSED_SUMS.map((k) => `sum(${k}) AS ${k}`).join(', ')} FROM cells_diagnosed_pending GROUP BY ${keys.join(', ')}) p ON p.cell = c.cell)`;
}
