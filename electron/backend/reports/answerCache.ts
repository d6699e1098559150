import type { Person } from '../../../shared/api/session';
import type { Db } from '../../../db/open';
import { prepared } from '../../../db/statements';

/**
 * The Trends reports' answers, kept while what they read has not changed: opening Trends again, or
 * going back to a filter already seen, asks for the same reports over the same data, and each one
 * read a report worker's connection and summed tens of thousands of summary cells again (20 to 60 ms
 * each over 100,000 customers, one after another on the worker).
 *
 * Never stale: an answer is kept under a version of what the reports read, taken on the console's
 * connection before the report is asked for, and is only given for that same version:
 * - triggers of this connection (TEMP: nothing in the file changes) count the writes to the tables
 *   the reports read, the summaries and the names they show (REPORT_TABLES). Not every write: the
 *   desk's presence is written every five seconds and the queue on each page of it, and counting
 *   those kept no answer for longer than that. The summaries are written by the file's own
 *   triggers from every call, reason and customer, in the same statement, so those writes count;
 * - `PRAGMA data_version` changes whenever another connection commits (a `winback` command, another
 *   process), whose writes this connection's triggers do not see;
 * - `PRAGMA schema_version` changes with the tables.
 * A write during a report leaves its answer under the old version, which no later ask has. While the
 * connection is inside a transaction nothing is kept or given: its changes are not committed yet,
 * and the report worker reads only what is. A restored backup is a new connection, with a new cache.
 * Where the triggers cannot be made (a read-only connection), every report is made afresh.
 */

/** How many answers are kept per connection: the view's five reports for a handful of filters. */
export const KEPT_ANSWERS = 48;

/** Every table a report reads (db/repos/reports*.ts, cycles.ts): a write to any of them is a new version. */
export const REPORT_TABLES = [
  'customer_facts',
  'call_facts',
  'stated_reason_cells',
  'diagnosed_reason_cells',
  'recovery_cells',
  'offer_cells',
  'agreement_cells',
  'reasons',
  'reason_categories',
  'offers',
  'people',
  'cycles',
] as const;

interface Kept {
  version: string;
  answers: Map<string, Promise<unknown>>;
}

const caches = new WeakMap<Db, Kept>();
/** The schema version each connection's triggers were made for. */
const counted = new WeakMap<Db, number>();

/**
 * The write counter and its triggers on this connection. A trigger counts only the first write after
 * the version was last read (`seen`): one write is enough to change it, and a bulk import's hundred
 * thousand rows then pay a comparison each rather than an update.
 */
function countWrites(db: Db): boolean {
  const schema = db.pragma('schema_version', { simple: true }) as number;
  if (counted.get(db) === schema) return true;
  try {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS report_data_version (n INTEGER NOT NULL, seen INTEGER NOT NULL);
      INSERT INTO temp.report_data_version (n, seen) SELECT 0, 0 WHERE NOT EXISTS (SELECT 1 FROM temp.report_data_version);`);
    for (const table of REPORT_TABLES) {
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
        db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS report_data_version_${table}_${op.toLowerCase()} AFTER ${op} ON main.${table}
          WHEN (SELECT seen FROM temp.report_data_version) BEGIN UPDATE temp.report_data_version SET n = n + 1, seen = 0; END`);
      }
    }
    // Any writes before the triggers existed are before the first version read below.
    db.exec('UPDATE temp.report_data_version SET n = n + 1');
  } catch {
    return false;
  }
  counted.set(db, schema);
  return true;
}

/** The version of what the reports read, as this connection sees it (see above); null when it cannot be told. */
export function dataVersion(db: Db): string | null {
  if (!countWrites(db)) return null;
  const writes = prepared(db, 'UPDATE temp.report_data_version SET seen = 1 RETURNING n').get() as { n: number };
  const v = prepared(db, 'SELECT (SELECT data_version FROM pragma_data_version) AS data, (SELECT schema_version FROM pragma_schema_version) AS schema').get() as {
    data: number;
    schema: number;
  };
  return `${writes.n}:${v.data}:${v.schema}`;
}

/**
 * The answer to a report for this person and input: the kept one when the database has not changed
 * since it was made, otherwise made now (by `make`) and kept. Answers are shared between askers:
 * never change one. A failure is not kept.
 */
export function keptAnswer<T>(db: Db, report: string, input: unknown, user: Person | null, make: () => Promise<T> | T): Promise<T> {
  const version = db.inTransaction ? null : dataVersion(db);
  if (version === null) return Promise.resolve().then(make);
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
