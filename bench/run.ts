/**
 * `npm run bench [-- --quick] [-- --json FILE] [-- --only NAME]`: runs the benchmarks, prints a
 * table and, with --json, writes { "results": [ { name, value, unit, target, baseline, ratio, pass } ] }.
 * A missed target is reported, not fatal: the target is the goal, and CI runs --quick only to show
 * that every benchmark still works. A benchmark that breaks exits non-zero.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { BENCHMARKS } from './index';
import { formatTable } from './lib/table';
import type { BenchResult } from './types';

function option(name: string): string | undefined {
  const i = process.argv.lastIndexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const quick = process.argv.includes('--quick');
const jsonFile = option('--json');
const only = option('--only');
const log = (line: string) => process.stderr.write(`${line}\n`);

const chosen = BENCHMARKS.filter((b) => !only || b.name === only);
if (chosen.length === 0) {
  log(`No benchmark named ${JSON.stringify(only)}; there are: ${BENCHMARKS.map((b) => b.name).join(', ')}.`);
  process.exit(2);
}

const started = performance.now();
const results: BenchResult[] = [];
let broken = false;
for (const bench of chosen) {
  const dir = mkdtempSync(join(tmpdir(), `winback-bench-${bench.name.replace(/\W+/g, '-')}-`));
  try {
    log(`running ${bench.name}${quick ? ' (quick)' : ''}…`);
    const benchStarted = performance.now();
    results.push(...(await bench.run({ quick, dir, log })));
    log(`${bench.name}: ${((performance.now() - benchStarted) / 1000).toFixed(1)} s`);
  } catch (error) {
    broken = true;
    log(`${bench.name} broke: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.stdout.write(`\n${formatTable(results)}\n`);
process.stdout.write(`\n${results.filter((r) => r.pass).length} of ${results.length} figures meet their targets; ${((performance.now() - started) / 1000).toFixed(1)} s${quick ? ' (quick sizes)' : ''}.\n`);
if (jsonFile) {
  const file = resolve(jsonFile);
  mkdirSync(dirname(file), { recursive: true });
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10_000) / 10_000);
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        quick,
        at: new Date().toISOString(),
        results: results.map((r) => ({
          name: r.name,
          value: round(r.value),
          unit: r.unit,
          target: r.target,
          baseline: round(r.baseline),
          ratio: round(r.ratio),
          pass: r.pass,
          ratioTarget: r.ratioTarget,
          note: r.note,
        })),
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`Written to ${file}\n`);
}
process.exit(broken ? 1 : 0);
