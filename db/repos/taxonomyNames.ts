import type { Db } from '../open';
import { prepared } from '../statements';
import { isLanguage } from '../../shared/i18n/languages';
import type { OwnNames, OwnNamesEntry, TaxonomyNames } from '../../shared/i18n/taxonomyNames';

/**
 * A manager's own names for reasons and categories, per language (migration 023). Only entries that
 * have at least one are listed; the stored name comes along so an entry known only by its text (an
 * earlier call in a briefing) is still found.
 */
export type NamedKind = 'reason' | 'category';

interface NameRow {
  id: string;
  stored: string;
  language: string;
  name: string;
}

const LIST = {
  reason: 'SELECT n.reason_id AS id, r.name AS stored, n.language, n.name FROM reason_names n JOIN reasons r ON r.id = n.reason_id ORDER BY n.reason_id, n.language',
  category:
    'SELECT n.category_id AS id, c.name AS stored, n.language, n.name FROM category_names n JOIN reason_categories c ON c.id = n.category_id ORDER BY n.category_id, n.language',
} as const;

function entries(db: Db, kind: NamedKind): OwnNamesEntry[] {
  const byId = new Map<string, OwnNamesEntry>();
  for (const row of prepared(db, LIST[kind]).all() as NameRow[]) {
    // A language the console no longer ships is kept in the table but shown nowhere.
    if (!isLanguage(row.language)) continue;
    const entry = byId.get(row.id) ?? { id: row.id, stored: row.stored, names: {} };
    entry.names[row.language] = row.name;
    byId.set(row.id, entry);
  }
  return [...byId.values()];
}

export function listTaxonomyNames(db: Db): TaxonomyNames {
  return { reasons: entries(db, 'reason'), categories: entries(db, 'category') };
}

const DELETE = {
  reason: 'DELETE FROM reason_names WHERE reason_id = ?',
  category: 'DELETE FROM category_names WHERE category_id = ?',
} as const;
const INSERT = {
  reason: 'INSERT INTO reason_names (reason_id, language, name) VALUES (?, ?, ?)',
  category: 'INSERT INTO category_names (category_id, language, name) VALUES (?, ?, ?)',
} as const;

/** Replaces an entry's own names with these (already trimmed, none blank), in one transaction. */
export function replaceOwnNames(db: Db, kind: NamedKind, id: string, names: OwnNames): void {
  db.transaction(() => {
    prepared(db, DELETE[kind]).run(id);
    for (const [language, name] of Object.entries(names)) {
      if (name !== undefined) prepared(db, INSERT[kind]).run(id, language, name);
    }
  })();
}
