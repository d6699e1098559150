import type { EventKind } from '../../shared/sync/events';

/**
 * What a PostgreSQL ingest locks so projections stay exact without one lock for every batch.
 *
 * A projection row is folded from every event of its subject (a call from its completion and
 * amendments, a departure from the latest description), in receive order (rid). Two batches that
 * touch the same subject must therefore not interleave: the second must see the first's events,
 * and get the higher rids. Each batch locks the subjects it projects before inserting their events,
 * so batches about different customers and calls run side by side, and those about the same one
 * run one after the other.
 *
 * Subjects are locked as rows of a fixed table of buckets (a hash of the subject), not as advisory
 * locks: a batch of 2,000 subjects would otherwise take 2,000 entries of PostgreSQL's shared lock
 * table (64 per connection by default) and fail with "out of shared memory" when a few arrive
 * together. Row locks live in the rows themselves. Two subjects in one bucket merely wait for each
 * other. Buckets are locked in ascending order within a statement; a batch that arrives in parts
 * locks part by part, and two such batches may deadlock: PostgreSQL then aborts one, and its
 * writer runs it again with every bucket locked up front (ingestPostgres.ts).
 */
export const INGEST_LOCK_BUCKETS = 1024;

/** The event kinds a projection folds; others need no lock (their insert is idempotent on its own). */
const PROJECTED: ReadonlySet<EventKind> = new Set(['customer.departed', 'call.completed', 'call.amended']);

/** FNV-1a over UTF-16 code units: stable, fast, and the same for a subject in every hub process. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The buckets a set of events needs locked, ascending. Calls and customers hash apart by their kind prefix. */
export function lockBuckets(rows: readonly { kind: EventKind; subject: string }[]): number[] {
  const buckets = new Set<number>();
  for (const r of rows) {
    if (!PROJECTED.has(r.kind)) continue;
    const family = r.kind === 'customer.departed' ? 'd' : 'c';
    buckets.add(fnv1a(`${family}:${r.subject}`) % INGEST_LOCK_BUCKETS);
  }
  return [...buckets].sort((a, b) => a - b);
}
