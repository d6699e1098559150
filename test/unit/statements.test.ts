import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { prepared, preparedValue } from '../../db/statements';

describe('statements kept per connection', () => {
  it('prepares a query once per connection and gives rows or single values as asked', () => {
    const a = new Database(':memory:');
    const b = new Database(':memory:');
    try {
      a.exec("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT); INSERT INTO t VALUES ('x', 'one')");
      b.exec("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT); INSERT INTO t VALUES ('x', 'two')");
      const sql = 'SELECT v FROM t WHERE k = ?';
      expect(prepared(a, sql)).toBe(prepared(a, sql));
      expect(prepared(b, sql)).not.toBe(prepared(a, sql));
      // The same text asked for as single values is a statement of its own: rows stay rows.
      expect(preparedValue(a, sql).get('x')).toBe('one');
      expect(prepared(a, sql).get('x')).toEqual({ v: 'one' });
      expect(preparedValue(b, sql).get('x')).toBe('two');
    } finally {
      a.close();
      b.close();
    }
  });

  it('keeps working after the schema changes under a kept statement', () => {
    const db = new Database(':memory:');
    try {
      db.exec("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT); INSERT INTO t VALUES ('x', 'one')");
      const sql = 'SELECT * FROM t WHERE k = ?';
      expect(prepared(db, sql).get('x')).toEqual({ k: 'x', v: 'one' });
      db.exec("ALTER TABLE t ADD COLUMN w TEXT NOT NULL DEFAULT 'new'");
      expect(prepared(db, sql).get('x')).toEqual({ k: 'x', v: 'one', w: 'new' });
    } finally {
      db.close();
    }
  });
});
