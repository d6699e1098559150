import type { TaxonomyCategory } from '../../../shared/api/call';
import type { Person } from '../../../shared/api/session';
import type { Db } from '../../../db/open';
import {
  categoryIdTaken,
  getCategory,
  getReason,
  insertCategory,
  insertReason,
  listCategories,
  listReasons,
  reasonIdTaken,
  renameReason,
  setCategoryRetired,
  setReasonRetired,
  updateCategory,
} from '../../../db/repos/reasons';
import { audit } from '../../../db/repos/audit';
import type { ServiceDeps } from '../types';
import { slug, uniqueId } from './ids';
import { appError } from '../i18n/errors';

/** The whole taxonomy, retired entries included and marked: history and reports still name them. */
export function listTaxonomy(db: Db): TaxonomyCategory[] {
  const reasons = listReasons(db);
  return listCategories(db).map((c) => ({
    id: c.id,
    name: c.name,
    approach: c.approach,
    recoverable: c.recoverable === 1,
    retired: c.retired_at !== null,
    reasons: reasons
      .filter((r) => r.category_id === c.id)
      .map((r) => ({ id: r.id, name: r.name, retired: r.retired_at !== null })),
  }));
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function saveCategory(
  deps: ServiceDeps,
  user: Person,
  input: { id?: string | undefined; name: string; approach: string; recoverable: boolean },
): TaxonomyCategory[] {
  const { db } = deps;
  const now = deps.now().toISOString();
  const clash = listCategories(db).find((c) => c.id !== input.id && sameName(c.name, input.name));
  if (clash) throw appError('conflict', 'taxonomy.categoryNameTaken', { name: clash.name });
  db.transaction(() => {
    if (input.id !== undefined) {
      const existing = getCategory(db, input.id);
      if (!existing) throw appError('not_found', 'taxonomy.unknownCategory', { id: input.id });
      updateCategory(db, { id: input.id, name: input.name, approach: input.approach, recoverable: input.recoverable });
      audit(db, { at: now, actorId: user.id, action: 'taxonomy.category.update', entity: 'reason_category', entityId: input.id, detail: { from: existing.name, to: input.name } });
    } else {
      const id = uniqueId(slug(input.name), (c) => categoryIdTaken(db, c));
      insertCategory(db, { id, name: input.name, approach: input.approach, recoverable: input.recoverable });
      audit(db, { at: now, actorId: user.id, action: 'taxonomy.category.add', entity: 'reason_category', entityId: id, detail: { name: input.name } });
    }
  })();
  return listTaxonomy(db);
}

export function retireCategory(deps: ServiceDeps, user: Person, input: { id: string; retired: boolean }): TaxonomyCategory[] {
  const { db } = deps;
  const now = deps.now().toISOString();
  if (!getCategory(db, input.id)) throw appError('not_found', 'taxonomy.unknownCategory', { id: input.id });
  db.transaction(() => {
    setCategoryRetired(db, input.id, input.retired ? now : null);
    audit(db, { at: now, actorId: user.id, action: input.retired ? 'taxonomy.category.retire' : 'taxonomy.category.restore', entity: 'reason_category', entityId: input.id });
  })();
  return listTaxonomy(db);
}

export function saveReason(
  deps: ServiceDeps,
  user: Person,
  input: { id?: string | undefined; categoryId: string; name: string },
): TaxonomyCategory[] {
  const { db } = deps;
  const now = deps.now().toISOString();
  const category = getCategory(db, input.categoryId);
  if (!category) throw appError('not_found', 'taxonomy.unknownCategory', { id: input.categoryId });
  const clash = listReasons(db).find((r) => r.category_id === input.categoryId && r.id !== input.id && sameName(r.name, input.name));
  if (clash) throw appError('conflict', 'taxonomy.reasonNameTaken', { category: category.name, name: clash.name });
  db.transaction(() => {
    if (input.id !== undefined) {
      const existing = getReason(db, input.id);
      if (!existing) throw appError('not_found', 'taxonomy.unknownReason', { id: input.id });
      if (existing.category_id !== input.categoryId) {
        // Moving a reason would silently rewrite every earlier trend of both categories.
        throw appError('invalid_input', 'taxonomy.reasonKeepsCategory', { name: existing.name, category: category.name });
      }
      renameReason(db, input.id, input.name);
      audit(db, { at: now, actorId: user.id, action: 'taxonomy.reason.rename', entity: 'reason', entityId: input.id, detail: { from: existing.name, to: input.name } });
    } else {
      if (category.retired_at !== null) throw appError('conflict', 'taxonomy.categoryRetired', { category: category.name });
      const id = uniqueId(`${input.categoryId}.${slug(input.name)}`, (r) => reasonIdTaken(db, r));
      insertReason(db, { id, categoryId: input.categoryId, name: input.name });
      audit(db, { at: now, actorId: user.id, action: 'taxonomy.reason.add', entity: 'reason', entityId: id, detail: { name: input.name } });
    }
  })();
  return listTaxonomy(db);
}

export function retireReason(deps: ServiceDeps, user: Person, input: { id: string; retired: boolean }): TaxonomyCategory[] {
  const { db } = deps;
  const now = deps.now().toISOString();
  if (!getReason(db, input.id)) throw appError('not_found', 'taxonomy.unknownReason', { id: input.id });
  db.transaction(() => {
    setReasonRetired(db, input.id, input.retired ? now : null);
    audit(db, { at: now, actorId: user.id, action: input.retired ? 'taxonomy.reason.retire' : 'taxonomy.reason.restore', entity: 'reason', entityId: input.id });
  })();
  return listTaxonomy(db);
}
