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
export const INGEST_LOCK_BUCKETS = 262_144;

/**
 * The buckets the table was first made with (migration board_002). Every batch locks some forty
 * buckets (its customers and calls); among 1,024, nearly any two batches in flight shared one, and
 * under a floor's load the batches queued behind each other as if on one lock. Migration
 * cells_003 adds the rest: with 262,144, two such batches share one about once in 160.
 */
export const FIRST_INGEST_LOCK_BUCKETS = 1024;

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

/**
 * The bucket of a customer. The report's cells hold what each customer contributes, from their
 * departure and all their calls (cells.ts), so a batch that writes a customer's departure or any
 * of their calls locks the customer too: two batches about one customer's calls then add to the
 * cells one after the other, each seeing what the other did.
 */
export function customerBucket(externalId: string): number {
  return fnv1a(`d:${externalId}`) % INGEST_LOCK_BUCKETS;
}

/**
 * The buckets a set of events needs locked, ascending. Calls and customers hash apart by their
 * kind prefix; a completed call locks its customer as well. (An amendment's customer is known only
 * from the calls table: ingestPostgres.ts locks it once it has read it.)
 */
export function lockBuckets(rows: readonly { kind: EventKind; subject: string; payload?: unknown }[]): number[] {
  const buckets = new Set<number>();
  for (const r of rows) {
    if (!PROJECTED.has(r.kind)) continue;
    if (r.kind === 'customer.departed') {
      buckets.add(customerBucket(r.subject));
      continue;
    }
    buckets.add(fnv1a(`c:${r.subject}`) % INGEST_LOCK_BUCKETS);
    const customer = r.kind === 'call.completed' ? (r.payload as { externalId?: unknown } | undefined)?.externalId : undefined;
    if (typeof customer === 'string') buckets.add(customerBucket(customer));
  }
  return [...buckets].sort((a, b) => a - b);
}
