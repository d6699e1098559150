import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { migration012Outreach } from '../../db/migrations/012_outreach';
import { DEFAULT_TEMPLATES } from '../../shared/domain/outreachDefaults';
import { tempDir } from '../helpers/backend';
import { seedScenario } from '../helpers/scenario';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const version = migration012Outreach.version;

describe('migration 17: outreach', () => {
  it('keeps every call and issue, and seeds the default templates for the categories the console has', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < version));
    seedScenario(db);
    db.prepare("INSERT INTO issues (id, title, status, created_at, updated_at, fixed_at) VALUES ('I1', 'Prices', 'fixed', 'x', 'x', '2026-11-01T00:00:00Z')").run();
    // A manager who removed a default category's reasons still has the category row; one who never had "passive" does not.
    db.prepare("UPDATE reasons SET category_id = 'unknown' WHERE category_id = 'passive'").run();
    db.prepare("DELETE FROM offer_rules WHERE category_id = 'passive'").run();
    db.prepare("DELETE FROM reason_categories WHERE id = 'passive'").run();
    const calls = db.prepare('SELECT * FROM calls ORDER BY id').all();

    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= version)).to).toBe(version);
    expect(db.prepare('SELECT * FROM calls ORDER BY id').all()).toEqual(calls);
    expect(db.prepare("SELECT status, fixed_at FROM issues WHERE id = 'I1'").get()).toEqual({ status: 'fixed', fixed_at: '2026-11-01T00:00:00Z' });
    const ids = db.prepare('SELECT id FROM outreach_templates ORDER BY id').pluck().all();
    expect(ids).toEqual(DEFAULT_TEMPLATES.filter((d) => d.categoryId !== 'passive').map((d) => d.id).sort());
    expect(ids).not.toContain('template.what-changed.passive');
    // The outbox starts empty; a fixed issue from before has no customer-facing note yet (the page asks for one).
    expect(db.prepare('SELECT count(*) FROM outreach_members').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM issue_fixes').pluck().get()).toBe(0);
    db.close();
  });
});
