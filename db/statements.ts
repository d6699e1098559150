import type Database from 'better-sqlite3';
import type { Db } from './open';

type Statement = Database.Statement<unknown[], unknown>;

/**
 * Prepared statements kept per connection and SQL text. Preparing costs tens of microseconds for a
 * query with joins; the hot paths (every dispatch reads the session, every queue page runs three or
 * four queries) would otherwise spend more on preparing than on running. SQLite re-prepares a kept
 * statement by itself after a schema change, and a closed connection takes its cache with it (the
 * map is weak on the connection).
 *
 * A kept statement is shared: never change its mode (`pluck`, `raw`, `expand`) after taking it. Use
 * `preparedValue` for a query whose rows are one value each.
 *
 * Keeping a statement only pays if SQLite keeps its plan. In a join, a WHERE term `column = ?` on a
 * bare parameter makes SQLite plan the statement again every time a value is bound (the constant
 * propagation across joined tables depends on it): the customer lookup of the call screen cost as
 * much as preparing it, 0.15 to 0.3 ms. Write `column = +?` there: the same comparison, the same
 * index, planned once (single-table statements are not affected).
 */
const caches = new WeakMap<Db, Map<string, Statement>>();

/** Generous for the few dozen shapes of SQL the console builds; a bound, so a bug cannot grow it forever. */
const MAX_PER_CONNECTION = 500;

function cached(db: Db, key: string, make: () => Statement): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(key);
  if (!statement) {
    statement = make();
    if (cache.size >= MAX_PER_CONNECTION) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(key, statement);
  }
  return statement;
}

/** The statement for `sql` on this connection, prepared the first time it is asked for. */
export function prepared(db: Db, sql: string): Statement {
  return cached(db, `rows:${sql}`, () => db.prepare(sql));
}

/** As `prepared`, returning the first column's value instead of a row object. */
export function preparedValue(db: Db, sql: string): Statement {
  return cached(db, `value:${sql}`, () => db.prepare(sql).pluck(true));
}

/**
 * An INSERT of many rows, `rowsPerStatement` rows to a statement: for an import of 100,000
 * customers and their events, a third less time per row than one statement each (measured: the
 * call into SQLite, the statement's start and end, and its statement journal are paid once for the
 * whole group). Rows wait until a group is full or `flush` is called, so flush before anything
 * reads the table or depends on the order of its rows. `head` is `INSERT INTO t (a, b, ...)`.
 */
export function batchedInsert(
  db: Db,
  head: string,
  columns: number,
  rowsPerStatement = 32,
): { add: (values: readonly unknown[]) => void; flush: () => void } {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  const many = db.prepare(`${head} VALUES ${Array.from({ length: rowsPerStatement }, () => row).join(', ')}`);
  const one = db.prepare(`${head} VALUES ${row}`);
  let pending: unknown[] = [];
  let rows = 0;
  return {
    add: (values) => {
      if (values.length !== columns) throw new Error(`A row of ${values.length} values for ${columns} columns.`);
      for (const v of values) pending.push(v);
      rows += 1;
      if (rows === rowsPerStatement) {
        many.run(pending);
        pending = [];
        rows = 0;
      }
    },
    flush: () => {
      for (let i = 0; i < rows; i += 1) one.run(pending.slice(i * columns, (i + 1) * columns));
      pending = [];
      rows = 0;
    },
  };
}

/** As `prepared`, returning each row as an array of its values (reports that read many rows). */
export function preparedRaw(db: Db, sql: string): Statement {
  return cached(db, `raw:${sql}`, () => db.prepare(sql).raw(true));
}

/**
 * A write that must change exactly one row says so, the way Signal's repositories assert
 * `result.changes === 1`: an update that found no row (a stale id, a row in another state) fails
 * loudly inside its transaction, which rolls everything back, instead of reporting success.
 */
export function expectOneRow(result: Database.RunResult, what: string): void {
  if (result.changes !== 1) throw new Error(`${what}: expected to change 1 row, changed ${result.changes}`);
}
