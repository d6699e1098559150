/**
 * Report and export speed at scale: `node --import tsx test/bench/reports.bench.ts [calls]`
 * (default 1,000,000). Builds a throwaway database with that many completed calls, then times the
 * reports (median of several runs, warm cache) and streams the calls export to a file while
 * sampling memory. Not part of `npm test`: speed is proven here, never asserted in tests.
 */
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/open';
import { reasonsReport } from '../../db/repos/reportsReasons';
import { agreement, offerMatrix, recoveryBy, recoveryGroups } from '../../db/repos/reportsRecovery';
import { openExport } from '../../electron/backend/exports/datasets';
import { exportWords } from '../../electron/backend/exports/words';
import { finish, streamCsv } from '../../electron/backend/exports/stream';
import { fillCalls } from '../../bench/lib/callFixtures';

const CALLS = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'winback-bench-'));
// WINBACK_BENCH_DB reuses a database an earlier run built (and keeps it).
const reuse = process.env.WINBACK_BENCH_DB;
const path = reuse ?? join(dir, 'bench.db');
const out = (line: string) => process.stdout.write(`${line}\n`);

function build(): void {
  // Written at schema 6 and upgraded, as a console is: migration 7 builds the report summaries.
  const f = fillCalls(path, CALLS);
  out(
    `built ${f.customers.toLocaleString()} customers and ${CALLS.toLocaleString()} calls in ${f.writeSeconds.toFixed(1)} s, ` +
      `summaries in ${f.migrateSeconds.toFixed(1)} s (${(statSync(path).size / 1e6).toFixed(0)} MB)`,
  );
}

function time(label: string, run: () => unknown, rounds = 5): void {
  run();
  const ms: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const t = performance.now();
    run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  out(`${label.padEnd(58)} median ${ms[Math.floor(ms.length / 2)]?.toFixed(0)} ms  (min ${ms[0]?.toFixed(0)}, max ${ms.at(-1)?.toFixed(0)})`);
}

async function main(): Promise<void> {
  if (!reuse || !existsSync(reuse)) build();
  if (process.env.WINBACK_BENCH_BUILD_ONLY === '1') return;
  const db = openDatabase(path);
  time('diagnosed reasons by month (calls, revenue, recoveries)', () => reasonsReport(db, { by: 'diagnosed', group: 'month' }));
  time('diagnosed reasons by month, one segment', () => reasonsReport(db, { by: 'diagnosed', group: 'month', segment: 'One year' }));
  time('diagnosed reasons, one caller (an agent\'s own view)', () => reasonsReport(db, { by: 'diagnosed', callerId: 'bench-agent-1' }));
  time('diagnosed reasons, one cycle', () => reasonsReport(db, { by: 'diagnosed', cycleId: '2026-06' }));
  time('diagnosed reasons, one month of days', () => reasonsReport(db, { by: 'diagnosed', from: '2026-06-01', to: '2026-06-30' }));
  time('stated reasons by cycle', () => reasonsReport(db, { by: 'stated', group: 'cycle' }));
  time('recovery by offer', () => recoveryBy(db, 'offer', {}));
  time('recovery by agent', () => recoveryBy(db, 'agent', {}));
  time('recovery, all six breakdowns (the Recovery tab)', () => recoveryGroups(db, {}));
  time('offer matrix', () => offerMatrix(db, {}));
  time('stated vs diagnosed agreement', () => agreement(db, {}));
  // The Trends view over one month of days, and as one agent among twenty.
  const june = { from: '2026-06-01', to: '2026-06-30' };
  const agent = { callerId: 'bench-agent-1' };
  for (const [label, f] of [['one month of days', june], ["one agent's own calls", agent]] as const) {
    time(`stated reasons, ${label}`, () => reasonsReport(db, { by: 'stated', ...f }));
    time(`stated reasons by cycle, ${label}`, () => reasonsReport(db, { by: 'stated', group: 'cycle', ...f }));
    time(`diagnosed reasons by cycle, ${label}`, () => reasonsReport(db, { by: 'diagnosed', group: 'cycle', ...f }));
    time(`recovery, all six breakdowns, ${label}`, () => recoveryGroups(db, f), 3);
    time(`offer matrix, ${label}`, () => offerMatrix(db, f), 3);
    time(`stated vs diagnosed agreement, ${label}`, () => agreement(db, f), 3);
  }
  db.close();

  const reader = new Database(path, { readonly: true });
  const file = join(dir, 'calls.csv');
  const stream = createWriteStream(file);
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const before = process.memoryUsage().rss;
  const t = performance.now();
  const { rows, columns } = openExport(reader, 'calls', exportWords('en', 'USD'));
  const written = await streamCsv(rows, columns, stream);
  await finish(stream);
  clearInterval(sample);
  out(
    `export calls: ${written.toLocaleString()} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s; ` +
      `RSS before ${(before / 1e6).toFixed(0)} MB, peak ${(peak / 1e6).toFixed(0)} MB`,
  );
  reader.close();
  rmSync(dir, { recursive: true, force: true });
  if (!reuse) rmSync(path, { force: true });
}

await main();
