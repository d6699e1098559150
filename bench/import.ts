import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { openDatabase } from '../db/open';
import { createBackend } from '../electron/backend/create';
import { silentLogger } from '../electron/backend/logger';
import { runImport } from '../electron/backend/import/run';
import { DEPARTURES_MAPPING, writeDeparturesCsv } from './lib/csv';
import { judged, type BenchResult, type Benchmark } from './types';

const NOW = new Date('2026-11-16T15:00:00Z');

/** The sqlite3 command-line shell, when one is installed: its version, or null. */
function sqliteShell(): string | null {
  const r = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split(' ')[0] ?? 'unknown' : null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * Importing a departure export of 100,000 rows through the real import service (the one behind the
 * Import screen and `winback import`): the file sniffed and streamed, every row validated (ids,
 * numbers, dates, time zones, duplicates) on the parse worker while the main thread maps stated
 * reasons and writes, in one transaction, every customer and a hub event for each, the import
 * record, the audit entry and a fresh selection pass, on a new console database each time.
 *
 * Baselines, each on a new database in the same run: the sqlite3 shell's `.import --csv` of the same
 * file into a plain table (no validation, no events, no indexes), when the shell is installed; and
 * the file parsed with csv-parse and inserted raw into a plain table with better-sqlite3 in one
 * transaction (WAL, synchronous=FULL).
 */
export const importBenchmark: Benchmark = {
  name: 'import',
  run: async (ctx) => {
    const rows = ctx.quick ? 10_000 : 100_000;
    const reps = 3;
    const csv = join(ctx.dir, 'departures.csv');
    const { invalid } = await writeDeparturesCsv(csv, rows, NOW);
    const shell = sqliteShell();
    if (!shell) ctx.log('import: the sqlite3 shell is not installed; its .import baseline is left out.');

    const real: number[] = [];
    const viaShell: number[] = [];
    const viaRaw: number[] = [];
    const problems: string[] = [];
    for (let rep = 0; rep < reps; rep += 1) {
      const dbPath = join(ctx.dir, `console-${rep}.db`);
      openDatabase(dbPath).close();
      const backend = createBackend({ dbPath, log: silentLogger, now: () => NOW });
      try {
        const start = performance.now();
        const result = await runImport(backend.deps, {
          path: csv,
          fileName: 'departures.csv',
          mapping: DEPARTURES_MAPPING,
          dryRun: false,
          skipInvalid: true,
          actorId: null,
          stagingDir: ctx.dir,
        });
        real.push(performance.now() - start);
        const written = result.written?.imported ?? 0;
        if (written !== rows - invalid || result.plan.invalid !== invalid) {
          problems.push(`the import wrote ${written} customers and refused ${result.plan.invalid} rows; expected ${rows - invalid} and ${invalid}`);
        }
      } finally {
        backend.close();
      }

      if (shell) {
        const shellDb = join(ctx.dir, `shell-${rep}.db`);
        const start = performance.now();
        const r = spawnSync('sqlite3', [shellDb, `.import --csv ${csv} departures`], { encoding: 'utf8' });
        viaShell.push(performance.now() - start);
        const check = new Database(shellDb, { readonly: true });
        const n = check.prepare('SELECT count(*) FROM departures').pluck().get() as number;
        check.close();
        if (r.status !== 0 || n !== rows) problems.push(`the sqlite3 shell imported ${n} rows (${r.stderr.trim() || `exit ${String(r.status)}`})`);
      }

      const rawDb = join(ctx.dir, `raw-${rep}.db`);
      const start = performance.now();
      const n = rawImport(csv, rawDb);
      viaRaw.push(performance.now() - start);
      if (n !== rows) problems.push(`the raw import wrote ${n} rows`);
    }

    const note = `median of ${reps} imports of ${rows.toLocaleString('en-US')} rows (${invalid} invalid, refused with their line) into a new console database`;
    const results: BenchResult[] = [];
    const primary = judged({
      name: `import ${rows.toLocaleString('en-US')} CSV rows with validation`,
      value: median(real) / 1000,
      unit: 's',
      target: ctx.quick ? null : 3,
      baseline: shell ? median(viaShell) / 1000 : median(viaRaw) / 1000,
      ratioTarget: shell ? 3 : null,
      note:
        `${note}; baseline: ${shell ? `the sqlite3 ${shell} shell's .import --csv of the same file` : 'raw better-sqlite3 inserts (the sqlite3 shell is not installed, so the ratio target is not judged)'}.` +
        (ctx.quick ? ' Quick size: the 3 s target is for 100,000 rows.' : '') +
        (problems.length > 0 ? ` INVALID: ${problems.join('; ')}.` : ''),
    });
    results.push(problems.length > 0 ? { ...primary, pass: false } : primary);
    if (shell) {
      results.push(
        judged({
          name: `import ${rows.toLocaleString('en-US')} CSV rows, beside raw better-sqlite3 inserts`,
          value: median(real) / 1000,
          unit: 's',
          target: null,
          baseline: median(viaRaw) / 1000,
          ratioTarget: null,
          note: 'For reference: the same file parsed with csv-parse and inserted raw in one transaction (WAL, synchronous=FULL).',
        }),
      );
    }
    return results;
  },
};

/** The plainest fast import: the whole file parsed in memory, one prepared insert, one transaction. */
function rawImport(csv: string, dbPath: string): number {
  const db = new Database(dbPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const records: string[][] = parse(readFileSync(csv), { from_line: 2 });
    const width = records[0]?.length ?? 0;
    db.exec(`CREATE TABLE departures (${Array.from({ length: width }, (_, i) => `c${i} TEXT`).join(', ')})`);
    const insert = db.prepare(`INSERT INTO departures VALUES (${Array.from({ length: width }, () => '?').join(', ')})`);
    db.transaction(() => {
      for (const r of records) insert.run(r);
    })();
    return records.length;
  } finally {
    db.close();
  }
}
