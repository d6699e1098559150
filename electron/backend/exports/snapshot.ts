import Database from 'better-sqlite3';
import type { ExportThread } from './threads';

/** How often the workers try to start their reads between two commits before one reads alone. */
const SNAPSHOT_ATTEMPTS = 5;

/**
 * Puts every export worker's read transaction on one snapshot of the database, so a call saved
 * while a million rows are written appears in all of the export or in none of it, never from the
 * middle of the file on (and a renamed customer has one name throughout).
 *
 * In WAL mode a read transaction sees the database as it was at its first read. Two connections
 * that start reading a moment apart see different states if a commit lands in between, and SQLite's
 * snapshot functions (sqlite3_snapshot_open) are not reachable through better-sqlite3. Keeping a
 * transaction open on a coordinating connection is not enough either: it pins that connection's
 * state (and stops checkpoints from passing it), not what the workers' connections start from. Cutting
 * ranges by keys read first does not help: an update or delete inside a range is still seen by one
 * worker and not by another.
 *
 * So the workers start their reads between two readings of `PRAGMA data_version` on a probe
 * connection, which changes when any other connection has committed since its last reading. The
 * same value before and after means no commit landed while the workers started, so they all see the
 * state as of the first reading. A different value (a commit landed in that millisecond) means try
 * again; should commits keep landing, the first worker reads the whole export alone, which is one
 * snapshot by itself. Returns the workers that share the snapshot, the first always among them.
 */
export async function shareOneSnapshot(
  dbPath: string,
  threads: readonly ExportThread[],
  race: <T>(p: Promise<T>) => Promise<T>,
): Promise<readonly ExportThread[]> {
  const [first] = threads;
  if (!first) throw new Error('An export needs at least one worker.');
  if (threads.length === 1) {
    await race(first.ask({ type: 'begin' }, 'begun'));
    return threads;
  }
  const probe = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    probe.pragma('busy_timeout = 5000');
    const version = () => probe.pragma('data_version', { simple: true }) as number;
    for (let attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt += 1) {
      const before = version();
      await race(Promise.all(threads.map((t) => t.ask({ type: 'begin' }, 'begun'))));
      if (version() === before) return threads;
    }
  } finally {
    probe.close();
  }
  return [first];
}
