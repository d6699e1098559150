import { describe, expect, it } from 'vitest';
import { closingCounts, closingLines, type VitestJsonReport } from '../run-all-counts.mjs';

/**
 * The closing line of `npm test` counts what failed. A run on a machine without Chromium used to end
 * with exit code 1 and "1038 passed, 0 failed": the nine end-to-end files failed before any test in
 * them ran, and vitest's JSON report counts no failed test for a file that failed to load.
 */

/** A report as vitest writes it (trimmed): one file that failed to load, one with a passed, a skipped and a failed test. */
const REPORT: VitestJsonReport = {
  numPassedTests: 1,
  numFailedTests: 1,
  numPendingTests: 1,
  numTodoTests: 0,
  testResults: [
    { name: '/repo/test/e2e/queue.test.ts', status: 'failed', assertionResults: [], message: 'Chromium is not installed at /usr/bin/chromium\n    at harness.ts:20' },
    { name: '/repo/test/unit/mixed.test.ts', status: 'failed', assertionResults: [{ status: 'passed' }, { status: 'skipped' }, { status: 'failed' }], message: '' },
  ],
};

const ALL_LOAD_FAILED: VitestJsonReport = {
  numPassedTests: 1038,
  numFailedTests: 0,
  numPendingTests: 35,
  testResults: [
    { name: '/repo/test/unit/a.test.ts', status: 'passed', assertionResults: [{ status: 'passed' }] },
    ...Array.from({ length: 9 }, (_, i) => ({ name: `/repo/test/e2e/f${i}.test.ts`, status: 'failed', assertionResults: [], message: 'Chromium is not installed' })),
  ],
};

describe("npm test's closing line", () => {
  it('counts each test file that failed to load as failed, and says which', () => {
    const lines = closingLines(closingCounts(ALL_LOAD_FAILED, ['tests']));
    expect(lines.at(-1)).toBe('1038 passed, 9 failed, 35 skipped');
    expect(lines).toContain('Failed: 9 test files that failed to load.');
    expect(lines).toContain('Failed to load: /repo/test/e2e/f0.test.ts: Chromium is not installed');
  });

  it('adds failed tests, files that failed to load and skipped tests up across files', () => {
    const c = closingCounts(REPORT, ['tests']);
    expect(c).toMatchObject({ passed: 1, failed: 2, skipped: 1 });
    const lines = closingLines(c);
    expect(lines.at(-1)).toBe('1 passed, 2 failed, 1 skipped');
    expect(lines).toContain('Failed: 1 failed test; 1 test file that failed to load.');
    expect(lines).toContain('Failed to load: /repo/test/e2e/queue.test.ts: Chromium is not installed at /usr/bin/chromium');
  });

  it('never says 0 failed when a step failed', () => {
    const passing: VitestJsonReport = { numPassedTests: 5, numFailedTests: 0, numPendingTests: 0, testResults: [{ name: 'a', status: 'passed', assertionResults: [{}] }] };
    expect(closingLines(closingCounts(passing, ['lint', 'build'])).slice(-2)).toEqual(['Failed: the steps lint, build.', '5 passed, 2 failed, 0 skipped']);
    // The test run failed with no failed test and no file that failed to load (an error outside any test).
    expect(closingLines(closingCounts(passing, ['tests'])).slice(-2)).toEqual(['Failed: the test run itself.', '5 passed, 1 failed, 0 skipped']);
    // No report at all: vitest broke before writing it.
    expect(closingLines(closingCounts(null, ['typecheck', 'tests'])).slice(-2)).toEqual(['Failed: the test run itself; the step typecheck.', '0 passed, 2 failed, 0 skipped']);
  });

  it('is one plain line when everything passed', () => {
    const passing: VitestJsonReport = { numPassedTests: 1038, numFailedTests: 0, numPendingTests: 30, numTodoTests: 5, testResults: [] };
    expect(closingLines(closingCounts(passing, []))).toEqual(['1038 passed, 0 failed, 35 skipped']);
  });

  it('ends with the form CI reads: "N passed, N failed, N skipped" alone on the line', () => {
    for (const [report, steps] of [[ALL_LOAD_FAILED, ['tests']], [REPORT, ['tests', 'lint']], [null, ['tests']]] as const) {
      expect(closingLines(closingCounts(report, [...steps])).at(-1)).toMatch(/^\d+ passed, \d+ failed, \d+ skipped$/);
    }
  });
});
