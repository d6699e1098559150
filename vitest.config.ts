import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * Test suites by runtime: unit (node), component (jsdom), hub (node, SQLite and PostgreSQL),
 * reliability (the crash test), packaging (electron-builder on the built output), e2e (real
 * Chromium against `winback serve`, and the Electron window where installed).
 */
/**
 * The thorough suites: property and fuzz runs, the old-SQLite migration checks, each command of the
 * command line as its own process, the hub under injected network faults, a keyboard-only shift with an accessibility pass over every view,
 * and the pseudo-language sweep over every screen. They add minutes of CPU on two cores, so they run
 * with `npm run test:slow` and `npm test` stays under ten minutes.
 */
const SLOW = [
  'test/unit/fuzz-api.test.ts',
  'test/unit/report-summaries-property.test.ts',
  'test/unit/migration-010.test.ts',
  'test/unit/migration-011.test.ts',
  'test/unit/cli-backup.test.ts',
  'test/unit/cli-care.test.ts',
  'test/unit/cli-effect.test.ts',
  'test/unit/cli-faults.test.ts',
  'test/unit/cli-import.test.ts',
  'test/unit/cli-keep-in-touch.test.ts',
  'test/unit/cli-suppress.test.ts',
  'test/unit/cli-export-history.test.ts',
  'test/hub/faults.test.ts',
  'test/e2e/floor-shift.test.ts',
  'test/e2e/i18n-views.test.ts',
  // Thorough rather than first-line: every CLI command as a process, the read-only file in every
  // state, every migration from every shipped version, and contrast in both themes over every view.
  'test/unit/cli.test.ts',
  'test/unit/readonly-database.test.ts',
  'test/unit/migrations-upgrade.test.ts',
  'test/e2e/themes.test.ts',
  // Each dataset through the worker threads at size, with its failures injected.
  'test/unit/export-workers.test.ts',
  // The hub's thorough checks: cells against projections over every filter after random streams,
  // the benchmark fixture against ingest, concurrent batches, and each hub command as a process.
  'test/hub/reasons-cells.test.ts',
  'test/hub/hub-fixture.test.ts',
  'test/hub/ingestConcurrency.test.ts',
  'test/hub/cli.test.ts',
  // Two hub processes on one PostgreSQL, one killed mid-sync: its clean-up once outlasted the
  // 60 s hook limit in a full run; it runs here, on its own time.
  'test/hub/scaleOut.test.ts',
];

/**
 * Unit files that mock modules or globals (Electron, timers): each runs in a fresh module graph.
 * The other unit files share their workers' loaded modules: every test builds its own database and
 * backend, and loading the backend once per worker instead of once per file saves minutes.
 */
const MOCKING = [
  'test/unit/desktop-menu.test.ts',
  'test/unit/desktop-window.test.ts',
  'test/unit/electron-shell.test.ts',
  'test/unit/erasure-log.test.ts',
  'test/unit/preload.test.ts',
  'test/unit/updates.test.ts',
  'test/unit/window-state.test.ts',
];

export default defineConfig({
  test: {
    // Two files at a time even on two cores (vitest's default there is one): most files wait on
    // child processes, Chromium, PostgreSQL or the disk, so a second worker keeps the cores busy.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...SLOW, ...MOCKING],
          testTimeout: 30_000,
          isolate: false,
        },
      },
      {
        test: {
          name: 'unit-isolated',
          environment: 'node',
          include: MOCKING,
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['test/component/**/*.test.tsx'],
          setupFiles: ['test/component/setup.ts'],
          // jsdom renders of whole views take a second or two on a busy two-core machine; the
          // default 5 s left no margin there.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'slow',
          environment: 'node',
          include: SLOW,
          expect: { poll: { timeout: 15_000 } },
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          // The crash test: children killed with SIGKILL; one file at a time, they are timing-sensitive.
          name: 'reliability',
          environment: 'node',
          include: ['test/reliability/**/*.test.ts'],
          testTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // Runs electron-builder: its own script (npm run test:packaging), and part of npm test.
          name: 'packaging',
          environment: 'node',
          include: ['test/packaging/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          // The sync hub and the console's sender, against SQLite and (when one answers) PostgreSQL.
          name: 'hub',
          environment: 'node',
          include: ['test/hub/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...SLOW],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // Two files at a time like the rest: each PostgreSQL fixture migrates a schema of its own
          // (test/hub/stores.ts), and every hub listens on a port of its own. Each file keeps a module
          // graph of its own: shared, the sender's and the ledger's tests failed one run in two.
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // A page repaints in well under a second on its own, but two e2e files run at once beside
          // the unit files: polls wait up to 15 s (the default of 1 s failed under that load).
          expect: { poll: { timeout: 15_000 } },
          exclude: [...configDefaults.exclude, ...SLOW],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Two files at a time like the rest: each file serves its own console on port 0 in a
          // temporary folder with its own Chromium, so files share nothing.
        },
      },
    ],
  },
});
