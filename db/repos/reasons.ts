import type { Db } from '../open';
import { expectOneRow, prepared } from '../statements';

/**
 * The reason taxonomy: categories and specific reasons. Ids are stable; a rename changes the name
 * only, and retiring keeps the row so history and reports still name it.
 */
export interface CategoryRow {
  id: string;
  name: string;
  approach: string;
  recoverable: number;
  sort: number;
  retired_at: string | null;
}

export interface ReasonRow {
  id: string;
  category_id: string;
  name: string;
  sort: number;
  retired_at: string | null;
}

export function listCategories(db: Db): CategoryRow[] {
  return prepared(db, 'SELECT * FROM reason_categories ORDER BY sort, name').all() as CategoryRow[];
}

export function listReasons(db: Db): ReasonRow[] {
  return prepared(db, 'SELECT * FROM reasons ORDER BY category_id, sort, name').all() as ReasonRow[];
}

export function getCategory(db: Db, id: string): CategoryRow | undefined {
  return prepared(db, 'SELECT * FROM reason_categories WHERE id = ?').get(id) as CategoryRow | undefined;
}

export function getReason(db: Db, id: string): ReasonRow | undefined {
  return prepared(db, 'SELECT * FROM reasons WHERE id = ?').get(id) as ReasonRow | undefined;
}

export function categoryIdTaken(db: Db, id: string): boolean {
  return prepared(db, 'SELECT 1 FROM reason_categories WHERE id = ?').get(id) !== undefined;
}

export function reasonIdTaken(db: Db, id: string): boolean {
  return prepared(db, 'SELECT 1 FROM reasons WHERE id = ?').get(id) !== undefined;
}

export function insertCategory(db: Db, c: { id: string; name: string; approach: string; recoverable: boolean }): void {
  prepared(
    db,
    `INSERT INTO reason_categories (id, name, approach, recoverable, sort)
     VALUES (?, ?, ?, ?, (SELECT coalesce(max(sort), -1) + 1 FROM reason_categories))`,
  ).run(c.id, c.name, c.approach, c.recoverable ? 1 : 0);
}

export function updateCategory(db: Db, c: { id: string; name: string; approach: string; recoverable: boolean }): void {
  expectOneRow(
    prepared(db, 'UPDATE reason_categories SET name = ?, approach = ?, recoverable = ? WHERE id = ?').run(
      c.name,
      c.approach,
      c.recoverable ? 1 : 0,
      c.id,
    ),
    'updateCategory',
  );
}

export function setCategoryRetired(db: Db, id: string, retiredAt: string | null): void {
  expectOneRow(
    prepared(db, 'UPDATE reason_categories SET retired_at = ? WHERE id = ?').run(retiredAt, id),
    'setCategoryRetired',
  );
}

export function insertReason(db: Db, r: { id: string; categoryId: string; name: string }): void {
  prepared(
    db,
    `INSERT INTO reasons (id, category_id, name, sort)
     VALUES (?, ?, ?, (SELECT coalesce(max(sort), -1) + 1 FROM reasons WHERE category_id = ?))`,
  ).run(r.id, r.categoryId, r.name, r.categoryId);
}

export function renameReason(db: Db, id: string, name: string): void {
  expectOneRow(
    prepared(db, 'UPDATE reasons SET name = ? WHERE id = ?').run(name, id),
    'renameReason',
  );
}

export function setReasonRetired(db: Db, id: string, retiredAt: string | null): void {
  expectOneRow(
    prepared(db, 'UPDATE reasons SET retired_at = ? WHERE id = ?').run(retiredAt, id),
    'setReasonRetired',
  );
}
