import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { PORTABLE_TRIGGERS } from '../../db/migrations/011_portable_triggers';
import type { Db } from '../../db/open';
import { apply, freshDb, SHARED_CELLS_HISTORY, step, type Step } from '../helpers/randomHistory';
import { copyInto, openSqlite331, paramsFor, schemaOf, versionOf, withoutStrict, type OldSqlite } from '../helpers/sqlite331';
import { logging, type Ran } from '../helpers/statementLog';

/**
 * Migration 11 writes again, in SQL that SQLite 3.31 reads, the triggers of migrations 7 to 10 that
 * used newer syntax. The summaries they keep must not change by a single row: a console through
 * migration 10 and one through 11 (fresh, or upgraded in the middle of its history) are given the
 * same random histories and compared table by table after every step. SQLite 3.31.1 itself then
 * reads the whole schema and keeps the same summaries through the same writes.
 */

/** Every table (and column) the triggers keep, as sorted rows; offers_made only where JSON can be built. */
const KEPT = (withOffersMade: boolean) => ({
  customer_facts: '*',
  call_facts: withOffersMade
    ? '*'
    : `call_id, customer_id, day, month, cycle_id, caller_id, caller_role, outcome, reason_id, revenue_micros, segment, product, team,
       stated_reason_id, reason_prev_day, reason_prev_recovered_day, reason_cycle_prev_day, reason_cycle_prev_recovered_day,
       diagnosed_prev_day, diagnosed_prev_recovered_day`,
  diagnosed_customer_counts: '*',
  diagnosed_reason_cells: '*',
  stated_reason_cells: '*',
  recovery_cells: '*',
  offer_cells: '*',
  agreement_cells: '*',
  calls: 'id, offer_answers, primary_reason_id',
});

function kept(db: Db, withOffersMade = true): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(KEPT(withOffersMade)).map(([table, columns]) => [
      table,
      (db.prepare(`SELECT ${columns} FROM ${table}`).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort(),
    ]),
  );
}

function keptIn331(db: OldSqlite): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(KEPT(false)).map(([table, columns]) => [table, (db.exec(`SELECT ${columns} FROM ${table}`)[0]?.values ?? []).map((r) => JSON.stringify(r)).sort()]),
  );
}

describe('migration 11: triggers that SQLite 3.31 and later read', () => {
  it('writes again 30 triggers that exist, and leaves the 15 others as they were', () => {
    const db = freshDb(10);
    const triggers = () => new Map(db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").raw().all() as [string, string][]);
    const before = triggers();
    expect(Object.keys(PORTABLE_TRIGGERS).filter((t) => !before.has(t))).toEqual([]);
    expect(Object.keys(PORTABLE_TRIGGERS)).toHaveLength(30);
    migrate(db, MIGRATIONS.slice(0, 11));
    const after = triggers();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const untouched = [...before].filter(([name]) => !(name in PORTABLE_TRIGGERS));
    expect(untouched).toHaveLength(15);
    for (const [name, sql] of untouched) expect(after.get(name), name).toBe(sql);
    db.close();
  });

  /** The same history through migration 10, through 11, and through 10 upgraded to 11 before step `upgradeAt`. */
  function expectSameSummaries(steps: Step[], upgradeAt: number): void {
    const before = freshDb(10);
    const after = freshDb(11);
    const upgraded = freshDb(10);
    try {
      steps.forEach((s, i) => {
        if (i === upgradeAt) expect(migrate(upgraded, MIGRATIONS.slice(0, 11)).to).toBe(11);
        for (const db of [before, after, upgraded]) apply(db, s, i);
        const expected = kept(before);
        expect(kept(after), `after step ${i}: ${JSON.stringify(s)}`).toEqual(expected);
        expect(kept(upgraded), `after step ${i}: ${JSON.stringify(s)} (upgraded before step ${upgradeAt})`).toEqual(expected);
      });
    } finally {
      for (const db of [before, after, upgraded]) db.close();
    }
  }

  it('keeps the same summaries as the triggers before it through a history in which calls share every cell', () => {
    expectSameSummaries(SHARED_CELLS_HISTORY, Math.floor(SHARED_CELLS_HISTORY.length / 2));
    // The history puts several calls (or customers) in one cell of every kind: no test of shared cells otherwise.
    const db = freshDb();
    const peak = { offer_cells: 0, recovery_cells: 0, agreement_cells: 0, diagnosed_reason_cells: 0 };
    SHARED_CELLS_HISTORY.forEach((s, i) => {
      apply(db, s, i);
      peak.offer_cells = Math.max(peak.offer_cells, db.prepare('SELECT coalesce(max(offered), 0) FROM offer_cells').pluck().get() as number);
      peak.recovery_cells = Math.max(peak.recovery_cells, db.prepare("SELECT coalesce(max(calls), 0) FROM recovery_cells WHERE dim = 'offer'").pluck().get() as number);
      peak.agreement_cells = Math.max(peak.agreement_cells, db.prepare('SELECT coalesce(max(calls), 0) FROM agreement_cells').pluck().get() as number);
      peak.diagnosed_reason_cells = Math.max(peak.diagnosed_reason_cells, db.prepare('SELECT coalesce(max(departed), 0) FROM diagnosed_reason_cells').pluck().get() as number);
    });
    for (const [table, most] of Object.entries(peak)) expect(most, table).toBeGreaterThan(1);
    db.close();
  });

  it('keeps the same summaries as the triggers before it after every step of random histories, in a fresh console and in one upgraded midway', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 45 }), fc.nat(45), (steps, upgradeAt) => expectSameSummaries(steps, upgradeAt)),
      { numRuns: 40 },
    );
  }, 120_000);

  it('leaves a schema that SQLite 3.31.1 reads whole, once its tables lose STRICT (3.37)', async () => {
    const old = await openSqlite331();
    const db = freshDb();
    try {
      expect(versionOf(old)).toBe('3.31.1');
      const refused: string[] = [];
      for (const s of schemaOf(db)) {
        try {
          old.run(s.type === 'table' ? withoutStrict(s.sql) : s.sql);
        } catch (error) {
          refused.push(`${s.type} ${s.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      expect(refused).toEqual([]);
      // What STRICT takes away is the only change: every table had it.
      for (const s of schemaOf(db).filter((x) => x.type === 'table')) expect(withoutStrict(s.sql), s.name).not.toBe(s.sql);
    } finally {
      old.close();
      db.close();
    }
  });

  /** The history written in the newest schema, its writes made again in SQLite 3.31.1: the calls written there. */
  async function expectSameIn331(steps: Step[]): Promise<number> {
    const db = freshDb();
    const sqlite331 = await openSqlite331();
    // sql.js 1.2.2 leaves out JSON1, which Debian's and Ubuntu's libraries include: stand-ins let the
    // statements that write offers_made run, and offers_made is not compared.
    sqlite331.create_function('json_array', (a, b) => JSON.stringify([a, b]));
    sqlite331.create_function('json_group_array', (value) => value);
    try {
      copyInto(db, sqlite331);
      const writes: Ran[] = [];
      const recorded = logging(db, writes);
      steps.forEach((s, i) => apply(recorded, s, i));
      for (const w of writes) {
        try {
          sqlite331.run(w.sql, paramsFor(w.sql, w.params));
        } catch (error) {
          throw new Error(`SQLite 3.31.1 refused ${w.sql.slice(0, 200)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
      expect(keptIn331(sqlite331)).toEqual(kept(db, false));
      return db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
    } finally {
      sqlite331.close();
      db.close();
    }
  }

  it('runs in SQLite 3.31.1: the same writes keep the same summaries there', async () => {
    expect(await expectSameIn331(SHARED_CELLS_HISTORY)).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 45 }), async (steps) => {
        await expectSameIn331(steps);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
