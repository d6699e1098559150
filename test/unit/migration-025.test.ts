import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { migration025MessageLanguage } from '../../db/migrations/025_message_language';
import { getMember } from '../../db/repos/outreach';
import { unsubscribeFooter } from '../../electron/backend/outreach/footer';
import { tempDir } from '../helpers/backend';
import { MIGRATION_SEEDS } from '../helpers/migrationSeeds';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('migration 25: the language each outreach message was written in', () => {
  it('keeps every message as it was, in English, so a resend carries the English line it was first sent with', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const v = migration025MessageLanguage.version;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < v));
    for (const s of MIGRATION_SEEDS.filter((x) => x.since < v)) db.transaction(() => s.seed(db))();
    const before = db.prepare('SELECT * FROM outreach_members ORDER BY outreach_id, customer_id').all();
    expect(before.length).toBeGreaterThan(0);
    migrate(db, MIGRATIONS.filter((m) => m.version <= v));
    const after = db.prepare('SELECT * FROM outreach_members ORDER BY outreach_id, customer_id').all() as Record<string, unknown>[];
    expect(after).toEqual(before.map((row) => ({ ...(row as object), language: 'en' })));

    const seeded = getMember(db, 'seed-outreach', 1);
    // The line every email carried before messages kept their language, character for character.
    expect(unsubscribeFooter(null, 'stay@example.invalid', seeded?.language ?? '')).toBe(
      '\n\n--\nYou are receiving this because you were our customer. To receive no more emails from us, reply to this email (stay@example.invalid) with the word "unsubscribe".\n',
    );
    expect(unsubscribeFooter('https://hub.example/u/abc', null, seeded?.language ?? '')).toBe(
      '\n\n--\nYou are receiving this because you were our customer. To receive no more emails from us, unsubscribe here: https://hub.example/u/abc\n',
    );
    // A message needs no language to be written down: one left out is English, as every message was.
    db.prepare(
      `INSERT INTO outreach_members (outreach_id, customer_id, by_call, message_state) VALUES ('seed-outreach', 2, 1, NULL)`,
    ).run();
    expect(getMember(db, 'seed-outreach', 2)?.language).toBe('en');
    db.close();
  });
});
