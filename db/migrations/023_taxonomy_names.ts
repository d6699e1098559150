import type { Migration } from './types';

/**
 * A manager's own names for a reason or a category in each language the console ships. The row in
 * `reasons` / `reason_categories` keeps its one canonical name (what the hub, the command line and
 * every stored call carry, merged by id); these rows only change what a person reads in their own
 * language. A language with no row here shows the stored name when a manager renamed the entry, else
 * the catalogue's words for the shipped default (shared/i18n/taxonomyNames.ts).
 *
 * Languages are checked by the application, not by a CHECK: shipping a fifth language then needs no
 * table rebuild. A name is never blank: clearing a language deletes its row.
 */
export const migration023TaxonomyNames: Migration = {
  version: 23,
  name: "a manager's own reason and category names per language",
  up: `
CREATE TABLE reason_names (
  reason_id TEXT NOT NULL REFERENCES reasons(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  PRIMARY KEY (reason_id, language)
) STRICT;

CREATE TABLE category_names (
  category_id TEXT NOT NULL REFERENCES reason_categories(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  PRIMARY KEY (category_id, language)
) STRICT;
`,
};
