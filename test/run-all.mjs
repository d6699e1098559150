#!/usr/bin/env node
// `npm test`: typecheck, lint, build, the security scan, then the vitest suites unit, component,
// hub and end-to-end. The thorough suites, the crash tests, the packaging check and the quick
// benchmarks are longer and run with `npm run test:slow` (vitest.config.ts lists them).
// Ends with one line "N passed, N failed, N skipped" counting test cases across all suites, a test
// file that failed to load and a failed step each as one failed (test/run-all-counts.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closingCounts, closingLines } from './run-all-counts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name, file) => join(root, 'node_modules', name, file);
const results = join(root, 'test', 'artifacts', 'vitest-results.json');

function step(title, args) {
  process.stdout.write(`\n== ${title}\n`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return r.status === 0;
}

/** Runs steps at the same time (each on a core), then prints each one's output under its title. */
async function together(steps) {
  const runs = steps.map(
    ([title, args]) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code) => resolve({ title, ok: code === 0, out }));
      }),
  );
  const done = await Promise.all(runs);
  for (const { title, out } of done) process.stdout.write(`\n== ${title}\n${out}`);
  return done;
}

// What the tests need from the system, said once up front: without it whole files fail to load.
// `bash bin/ready npm test` installs both where it can.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const missing = [];
try {
  accessSync(chromium, constants.X_OK);
} catch {
  missing.push({ what: `Chromium at ${chromium} (the end-to-end tests)`, apt: 'chromium' });
}
if (spawnSync('sqlite3', ['-version']).error) missing.push({ what: 'the sqlite3 shell (the standard-tools test, the import benchmark)', apt: 'sqlite3' });
if (missing.length > 0) {
  process.stdout.write(
    `Missing: ${missing.map((m) => m.what).join('; ')}. Install as root with \`apt-get install ${missing.map((m) => m.apt).join(' ')}\`, or run \`bash bin/ready npm test\`, which does.\n`,
  );
}

const failures = [];
// Typecheck and lint read the same sources and change nothing: one on each core.
const checks = await together([
  ['typecheck', [bin('typescript', 'bin/tsc'), '--noEmit', '-p', 'tsconfig.json']],
  ['lint', [bin('eslint', 'bin/eslint.js'), '.', '--max-warnings', '0']],
]);
for (const { title, ok } of checks) if (!ok) failures.push(title);
if (!step('build', [bin('electron-vite', 'bin/electron-vite.js'), 'build', '--logLevel', 'warn'])) failures.push('build');
// Electronegativity over the build just made; fails on unjustified high or medium findings.
if (!step('security scan', [bin('tsx', 'dist/cli.mjs'), 'test/security/electronegativity.ts'])) failures.push('security scan');
mkdirSync(dirname(results), { recursive: true });
rmSync(results, { force: true });
const extra = process.argv.slice(2);
const testsOk = step('unit, component and end-to-end tests', [
  bin('vitest', 'vitest.mjs'),
  'run',
  '--project=unit',
  '--project=unit-isolated',
  '--project=component',
  '--project=hub',
  '--project=e2e',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${results}`,
  ...extra,
]);
if (!testsOk) failures.push('tests');

let report = null;
if (existsSync(results)) {
  try {
    report = JSON.parse(readFileSync(results, 'utf8'));
  } catch {
    // Counted as a failed test run below, when the run failed; a report vitest could not finish.
  }
}
const counts = closingCounts(report, failures);
const lines = closingLines({ ...counts, unloaded: counts.unloaded.map((f) => ({ ...f, name: relative(root, f.name) })) });
process.stdout.write(`\n${lines.join('\n')}\n`);
process.exit(failures.length > 0 ? 1 : 0);
