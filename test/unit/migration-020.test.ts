import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { migration020ContactColumns } from '../../db/migrations/020_contact_columns';
import { tempDir } from '../helpers/backend';
import { MIGRATION_SEEDS } from '../helpers/migrationSeeds';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('migration 20: contact permissions, consents and the latest call on the customer row', () => {
  it('fills the latest consents and the latest call from what the console holds, and leaves every row to be worked out', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const v = migration020ContactColumns.version;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < v));
    for (const s of MIGRATION_SEEDS.filter((x) => x.since < v)) db.transaction(() => s.seed(db))();
    db.prepare("INSERT INTO consents (customer_id, call_id, channel, answer, wording, asked_at, agent_id, agent_name) VALUES (2, 'seed-call', 'phone', 'no', 'May we call?', '2026-10-03T10:00:00.000Z', 'seed-agent', 'Seed Agent')").run();
    const latestCall = db.prepare('SELECT outcome FROM calls WHERE customer_id = 1 ORDER BY completed_at DESC, id DESC LIMIT 1').pluck().get();
    expect(latestCall).not.toBeUndefined();
    migrate(db, MIGRATIONS.filter((m) => m.version <= v));
    const row = (id: number) =>
      db.prepare('SELECT consent_phone, consent_email, consent_post, latest_call_outcome, contact_stale FROM customers WHERE id = ?').get(id);
    expect(row(1)).toEqual({ consent_phone: null, consent_email: 'yes', consent_post: null, latest_call_outcome: latestCall, contact_stale: 1 });
    expect(row(2)).toMatchObject({ consent_phone: 'no', contact_stale: 1 });
    // From here the triggers keep them: a later answer is the one on the row.
    db.prepare("INSERT INTO consents (customer_id, call_id, channel, answer, wording, asked_at, agent_id, agent_name) VALUES (2, 'seed-call', 'phone', 'yes', 'May we call?', '2026-10-04T10:00:00.000Z', 'seed-agent', 'Seed Agent')").run();
    expect(row(2)).toMatchObject({ consent_phone: 'yes' });
    db.close();
  });
});
