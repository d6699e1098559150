import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { migration015Permissions } from '../../db/migrations/015_permissions';
import { tempDir } from '../helpers/backend';
import { MIGRATION_SEEDS } from '../helpers/migrationSeeds';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const V = migration015Permissions.version;

describe('migration: contact-permission ledger', () => {
  it('carries customers across unblocked with their numbers still to be read, and forgets a read number when it changes', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < V));
    for (const s of MIGRATION_SEEDS.filter((x) => x.since < V)) db.transaction(() => s.seed(db))();
    const before = db.prepare('SELECT id, external_id, phone, do_not_contact, selected FROM customers ORDER BY id').all();
    migrate(db, MIGRATIONS.filter((m) => m.version <= V));
    expect(db.prepare('SELECT id, external_id, phone, do_not_contact, selected FROM customers ORDER BY id').all()).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM customers WHERE call_blocked <> 0 OR phone_key IS NOT NULL').pluck().get()).toBe(0);

    db.prepare("UPDATE customers SET phone_key = '+15550101' WHERE id = 1").run();
    db.prepare("UPDATE customers SET name = 'Ada Renamed' WHERE id = 1").run();
    expect(db.prepare('SELECT phone_key FROM customers WHERE id = 1').pluck().get()).toBe('+15550101');
    db.prepare("UPDATE customers SET phone = '+1 555-0199' WHERE id = 1").run();
    expect(db.prepare('SELECT phone_key FROM customers WHERE id = 1').pluck().get()).toBeNull();
    // A list's values belong to a list the ledger has.
    expect(() => db.prepare("INSERT INTO permission_list_values (value, list_id) VALUES ('+15550101', 99)").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO permission_entries (uid, kind, value, scope, source, added_at, added_by) VALUES ('u', 'fax', 'x', 'call', 'manager', 'a', 'b')").run()).toThrow(/CHECK/);
    db.close();
  });
});
