import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { tempDir } from '../helpers/backend';
import { seedScenario } from '../helpers/scenario';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('migration 13: presence and pauses', () => {
  it('adds the tables beside a database with calls, seeds the pause reasons, and keeps one open pause per person', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < 13));
    seedScenario(db);
    const calls = db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
    expect(calls).toBeGreaterThan(0);
    expect(migrate(db, MIGRATIONS)).toEqual({ from: 12, to: MIGRATIONS.at(-1)?.version });
    expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(calls);
    expect(db.prepare('SELECT label FROM pause_reasons ORDER BY position').pluck().all()).toEqual(['Break', 'Lunch', 'Coaching', 'Team meeting', 'Admin work', 'Technical problem']);
    const person = db.prepare('SELECT id FROM people LIMIT 1').pluck().get() as string;
    const insert = db.prepare("INSERT INTO pauses (id, person_id, reason_id, reason_label, started_at) VALUES (?, ?, 'break', 'Break', '2026-11-16T10:00:00.000Z')");
    insert.run('p1', person);
    expect(() => insert.run('p2', person)).toThrow(/UNIQUE/);
    db.prepare("UPDATE pauses SET ended_at = '2026-11-16T10:10:00.000Z' WHERE id = 'p1'").run();
    insert.run('p2', person);
    expect(() => db.prepare("UPDATE pauses SET ended_at = '2026-11-16T09:00:00.000Z' WHERE id = 'p2'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO desk_presence (person_id, state, since) VALUES (?, 'in_call', '2026-11-16T10:00:00.000Z')").run(person)).toThrow(/CHECK/);
    db.close();
  });
});
