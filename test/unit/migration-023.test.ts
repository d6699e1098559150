import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { migration023TaxonomyNames } from '../../db/migrations/023_taxonomy_names';
import { listTaxonomyNames, replaceOwnNames } from '../../db/repos/taxonomyNames';
import { tempDir } from '../helpers/backend';
import { MIGRATION_SEEDS } from '../helpers/migrationSeeds';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe("migration 23: a manager's own reason and category names per language", () => {
  it('keeps every reason and its stored name, and takes names per language only for reasons and categories that exist', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const v = migration023TaxonomyNames.version;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < v));
    for (const s of MIGRATION_SEEDS.filter((x) => x.since < v)) db.transaction(() => s.seed(db))();
    // A console whose manager renamed a shipped reason before names per language existed.
    db.prepare("UPDATE reasons SET name = 'Costs too much' WHERE id = 'price.too-expensive'").run();
    const before = db.prepare('SELECT id, category_id, name, retired_at FROM reasons ORDER BY id').all();
    migrate(db, MIGRATIONS.filter((m) => m.version <= v));
    expect(db.prepare('SELECT id, category_id, name, retired_at FROM reasons ORDER BY id').all()).toEqual(before);
    expect(listTaxonomyNames(db)).toEqual({ reasons: [], categories: [] });

    replaceOwnNames(db, 'reason', 'price.too-expensive', { es: 'Nos sale caro', de: 'Zu teuer für uns' });
    replaceOwnNames(db, 'category', 'price', { fr: 'Le prix' });
    expect(listTaxonomyNames(db)).toEqual({
      reasons: [{ id: 'price.too-expensive', stored: 'Costs too much', names: { de: 'Zu teuer für uns', es: 'Nos sale caro' } }],
      categories: [{ id: 'price', stored: 'Price / value for money', names: { fr: 'Le prix' } }],
    });
    // Saving again replaces: a language left out has no name any more.
    replaceOwnNames(db, 'reason', 'price.too-expensive', { es: 'Demasiado caro para nosotros' });
    expect(listTaxonomyNames(db).reasons).toEqual([{ id: 'price.too-expensive', stored: 'Costs too much', names: { es: 'Demasiado caro para nosotros' } }]);

    // No name for a reason that is not in the taxonomy, and none blank.
    expect(() => replaceOwnNames(db, 'reason', 'price.no-such-reason', { es: 'Nada' })).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO reason_names (reason_id, language, name) VALUES ('price.extra-charges', 'de', '  ')").run()).toThrow(/CHECK/);
    expect(listTaxonomyNames(db).reasons).toHaveLength(1);
    db.close();
  });
});
