import type { Person } from '../../../shared/api/session';
import type { Db } from '../../../db/open';
import { prepared } from '../../../db/statements';

/**
 * The Trends reports' answers, kept while the database has not changed: opening Trends again, or
 * going back to a filter already seen, asks for the same reports over the same data, and each one
 * read a report worker's connection and summed tens of thousands of summary cells again (20 to 60 ms
 * each over 100,000 customers, one after another on the worker).
 *
 * Never stale: an answer is kept under the database's version, read on the console's connection
 * before the report is asked for, and is only given for that same version:
 * - `total_changes()` counts every row this connection has inserted, updated or deleted since it
 *   opened, those of triggers included (every write of the console goes through it);
 * - `PRAGMA data_version` changes whenever another connection commits (a `winback` command, another
 *   process), which this connection's own count does not see;
 * - `PRAGMA schema_version` changes with the tables.
 * A write during a report leaves its answer under the old version, which no later ask has. While the
 * connection is inside a transaction nothing is kept or given: its changes are not committed yet,
 * and the report worker reads only what is. A restored backup is a new connection, with a new cache.
 */

/** How many answers are kept per connection: the view's five reports for a handful of filters. */
export const KEPT_ANSWERS = 48;

interface Kept {
  version: string;
  answers: Map<string, Promise<unknown>>;
}

const caches = new WeakMap<Db, Kept>();

/** The database's version as this connection sees it; changes with every write that commits (see above). */
export function dataVersion(db: Db): string {
  const v = prepared(
    db,
    `SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS data,
       (SELECT schema_version FROM pragma_schema_version) AS schema`,
  ).get() as { changes: number; data: number; schema: number };
  return `${v.changes}:${v.data}:${v.schema}`;
}

/**
 * The answer to a report for this person and input: the kept one when the database has not changed
 * since it was made, otherwise made now (by `make`) and kept. Answers are shared between askers:
 * never change one. A failure is not kept.
 */
export function keptAnswer<T>(db: Db, report: string, input: unknown, user: Person | null, make: () => Promise<T> | T): Promise<T> {
  if (db.inTransaction) return Promise.resolve().then(make);
  const version = dataVersion(db);
  let kept = caches.get(db);
  if (!kept || kept.version !== version) {
    kept = { version, answers: new Map() };
    caches.set(db, kept);
  }
  // The person decides the scope (a manager sees every call, others their own) and the language
  // does not enter the figures: the person's id and role are the whole of who asks.
  const key = JSON.stringify([report, user?.id ?? null, user?.role ?? null, input]);
  const hit = kept.answers.get(key);
  if (hit) {
    // Most recently used last, so the oldest is the one let go.
    kept.answers.delete(key);
    kept.answers.set(key, hit);
    return hit as Promise<T>;
  }
  const answers = kept.answers;
  const made = Promise.resolve().then(make);
  answers.set(key, made);
  made.catch(() => {
    if (answers.get(key) === made) answers.delete(key);
  });
  if (answers.size > KEPT_ANSWERS) {
    const oldest = answers.keys().next();
    if (!oldest.done) answers.delete(oldest.value);
  }
  return made;
}
