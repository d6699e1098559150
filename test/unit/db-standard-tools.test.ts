import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { reasonsReport } from '../../db/repos/reportsReasons';
import { recoveryGroups } from '../../db/repos/reportsRecovery';
import { tempDir } from '../helpers/backend';
import { summaryDifferences } from '../helpers/reportSummaries';
import { seedScenario } from '../helpers/scenario';
import { logging, type Ran } from '../helpers/statementLog';

/**
 * IT people and analysts open a console database with the tools their machines have: the system's
 * `sqlite3` shell (Debian 12: 3.40.1; `bash bin/ready npm test` installs it) and Python's `sqlite3`
 * module. A database built through every migration, with calls in it, must open there: the
 * integrity check passes, a report's queries give what the console reads, and a change made in the
 * shell keeps the report summaries exact.
 */

const t = tempDir();
const path = join(t.dir, 'winback.db');
/** The queries the console ran for two reports, with what they returned. */
const queries: { sql: string; rows: unknown[] }[] = [];

beforeAll(() => {
  const db = openDatabase(path);
  seedScenario(db);
  const log: Ran[] = [];
  const logged = logging(db, log, ['all']);
  reasonsReport(logged, { by: 'diagnosed' });
  reasonsReport(logged, { by: 'stated', group: 'month', segment: 'Month-to-month' });
  recoveryGroups(logged, { cycleId: '2026-11' });
  for (const q of log) {
    const sql = inlined(q.sql, q.params);
    queries.push({ sql, rows: (db.prepare(sql).raw().all() as unknown[][]).map(normalized) });
  }
  db.close();
});
afterAll(() => t.dispose());

/** The statement with its parameters written in as SQL literals, for tools that take SQL text alone. */
function inlined(sql: string, params: unknown[]): string {
  const literal = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
    throw new Error(`No literal for ${typeof v}`);
  };
  const [first] = params;
  if (params.length === 1 && typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const named = first as Record<string, unknown>;
    return sql.replace(/[@:$]([A-Za-z_]\w*)/g, (match, name: string) => (name in named ? literal(named[name]) : match));
  }
  const values = params.flat();
  return sql.replace(/\?/g, () => literal(values.shift()));
}

/** A row's values as JSON carries them, whichever tool read them. */
function normalized(row: unknown[]): unknown[] {
  return row.map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v));
}

function sqlite3Shell(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('sqlite3', args, { encoding: 'utf8', input });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error("The sqlite3 shell is not installed: `bash bin/ready npm test` installs it, or run `apt-get install sqlite3`.");
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const python = spawnSync('python3', ['-c', 'import sqlite3'], { encoding: 'utf8' }).status === 0;

describe('a console database in standard tools', () => {
  it('has report queries to run there', () => {
    expect(queries.length).toBeGreaterThanOrEqual(3);
    expect(queries.every((q) => q.rows.length > 0)).toBe(true);
  });

  it("opens in the system's sqlite3 shell: the integrity check passes and the report queries give what the console reads", () => {
    const version = sqlite3Shell(['--version']);
    expect(version.status, version.stderr).toBe(0);
    const check = sqlite3Shell(['-bail', path, 'PRAGMA integrity_check;']);
    expect(check.stderr).toBe('');
    expect(check.stdout.trim(), `sqlite3 ${version.stdout.trim()}`).toBe('ok');
    for (const q of queries) {
      const r = sqlite3Shell(['-bail', '-json', path], q.sql);
      expect(r.stderr, q.sql).toBe('');
      const rows = r.stdout.trim() === '' ? [] : (JSON.parse(r.stdout) as Record<string, unknown>[]);
      expect(rows.map((row) => normalized(Object.values(row))), q.sql).toEqual(q.rows);
    }
  });

  it.skipIf(!python)("opens in Python's sqlite3 module: the integrity check passes and a report query gives what the console reads", () => {
    const [q] = queries;
    const script = `import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute('PRAGMA integrity_check').fetchone()[0])
print(json.dumps([list(r) for r in db.execute(sys.argv[2]).fetchall()]))`;
    const r = spawnSync('python3', ['-c', script, path, q?.sql ?? ''], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const [integrity, rows] = r.stdout.trim().split('\n');
    expect(integrity).toBe('ok');
    expect((JSON.parse(rows ?? '[]') as unknown[][]).map(normalized)).toEqual(q?.rows);
  });

  it('takes a change made in the sqlite3 shell, and the report summaries follow it', () => {
    const r = sqlite3Shell(['-bail', path], "UPDATE customers SET segment = 'Two year', monthly_revenue = 75 WHERE external_id = 'C1';");
    expect(r.stderr).toBe('');
    const db = openDatabase(path);
    try {
      expect(db.prepare("SELECT segment FROM customer_facts WHERE customer_id = (SELECT id FROM customers WHERE external_id = 'C1')").pluck().get()).toBe('Two year');
      expect(summaryDifferences(db)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
