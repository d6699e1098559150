import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { TestBackend } from '../helpers/backend';
import { PEOPLE, scenarioForManager } from '../helpers/scenario';
import { setReportWorkerEnabled } from '../../electron/backend/reportWorkers/runner';
import { REPORT_TABLES } from '../../electron/backend/reports/answerCache';
import { reportHandlers } from '../../electron/backend/reports/handlers';
import type { Person } from '../../shared/api/session';

/*
 * The answers kept for Trends' reports (answerCache.ts) are let go when a table in REPORT_TABLES is
 * written. A report that read a table missing from that list would be answered from before a write
 * to it. Every statement the kept report channels run, for every way their SQL is planned (stated or
 * diagnosed, by cycle or month, a day range, one cycle, a segment, one caller's own calls), is
 * recorded as it runs and asked of SQLite with EXPLAIN: each b-tree it opens to read (a table or one
 * of its indexes) names the table, whatever alias or subquery the SQL reads it through.
 */

type Kept = 'reports.options' | 'reports.reasons' | 'reports.recovery' | 'reports.offerMatrix' | 'reports.agreement';

const FILTERS = [{}, { from: '2026-11-01', to: '2026-11-20' }, { cycle: '2026-11' }, { segment: 'Month-to-month' }, { product: 'DSL', team: 'Billing desk' }];
const ASKED: [Kept, object][] = [
  ['reports.options', {}],
  ...(['stated', 'diagnosed'] as const).flatMap((by) =>
    [undefined, 'cycle', 'month'].flatMap((group) => FILTERS.map((f): [Kept, object] => ['reports.reasons', { ...f, by, ...(group ? { group } : {}) }])),
  ),
  ...(['reports.recovery', 'reports.offerMatrix', 'reports.agreement'] as const).flatMap((channel) => FILTERS.map((f): [Kept, object] => [channel, f])),
];

interface Ran {
  sql: string;
  args: unknown[];
}

/** Records every statement run on any connection while `recording` is on, with what it was bound to. */
function recordStatements(db: Database.Database): { ran: Ran[]; on: (v: boolean) => void; restore: () => void } {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, unknown>;
  const ran: Ran[] = [];
  let recording = false;
  const originals = new Map<string, unknown>();
  for (const name of ['all', 'get', 'run', 'iterate']) {
    const original = proto[name] as (this: Database.Statement, ...args: unknown[]) => unknown;
    originals.set(name, original);
    proto[name] = function (this: Database.Statement, ...args: unknown[]) {
      if (recording) ran.push({ sql: this.source, args });
      return original.apply(this, args);
    };
  }
  return {
    ran,
    on: (v) => {
      recording = v;
    },
    restore: () => {
      for (const [name, original] of originals) proto[name] = original;
    },
  };
}

/** The main database's tables a statement opens to read, by the b-trees in its program. */
function tablesRead(db: Database.Database, { sql, args }: Ran): string[] {
  const byRoot = new Map((db.prepare("SELECT rootpage, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index')").all() as { rootpage: number; tbl_name: string }[]).map((r) => [r.rootpage, r.tbl_name]));
  const program = db.prepare(`EXPLAIN ${sql}`).all(...args) as { opcode: string; p2: number; p3: number }[];
  // p3 is the database: 0 the file's own, 1 the connection's temporary tables (the write counter).
  return program
    .filter((op) => (op.opcode === 'OpenRead' || op.opcode === 'ReopenIdx') && op.p3 === 0)
    .map((op) => byRoot.get(op.p2) ?? `rootpage ${op.p2}`);
}

let b: TestBackend;
beforeEach(async () => {
  // On this thread, so every statement is seen.
  setReportWorkerEnabled(false);
  b = await scenarioForManager();
});
afterEach(() => {
  setReportWorkerEnabled(true);
  b.dispose();
});

describe('the tables whose writes let go of the kept Trends answers', () => {
  it('include every table the kept report channels read, for every way they are asked', async () => {
    const manager: Person = { ...PEOPLE.mia };
    const agent: Person = { ...PEOPLE.sam };
    const recorder = recordStatements(b.db);
    const read = new Map<string, string>();
    try {
      for (const user of [manager, agent]) {
        for (const [channel, input] of ASKED) {
          recorder.ran.length = 0;
          recorder.on(true);
          const handler = reportHandlers[channel] as (deps: unknown, input: unknown, ctx: { user: Person }) => Promise<unknown>;
          await handler(b.deps, input, { user });
          recorder.on(false);
          for (const statement of recorder.ran) {
            for (const table of tablesRead(b.db, statement)) if (!read.has(table)) read.set(table, `${channel} ${JSON.stringify(input)} as ${user.role}`);
          }
        }
      }
    } finally {
      recorder.restore();
    }
    const listed = new Set<string>(REPORT_TABLES);
    const missing = [...read].filter(([table]) => !listed.has(table)).map(([table, by]) => `${table} (read by ${by})`);
    expect(missing).toEqual([]);
    // The recording saw the reports' own summaries: a recorder that saw nothing would pass above.
    expect([...read.keys()]).toEqual(expect.arrayContaining(['stated_reason_cells', 'diagnosed_reason_cells', 'call_facts', 'customer_facts', 'cycles']));
  });
});
