import type { Db } from '../open';
import { normalizeReasonText } from '../../shared/domain/taxonomy';

export interface UnmappedText {
  /** As written in the export (the most common spelling when several normalise the same). */
  text: string;
  customers: number;
  revenue: number;
}

/** Stated reasons that map to no reason yet, grouped the way the phrase table would match them. */
export function listUnmappedTexts(db: Db): UnmappedText[] {
  const rows = db
    .prepare(
      `SELECT stated_reason_text AS text, count(*) AS customers, coalesce(sum(monthly_revenue), 0) AS revenue
       FROM customers WHERE stated_reason_id IS NULL AND stated_reason_text IS NOT NULL
       GROUP BY stated_reason_text`,
    )
    .all() as UnmappedText[];
  const grouped = new Map<string, UnmappedText & { top: number }>();
  for (const r of rows) {
    const key = normalizeReasonText(r.text);
    const g = grouped.get(key);
    if (!g) grouped.set(key, { ...r, top: r.customers });
    else {
      if (r.customers > g.top) {
        g.text = r.text;
        g.top = r.customers;
      }
      g.customers += r.customers;
      g.revenue += r.revenue;
    }
  }
  return [...grouped.values()]
    .map(({ text, customers, revenue }) => ({ text, customers, revenue }))
    .sort((a, b) => b.revenue - a.revenue || a.text.localeCompare(b.text));
}

export function reasonExists(db: Db, reasonId: string): boolean {
  return db.prepare('SELECT 1 FROM reasons WHERE id = ? AND retired_at IS NULL').get(reasonId) !== undefined;
}

/**
 * Remembers that a stated-reason text means a reason, and gives every customer who left with that
 * text (in any spelling that normalises the same) the reason, so reports follow. Returns the ids
 * of the customers changed. Run inside the caller's transaction.
 */
export function mapReasonText(db: Db, text: string, reasonId: string, now: string): number[] {
  const phrase = normalizeReasonText(text);
  db.prepare(
    'INSERT INTO reason_phrases (phrase, reason_id) VALUES (?, ?) ON CONFLICT(phrase) DO UPDATE SET reason_id = excluded.reason_id',
  ).run(phrase, reasonId);
  const spellings = (
    db
      .prepare(
        'SELECT DISTINCT stated_reason_text FROM customers WHERE stated_reason_id IS NULL AND stated_reason_text IS NOT NULL',
      )
      .pluck()
      .all() as string[]
  ).filter((t) => normalizeReasonText(t) === phrase);
  const ids: number[] = [];
  const find = db.prepare('SELECT id FROM customers WHERE stated_reason_id IS NULL AND stated_reason_text = ?').pluck();
  const update = db.prepare('UPDATE customers SET stated_reason_id = ?, updated_at = ? WHERE id = ?');
  for (const spelling of spellings) {
    for (const id of find.all(spelling) as number[]) {
      update.run(reasonId, now, id);
      ids.push(id);
    }
  }
  return ids;
}

export interface ReasonChoice {
  id: string;
  name: string;
  categoryId: string;
  categoryName: string;
}

export function listReasonChoices(db: Db): ReasonChoice[] {
  return db
    .prepare(
      `SELECT r.id, r.name, rc.id AS categoryId, rc.name AS categoryName
       FROM reasons r JOIN reason_categories rc ON rc.id = r.category_id
       WHERE r.retired_at IS NULL AND rc.retired_at IS NULL ORDER BY rc.sort, r.sort`,
    )
    .all() as ReasonChoice[];
}
