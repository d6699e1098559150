import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';

function atVersion5WithACall(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 5));
  db.exec(`
    INSERT INTO people (id, name, role, created_at) VALUES ('p1', 'Ann Agent', 'agent', '2026-10-01T00:00:00Z');
    INSERT INTO customers (id, external_id, name, created_at, updated_at, last_outcome) VALUES (1, 'C-1', 'Ada', '2026-10-01', '2026-10-01', 'recovered');
    INSERT INTO calls (id, customer_id, caller_id, caller_role, started_at, completed_at, outcome, customer_words, summary)
      VALUES ('k1', 1, 'p1', 'agent', '2026-10-02T10:00:00Z', '2026-10-02T10:09:00Z', 'recovered', 'Too dear', 'Came back');
  `);
  return db;
}

const enrol = (db: Database.Database, id: string, status: string, next: string | null, callId = 'k1') =>
  db
    .prepare(
      `INSERT INTO care_enrolments (id, customer_id, recovery_call_id, recovered_on, owner_id, status, next_review_on, enrolled_at)
       VALUES (?, 1, ?, '2026-10-02', 'p1', ?, ?, '2026-10-02T10:09:00Z')`,
    )
    .run(id, callId, status, next);

describe('migration 6: intensive care', () => {
  it('keeps earlier customers and calls whole and adds the care tables', () => {
    const db = atVersion5WithACall();
    expect(migrate(db, MIGRATIONS.slice(0, 6))).toEqual({ from: 5, to: 6 });
    expect(db.prepare('SELECT id, outcome, customer_words, summary FROM calls').get()).toEqual({ id: 'k1', outcome: 'recovered', customer_words: 'Too dear', summary: 'Came back' });
    enrol(db, 'e1', 'active', '2027-04-02');
    expect(db.prepare('SELECT customer_id, next_review_on FROM care_enrolments').get()).toEqual({ customer_id: 1, next_review_on: '2027-04-02' });
  });

  it('holds its rules in the schema: one active enrolment per customer, a review date exactly while active, satisfaction 1 to 5', () => {
    const db = atVersion5WithACall();
    migrate(db);
    db.exec(`INSERT INTO calls (id, customer_id, caller_id, caller_role, started_at, completed_at, outcome) VALUES ('k2', 1, 'p1', 'agent', 'a', 'b', 'recovered')`);
    enrol(db, 'e1', 'active', '2027-04-02');
    expect(() => enrol(db, 'e2', 'active', '2027-05-02', 'k2')).toThrow(/UNIQUE/);
    expect(() => enrol(db, 'e2', 'active', null, 'k2')).toThrow(/CHECK/);
    expect(() => enrol(db, 'e2', 'relost', null, 'k2')).toThrow(/CHECK/);
    expect(() => enrol(db, 'e2', 'withdrawn', null, 'no-such-call')).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO care_reviews (id, enrolment_id, due_on, reviewed_at, reviewed_on, reviewer_id, satisfaction, verdict, outreach, next_review_on)
           VALUES ('r1', 'e1', '2027-04-02', 'x', '2027-04-02', 'p1', 6, 'healthy', 'email', '2027-10-02')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
