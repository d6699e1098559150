import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Db } from '../../db/open';

/**
 * SQLite 3.31.1, the oldest SQLite a console database is written for (Ubuntu 20.04's; Debian 12's
 * shell and Python are 3.40.1): sql.js 1.2.2 is that release compiled to WebAssembly, so a test can
 * run the console's schema in it without any system library. Pinned on purpose: a newer sql.js is
 * a newer SQLite.
 */

type Value = number | string | Uint8Array | null;
type Params = Value[] | Record<string, Value>;

export interface OldSqlite {
  run(sql: string, params?: Params): void;
  exec(sql: string): { columns: string[]; values: Value[][] }[];
  create_function(name: string, fn: (...args: Value[]) => Value): void;
  close(): void;
}

interface SqlJs {
  Database: new () => OldSqlite;
}

const require = createRequire(import.meta.url);

/** A new in-memory database in SQLite 3.31.1. */
export async function openSqlite331(): Promise<OldSqlite> {
  const init = require('sql.js') as (config: { wasmBinary: Uint8Array }) => Promise<SqlJs>;
  // Given the binary: this old build would fetch() it by path under Node, which fails.
  const SQL = await init({ wasmBinary: readFileSync(require.resolve('sql.js/dist/sql-wasm.wasm')) });
  return new SQL.Database();
}

/** The SQLite version a database reports. */
export function versionOf(db: OldSqlite): Value | undefined {
  return db.exec('SELECT sqlite_version()')[0]?.values[0]?.[0];
}

/**
 * A table's CREATE statement as SQLite before 3.37 reads it: without STRICT, which only adds type
 * checks on writes and leaves the file's format as it is.
 */
export function withoutStrict(sql: string): string {
  return sql.replace(/\)\s*(WITHOUT ROWID,\s*)?STRICT$/, (_match, withoutRowid: string | undefined) => (withoutRowid ? ') WITHOUT ROWID' : ')'));
}

/** The schema and rows of `db`, in the order they can be created: tables and their rows, then indexes, then triggers. */
export function schemaOf(db: Db): { type: string; name: string; sql: string }[] {
  return db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
       ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, name`,
    )
    .all() as { type: string; name: string; sql: string }[];
}

/** Copies `from` (schema and rows) into `to`: tables first, then their rows, then indexes and triggers, so no trigger fires. */
export function copyInto(from: Db, to: OldSqlite): void {
  const schema = schemaOf(from);
  for (const s of schema.filter((x) => x.type === 'table')) {
    to.run(withoutStrict(s.sql));
    const rows = from.prepare(`SELECT * FROM "${s.name}"`).raw().all() as Value[][];
    const columns = (from.prepare(`SELECT * FROM "${s.name}"`).columns()).map((c) => `"${c.name}"`);
    for (const row of rows) to.run(`INSERT INTO "${s.name}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, row);
  }
  for (const s of schema.filter((x) => x.type !== 'table')) to.run(s.sql);
}

/** better-sqlite3's parameters (positional values, arrays of them, or one object of named ones) as sql.js takes them. */
export function paramsFor(sql: string, params: unknown[]): Params {
  const [first] = params;
  if (params.length === 1 && first !== null && typeof first === 'object' && !Array.isArray(first) && !(first instanceof Uint8Array)) {
    const named: Record<string, Value> = {};
    for (const [key, value] of Object.entries(first)) {
      const prefix = ['@', ':', '$'].find((p) => sql.includes(`${p}${key}`)) ?? '@';
      named[`${prefix}${key}`] = value as Value;
    }
    return named;
  }
  return params.flat() as Value[];
}
