import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../db/open';
import { fillCallHistory } from './lib/callHistory';
import { judged, type BenchResult, type Benchmark } from './types';

interface Measured {
  ms: number;
  loadMs: number;
  maxRssMb: number;
  exitCode: number;
}

/** One run of bench/child/measured.ts: a fresh Node process, so its peak memory is the work's own. */
function measuredChild(args: string[]): Measured {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'child', 'measured.ts'), ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`the measured child failed (${String(r.status)}): ${r.stderr.trim().slice(-500)}`);
  return JSON.parse(last) as Measured;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * Exporting every call to CSV as `winback export calls --out FILE` does it (the Exports screen runs
 * the same query and writer): the calls with their customer, caller, cycle, stated and diagnosed
 * reasons and offers folded into one cell, read and formatted in ranges by two worker threads on
 * read-only connections sharing one snapshot, written in order with backpressure, quoted and
 * formula-neutralised. Each run is a fresh process, so its peak resident
 * memory is measured whole (Node and the command line's modules included).
 *
 * Baseline, also in a fresh process: the same query iterated raw with better-sqlite3 and written
 * with minimal CSV quoting. The benchmark checks both files have a line per call.
 */
export const exportBenchmark: Benchmark = {
  name: 'export',
  run: (ctx) => {
    const calls = ctx.quick ? 20_000 : 1_000_000;
    const dbPath = join(ctx.dir, 'history.db');
    const db = openDatabase(dbPath);
    const started = performance.now();
    fillCallHistory(db, calls);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    ctx.log(`export: ${calls.toLocaleString('en-US')} calls written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const reps = 3;
    const real: Measured[] = [];
    const raw: Measured[] = [];
    const problems: string[] = [];
    const lines = (file: string) => {
      // Values may hold line breaks inside quotes; count records as CRLF ends outside of them.
      const text = readFileSync(file, 'utf8');
      let n = 0;
      let quoted = false;
      for (let i = 0; i < text.length; i += 1) {
        const ch = text.charCodeAt(i);
        if (ch === 34) quoted = !quoted;
        else if (ch === 10 && !quoted && text.charCodeAt(i - 1) === 13) n += 1;
      }
      return n - 1;
    };
    for (let rep = 0; rep < reps; rep += 1) {
      const out = join(ctx.dir, `calls-${rep}.csv`);
      const r = measuredChild(['winback', 'export', 'calls', '--db', dbPath, '--out', out]);
      if (r.exitCode !== 0) problems.push(`winback export exited with ${r.exitCode}`);
      real.push(r);
      const rawOut = join(ctx.dir, `raw-${rep}.csv`);
      raw.push(measuredChild(['raw-export', dbPath, 'calls', rawOut]));
      if (rep === 0) {
        const [a, b] = [lines(out), lines(rawOut)];
        if (a !== calls || b !== calls) problems.push(`the export holds ${a} calls and the baseline ${b}, not ${calls}`);
        ctx.log(`export: ${(statSync(out).size / 1e6).toFixed(0)} MB of CSV`);
      }
    }
    const peak = Math.max(...real.map((r) => r.maxRssMb));
    const verdict = problems.length > 0 ? ` INVALID: ${problems.join('; ')}.` : '';
    const results: BenchResult[] = [
      judged({
        name: `export ${calls.toLocaleString('en-US')} calls to CSV`,
        value: median(real.map((r) => r.ms)) / 1000,
        unit: 's',
        target: ctx.quick ? null : 3,
        baseline: median(raw.map((r) => r.ms)) / 1000,
        ratioTarget: null,
        note: `median of ${reps} runs of winback export calls --out, each in a fresh process, timed from the command's start, after Node has loaded its modules (another ${(median(real.map((r) => r.loadMs)) / 1000).toFixed(2)} s); baseline: the same query iterated raw with minimal quoting.${ctx.quick ? ' Quick size: the 3 s target is for 1,000,000 calls.' : ''}${verdict}`,
      }),
      judged({
        name: `export ${calls.toLocaleString('en-US')} calls: peak memory`,
        value: peak,
        unit: 'MB',
        target: 250,
        baseline: Math.max(...raw.map((r) => r.maxRssMb)),
        ratioTarget: null,
        note: 'the highest resident set of the export processes (Node, its modules and the work), beside the raw export process.',
      }),
    ];
    return Promise.resolve(problems.length > 0 ? results.map((r) => ({ ...r, pass: false })) : results);
  },
};
