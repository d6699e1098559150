/**
 * SQL that SQLite 3.31 reads (Ubuntu 20.04's library; Debian 12's shell and Python are 3.40), for the
 * triggers of migration 11. Trigger bodies are stored as written and parsed by whatever opens the
 * file, so they may use nothing newer, where migrations 7, 9 and 10 had:
 *
 * - `UPDATE t AS alias ... FROM ...` (3.33; an alias inside a trigger, newer still): `updateFrom`;
 * - `iif()` (3.32): `iif`, a CASE;
 * - `ON CONFLICT DO UPDATE` without the conflict's columns (3.35): each upsert names its key;
 * - `HAVING` without `GROUP BY` (3.39): a CASE on count(*);
 * - an aggregate's own `ORDER BY` (3.44): `orderedAggregate`.
 *
 * test/unit/migration-011.test.ts runs the schema in SQLite 3.31.1, and test/unit/db-standard-tools.test.ts
 * opens a database in the system's sqlite3 shell and in Python.
 */

/** `iif(condition, then, otherwise)`, which SQLite itself rewrites to this CASE. */
export const iif = (condition: string, then: string, otherwise: string) => `CASE WHEN ${condition} THEN ${then} ELSE ${otherwise} END`;

/**
 * An aggregate over rows in a given order: the rows from an ordered subquery, the way SQLite keeps
 * them for an aggregate other than count, min and max in the one query over it. NULL over no rows
 * (as `HAVING count(*) > 0` made it) when `nullWhenEmpty`.
 */
export function orderedAggregate(o: { aggregate: string; columns: string; from: string; where: string; orderBy: string; nullWhenEmpty?: boolean }): string {
  const value = o.nullWhenEmpty ? `CASE WHEN count(*) > 0 THEN ${o.aggregate} END` : o.aggregate;
  return `(SELECT ${value} FROM (SELECT ${o.columns} FROM ${o.from} WHERE ${o.where} ORDER BY ${o.orderBy}))`;
}

/**
 * `UPDATE table AS t SET column = expression, ... FROM source WHERE t.key = key expression AND ...`,
 * written for SQLite before UPDATE FROM: the rows whose key the source yields, each set from the
 * source row with its key (one subquery per row for all its columns). The same rows get the same
 * values as long as the source yields each key at most once, as every caller's does.
 *
 * `source` is a FROM clause and `where` its condition, neither naming the table; `keys` map the
 * table's key columns (a prefix of an index, so the rows are found through it) to expressions of
 * the source; `set` expressions name the table's own columns as `table.column`.
 */
export function updateFrom(o: { table: string; source: string; where?: string; keys: Record<string, string>; set: Record<string, string> }): string {
  const keys = Object.entries(o.keys);
  const matchesRow = keys.map(([column, value]) => `${o.table}.${column} = ${value}`).join('\n        AND ');
  const where = o.where ?? '1';
  return `UPDATE ${o.table} SET (${Object.keys(o.set).join(', ')}) = (SELECT ${Object.values(o.set).join(',\n        ')}
      FROM ${o.source} WHERE ${where} AND ${matchesRow})
    WHERE (${keys.map(([column]) => column).join(', ')}) IN (SELECT ${keys.map(([, value]) => value).join(', ')} FROM ${o.source} WHERE ${where});`;
}
