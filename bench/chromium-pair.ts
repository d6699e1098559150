/**
 * `npx tsx bench/chromium-pair.ts --before DIR [--after DIR] [--runs 5] [--pages 7] [--customers 100000]`
 *
 * The Queue's first paint (bench/chromium.ts) of two checkouts, taken in turns (before, after,
 * before, after …) so that a shared machine's changing load falls on both alike. Each checkout must
 * have its renderer built (`npx electron-vite build` in it) and its packages installed (a symlinked
 * node_modules will do when the lock files agree).
 *
 * The measuring is this checkout's, the same for both: the same pages, the same marks, the same
 * baseline. What each checkout brings is its own: its database code fills the 100,000 customers (a
 * server refuses a database from a newer schema, so each gets its own file), its `winback serve`
 * answers, and its built renderer is what paints. Each run starts the checkout's server and a fresh
 * browser, counts `--pages` fresh pages after one warming round, and notes the load average beside
 * its medians.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM, measureFirstPaints, median } from './chromium';
import { fillConsole } from './lib/fillConsole';

function option(name: string, fallback?: string): string | undefined {
  const i = process.argv.lastIndexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function count(name: string, fallback: number): number {
  const value = Number(option(name, String(fallback)));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} is a whole number of at least 1.`);
  return value;
}

/** A queue row in the markup of either checkout: the list before the Queue became a listbox, and after. */
const ANY_ROW = 'ul[aria-label="Customers to call"] li.queue-row, [role="listbox"][aria-label="Customers to call"] .queue-row';

interface Run {
  build: 'before' | 'after';
  firstPaint: number;
  baseline: number;
  loadStart: number;
  loadEnd: number;
}

const fmt = (ms: number) => Math.round(ms).toLocaleString('en-US');
const x = (r: number) => `x${r.toFixed(2)}`;

async function main(): Promise<void> {
  const beforeDir = option('--before');
  if (!beforeDir) throw new Error('Say which checkout is "before": --before DIR.');
  const roots = { before: resolve(beforeDir), after: resolve(option('--after', join(import.meta.dirname, '..')) ?? '.') };
  const runs = count('--runs', 5);
  const pages = count('--pages', 7);
  const customers = count('--customers', 100_000);
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}; set CHROMIUM_PATH.`);
  for (const root of Object.values(roots)) {
    if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) throw new Error(`${root} has no built renderer: run \`npx electron-vite build\` in it first.`);
  }

  const dir = mkdtempSync(join(tmpdir(), 'winback-bench-pair-'));
  try {
    const dbs = { before: join(dir, 'before.db'), after: join(dir, 'after.db') };
    for (const build of ['before', 'after'] as const) {
      process.stderr.write(`filling ${fmt(customers)} customers with ${roots[build]}'s code…\n`);
      fillConsole(roots[build], dbs[build], customers, dir);
    }
    const done: Run[] = [];
    for (let round = 0; round < runs; round += 1) {
      for (const build of ['before', 'after'] as const) {
        const loadStart = loadavg()[0] ?? Number.NaN;
        const measured = await measureFirstPaints(dbs[build], { reps: pages, root: roots[build], row: ANY_ROW });
        if (measured.problems.length > 0) throw new Error(`${build}: ${[...new Set(measured.problems)].join('; ')}.`);
        const run: Run = { build, firstPaint: median(measured.real), baseline: median(measured.bare), loadStart, loadEnd: loadavg()[0] ?? Number.NaN };
        done.push(run);
        process.stderr.write(`${String(done.length).padStart(2)} ${build.padEnd(6)} ${fmt(run.firstPaint)} ms, baseline ${fmt(run.baseline)} ms, load ${run.loadStart.toFixed(2)}–${run.loadEnd.toFixed(2)}\n`);
      }
    }

    const lines = ['| run | build | first paint | baseline | ratio to baseline | load (1 min, start–end) |', '| --- | --- | --- | --- | --- | --- |'];
    done.forEach((r, i) => lines.push(`| ${i + 1} | ${r.build} | ${fmt(r.firstPaint)} ms | ${fmt(r.baseline)} ms | ${x(r.firstPaint / r.baseline)} | ${r.loadStart.toFixed(2)}–${r.loadEnd.toFixed(2)} |`));
    const of = (build: Run['build']) => done.filter((r) => r.build === build);
    const before = of('before');
    const after = of('after');
    const pairs = before.map((b, i) => {
      const a = after[i];
      if (!a) throw new Error('a round lost its second run.');
      return { paint: a.firstPaint / b.firstPaint, normalised: a.firstPaint / a.baseline / (b.firstPaint / b.baseline) };
    });
    const summary = [
      '',
      `medians of ${runs} runs each (every run the median of ${pages} fresh pages, ${fmt(customers)} customers):`,
      `  before ${fmt(median(before.map((r) => r.firstPaint)))} ms (baseline ${fmt(median(before.map((r) => r.baseline)))} ms)`,
      `  after  ${fmt(median(after.map((r) => r.firstPaint)))} ms (baseline ${fmt(median(after.map((r) => r.baseline)))} ms)`,
      `  after / before, first paint: ${x(median(after.map((r) => r.firstPaint)) / median(before.map((r) => r.firstPaint)))}`,
      `  per pair, after / before: ${pairs.map((p) => x(p.paint)).join(', ')}; median ${x(median(pairs.map((p) => p.paint)))}`,
      `  per pair, after / before of the ratios to their baselines: ${pairs.map((p) => x(p.normalised)).join(', ')}; median ${x(median(pairs.map((p) => p.normalised)))}`,
    ];
    process.stdout.write(`${[...lines, ...summary].join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
