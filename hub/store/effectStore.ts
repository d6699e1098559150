import type Database from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import { CALL_KINDS } from './projections';
import { CELL_TABLES, EFFECT_CALL_COLUMNS, EFFECT_WIN_COLUMNS, NUMERIC_COLUMNS, type CellTable, type EffectStatement, type EffectStep } from './effectProjection';
import type { HubDialect } from './dialect';

/**
 * The statements of the offer-economics and handle-time step (effectProjection.ts) on each store,
 * and the drivers that run the step: synchronously in the SQLite writer's transaction, or on an
 * asynchronous connection (the PostgreSQL writer's, the migration's). Lists and rows travel as one
 * parameter each (a JSON text on SQLite, an array or JSON on PostgreSQL), so every statement has a
 * fixed text and is prepared once.
 */
const CUSTOMER_KINDS = ['customer.returned', 'customer.relost'];
const quoted = (kinds: readonly string[]) => kinds.map((k) => `'${k}'`).join(', ');

function inList(dialect: HubDialect, column: string): string {
  return dialect === 'sqlite' ? `${column} IN (SELECT value FROM json_each(?))` : `${column} = ANY($1::text[])`;
}

/** Rows given as one JSON array of objects, as a SELECT of the columns in order. */
function fromJson(dialect: HubDialect, columns: readonly string[]): string {
  return dialect === 'sqlite'
    ? `SELECT ${columns.map((c) => `json_extract(value, '$.${c}')`).join(', ')} FROM json_each(?) WHERE true`
    : `SELECT ${columns.join(', ')} FROM json_to_recordset($1::json) AS r(${columns.map((c) => `${c} ${NUMERIC_COLUMNS.has(c) ? 'bigint' : 'text'}`).join(', ')})`;
}

function addingTo(dialect: HubDialect, cells: CellTable): string {
  const columns = [...cells.keys, ...cells.sums];
  return `INSERT INTO ${cells.table} (${columns.join(', ')}) ${fromJson(dialect, columns)}
ON CONFLICT (${cells.keys.join(', ')}) DO UPDATE SET ${cells.sums.map((s) => `${s} = ${cells.table}.${s} + excluded.${s}`).join(', ')}`;
}

/** Later descriptions win; an older one arriving late changes nothing. */
function latestWins(dialect: HubDialect, table: string, keys: readonly string[], values: readonly string[]): string {
  const columns = [...keys, ...values];
  return `INSERT INTO ${table} (${columns.join(', ')}) ${fromJson(dialect, columns)}
ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${values.map((v) => `${v} = excluded.${v}`).join(', ')} WHERE excluded.rid > ${table}.rid`;
}

export type EffectQuery = Exclude<EffectStatement, { lock: readonly string[] }>;

export function statementText(dialect: HubDialect, s: EffectQuery): string {
  if ('read' in s) {
    switch (s.read) {
      case 'effectCallsOfCalls':
        return `SELECT external_id FROM effect_calls WHERE ${inList(dialect, 'call_id')}`;
      case 'customersOfCalls':
        return `SELECT external_id FROM calls WHERE ${inList(dialect, 'call_id')}`;
      case 'effectCallsOf':
        return `SELECT * FROM effect_calls WHERE ${inList(dialect, 'external_id')}`;
      case 'winsOf':
        return `SELECT * FROM effect_wins WHERE ${inList(dialect, 'external_id')}`;
      case 'callEventsOf':
        return `SELECT e.rid, e.kind, e.subject, e.payload FROM calls c JOIN events e ON e.subject = c.call_id AND e.kind IN (${quoted(CALL_KINDS)})
          WHERE ${inList(dialect, 'c.external_id')}`;
      case 'departuresOf':
        return `SELECT external_id, segment, monthly_revenue FROM departures WHERE ${inList(dialect, 'external_id')}`;
      case 'customerEventsOf':
        return `SELECT rid, kind, subject, payload FROM events WHERE kind IN (${quoted(CUSTOMER_KINDS)}) AND ${inList(dialect, 'subject')}`;
    }
  }
  switch (s.write) {
    case 'deleteEffectCalls':
      return `DELETE FROM effect_calls WHERE ${inList(dialect, 'call_id')}`;
    case 'deleteWins':
      return `DELETE FROM effect_wins WHERE ${inList(dialect, 'external_id')}`;
    case 'insertEffectCalls':
      return `INSERT INTO effect_calls (${EFFECT_CALL_COLUMNS.join(', ')}) ${fromJson(dialect, EFFECT_CALL_COLUMNS)}`;
    case 'insertWins':
      return `INSERT INTO effect_wins (${EFFECT_WIN_COLUMNS.join(', ')}) ${fromJson(dialect, EFFECT_WIN_COLUMNS)}`;
    case 'addCells':
      return addingTo(dialect, s.cells);
    case 'describeOffers':
      return latestWins(dialect, 'effect_offers', ['offer_id'], ['name', 'cost', 'rid']);
    case 'nameCallers':
      return latestWins(dialect, 'effect_caller_names', ['caller_id', 'cycle_key', 'cycle'], ['name', 'rid']);
  }
}

function parameterOf(dialect: HubDialect, s: EffectQuery): unknown {
  if ('ids' in s) return dialect === 'sqlite' ? JSON.stringify(s.ids) : s.ids;
  return JSON.stringify(s.rows);
}

const preparedBy = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Runs the step in the SQLite writer's transaction. */
export function runEffectStepSync(sqlite: Database.Database, step: EffectStep): void {
  let cache = preparedBy.get(sqlite);
  if (!cache) {
    cache = new Map();
    preparedBy.set(sqlite, cache);
  }
  let next = step.next();
  while (!next.done) {
    const s = next.value;
    // One writer at a time on SQLite: nothing to lock.
    if ('lock' in s) {
      next = step.next([]);
      continue;
    }
    const text = statementText('sqlite', s);
    let stmt = cache.get(text);
    if (!stmt) {
      stmt = sqlite.prepare(text);
      cache.set(text, stmt);
    }
    const param = parameterOf('sqlite', s);
    if ('read' in s) next = step.next(stmt.all(param));
    else {
      stmt.run(param);
      next = step.next([]);
    }
  }
}

/**
 * Runs the step on an asynchronous connection; `query` runs one statement's text with its
 * parameters, `lock` (where writers run side by side) locks customers before they are read.
 */
export async function runEffectStep(
  dialect: HubDialect,
  query: (text: string, params: unknown[]) => Promise<unknown[]>,
  step: EffectStep,
  lock?: (customers: readonly string[]) => Promise<void>,
): Promise<void> {
  let next = step.next();
  while (!next.done) {
    const s = next.value;
    if ('lock' in s) {
      await lock?.(s.lock);
      next = step.next([]);
      continue;
    }
    next = step.next(await query(statementText(dialect, s), [parameterOf(dialect, s)]));
  }
}

/** The same on a Kysely connection (the migration's backfill). */
export function kyselyQuery(db: Kysely<unknown>): (text: string, params: unknown[]) => Promise<unknown[]> {
  return async (text, params) => (await db.executeQuery(CompiledQuery.raw(text, params))).rows;
}

/** Every table the step keeps, for a rebuild and for tests. */
export const EFFECT_TABLES = ['effect_calls', 'effect_wins', 'effect_offers', 'effect_caller_names', ...CELL_TABLES.map((c) => c.table)] as const;
