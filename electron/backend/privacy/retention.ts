import type { Db } from '../../../db/open';
import { eraseCustomer } from './erase';

/**
 * Retention by age: customers who departed more than `months` months ago and have had no call in
 * that time lose their personal data the way an erasure removes it (eraseCustomer), one at a time.
 * The dry run only counts them.
 */
export function retentionCandidates(db: Db, months: number, now: Date): number[] {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const day = cutoff.toISOString().slice(0, 10);
  return db
    .prepare(
      `SELECT c.id FROM customers c
       WHERE c.external_id NOT LIKE 'erased-%' AND c.departed_at IS NOT NULL AND c.departed_at < @day
         AND NOT EXISTS (SELECT 1 FROM calls k WHERE k.customer_id = c.id AND k.completed_at >= @day)
         AND NOT EXISTS (SELECT 1 FROM call_drafts d WHERE d.customer_id = c.id)
       ORDER BY c.id`,
    )
    .pluck()
    .all({ day }) as number[];
}

export function applyRetention(db: Db, actor: { id: string; name: string }, months: number, now: Date): { erased: number } {
  const ids = retentionCandidates(db, months, now);
  for (const id of ids) eraseCustomer(db, actor, id, now);
  return { erased: ids.length };
}
