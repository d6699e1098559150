#!/usr/bin/env node
// `npm test`: typecheck, lint, build, the security scan, the quick benchmarks, then every vitest
// suite (unit, component, reliability, end-to-end).
// Ends with one line "N passed, N failed, N skipped" counting test cases across all suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name, file) => join(root, 'node_modules', name, file);
const results = join(root, 'test', 'artifacts', 'vitest-results.json');

function step(title, args) {
  process.stdout.write(`\n== ${title}\n`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return r.status === 0;
}

const failures = [];
if (!step('typecheck', [bin('typescript', 'bin/tsc'), '--noEmit', '-p', 'tsconfig.json'])) failures.push('typecheck');
if (!step('lint', [bin('eslint', 'bin/eslint.js'), '.', '--max-warnings', '0'])) failures.push('lint');
if (!step('build', [bin('electron-vite', 'bin/electron-vite.js'), 'build', '--logLevel', 'warn'])) failures.push('build');
// Electronegativity over the build just made; fails on unjustified high or medium findings.
if (!step('security scan', [bin('tsx', 'dist/cli.mjs'), 'test/security/electronegativity.ts'])) failures.push('security scan');
// A smoke test that every benchmark still runs (small sizes, about ten seconds); missed targets are
// reported in its table, not failed: the figures are judged on full sizes with `npm run bench`.
if (!step('benchmarks, quick', [bin('tsx', 'dist/cli.mjs'), 'bench/run.ts', '--quick', '--json', 'test/artifacts/bench-quick.json'])) failures.push('benchmarks');

mkdirSync(dirname(results), { recursive: true });
rmSync(results, { force: true });
const extra = process.argv.slice(2);
const testsOk = step('unit, component and end-to-end tests', [
  bin('vitest', 'vitest.mjs'),
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${results}`,
  ...extra,
]);
if (!testsOk) failures.push('tests');

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(results)) {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
if (failures.length > 0) process.stdout.write(`\nFailed steps: ${failures.join(', ')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failures.length > 0 ? 1 : 0);
