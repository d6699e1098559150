// The closing line of `npm test` (test/run-all.mjs), from vitest's JSON report and the steps that
// failed. Its own module so test/unit/run-all-counts.test.ts can feed it reports.

/**
 * A JSON report's test files that failed before any test in them ran (an import that threw, a
 * missing browser): vitest counts no test for them, only the file, as failed with no assertions.
 * @param {{ testResults?: { name: string, status: string, assertionResults?: unknown[], message?: string }[] } | null} report
 * @returns {{ name: string, message: string }[]}
 */
export function filesFailedToLoad(report) {
  return (report?.testResults ?? [])
    .filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0)
    .map((f) => ({ name: f.name, message: (f.message ?? '').split('\n')[0] ?? '' }));
}

/**
 * The counts of the closing line. Failed counts the failed tests, each test file that failed to
 * load, and each step besides the tests that failed (typecheck, lint, build...); a failed test run
 * with none of those (vitest itself broke, or wrote no report) counts one. So a run that failed
 * never says 0 failed.
 * @param {{ numPassedTests?: number, numFailedTests?: number, numPendingTests?: number, numTodoTests?: number } & Parameters<typeof filesFailedToLoad>[0] | null} report
 *   vitest's JSON report, or null when there is none
 * @param {string[]} failedSteps the steps that failed, 'tests' for the test run itself
 */
export function closingCounts(report, failedSteps) {
  const passed = report?.numPassedTests ?? 0;
  const failedTests = report?.numFailedTests ?? 0;
  const skipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
  const unloaded = filesFailedToLoad(report);
  const otherSteps = failedSteps.filter((s) => s !== 'tests');
  const testRunOnly = failedSteps.includes('tests') && failedTests + unloaded.length === 0 ? 1 : 0;
  return {
    passed,
    failed: failedTests + unloaded.length + otherSteps.length + testRunOnly,
    skipped,
    failedTests,
    unloaded,
    otherSteps,
    testRunOnly,
  };
}

/**
 * The closing lines: what the failures are, when there are any, then `N passed, N failed, N skipped`
 * alone on the last line (the form CI reads).
 * @param {ReturnType<typeof closingCounts>} c
 * @returns {string[]}
 */
export function closingLines(c) {
  const parts = [];
  if (c.failedTests > 0) parts.push(`${c.failedTests} failed test${c.failedTests === 1 ? '' : 's'}`);
  if (c.unloaded.length > 0) parts.push(`${c.unloaded.length} test file${c.unloaded.length === 1 ? '' : 's'} that failed to load`);
  if (c.testRunOnly > 0) parts.push('the test run itself');
  if (c.otherSteps.length > 0) parts.push(`the step${c.otherSteps.length === 1 ? '' : 's'} ${c.otherSteps.join(', ')}`);
  const lines = c.unloaded.map((f) => `Failed to load: ${f.name}${f.message ? `: ${f.message}` : ''}`);
  if (parts.length > 0) lines.push(`Failed: ${parts.join('; ')}.`);
  lines.push(`${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  return lines;
}
