import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSqlValues, iterateExport, type ExportValue } from '../../db/repos/exports';

/**
 * The calls export reads calls in completion order only and puts calls completed in the same
 * millisecond in id order itself: the order must be exactly SQLite's ORDER BY completed_at, id.
 */

const value = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true })) },
  // Every kind of UTF-16 unit, lone surrogates left out (SQLite stores UTF-8, which cannot hold them).
  { weight: 6, arbitrary: fc.string({ unit: fc.oneof(fc.constantFrom('a', 'b', 'A', ' ', '-', '\u00e9', '\uffff', '\ue000', '\u{1f600}', '\u{10400}')), maxLength: 4 }) },
);

describe('the calls export order', () => {
  it('compares two values as SQLite orders them', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE v (x ANY)');
    const insert = db.prepare('INSERT INTO v (x) VALUES (?)');
    fc.assert(
      fc.property(fc.array(value, { maxLength: 12 }), (values) => {
        db.exec('DELETE FROM v');
        for (const v of values) insert.run(v);
        const bySqlite = db.prepare('SELECT x FROM v ORDER BY x').pluck().all() as ExportValue[];
        expect([...values].sort(compareSqlValues)).toEqual(bySqlite);
      }),
      { numRuns: 300 },
    );
    db.close();
  });

  it('puts rows sharing a completion time in id order, as ORDER BY completed_at, id would', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE k (id TEXT PRIMARY KEY, at TEXT NOT NULL, n INTEGER NOT NULL); CREATE INDEX k_at ON k(at)');
    const insert = db.prepare('INSERT OR IGNORE INTO k (id, at, n) VALUES (?, ?, ?)');
    const row = fc.record({ id: fc.string({ unit: fc.constantFrom('K', '1', '9', 'a', '\u{1f600}', '\uffff'), minLength: 1, maxLength: 4 }), at: fc.constantFrom('t1', 't2', 't3') });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        db.exec('DELETE FROM k');
        rows.forEach((r, i) => insert.run(r.id, r.at, i));
        const expected = db.prepare('SELECT id, at, n FROM k ORDER BY at, id').raw().all();
        const { fields, rows: ordered } = iterateExport(db, { count: 'SELECT count(*) FROM k', select: 'SELECT id, at, n FROM k ORDER BY at', ties: { group: 'at', by: 'id' } });
        expect(fields).toEqual(['id', 'at', 'n']);
        expect([...ordered]).toEqual(expected);
      }),
      { numRuns: 200 },
    );
    db.close();
  });

  it('closes the statement when the reader stops early, so the connection can be used again', () => {
    const db = new Database(':memory:');
    db.exec("CREATE TABLE k (id TEXT PRIMARY KEY, at TEXT NOT NULL); INSERT INTO k VALUES ('a', 't1'), ('b', 't1'), ('c', 't2'), ('d', 't3')");
    const { rows } = iterateExport(db, { count: 'SELECT count(*) FROM k', select: 'SELECT id, at FROM k ORDER BY at', ties: { group: 'at', by: 'id' } });
    for (const r of rows) {
      expect(r).toEqual(['a', 't1']);
      break;
    }
    expect(db.prepare('SELECT count(*) FROM k').pluck().get()).toBe(4);
    expect(() => iterateExport(db, { count: '', select: 'SELECT id FROM k ORDER BY at', ties: { group: 'at', by: 'id' } })).toThrow('The export query has no column at.');
    db.close();
  });
});
