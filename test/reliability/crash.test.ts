import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA, runCrashTest } from './crash';
import { DEFAULT_WORKLOADS, TORN_PAIR } from './workloads';

/** The 30-kill crash test that runs in `npm test`; `npm run test:reliability` runs 200. */
describe('killing the console with SIGKILL at random moments', () => {
  it('never loses acknowledged work, never leaves half-written work, never damages the file', async () => {
    const report = await runCrashTest({ kills: 30 });
    expect(report.problems).toEqual([]);
    expect(report.schemaVersion).toBe(LATEST_SCHEMA);
    // The kills landed on real work: every workload was acknowledged at least once.
    for (const name of DEFAULT_WORKLOADS) expect(report.acknowledged[name], `${name} (seed ${report.seed})`).toBeGreaterThan(0);
  }, 120_000);

  it('notices a change and its event written in two commits', async () => {
    const report = await runCrashTest({ kills: 8, workloads: [TORN_PAIR], startupShare: 0 });
    expect(report.problems.join('\n')).toMatch(/events and changes were written without each other/);
  }, 60_000);
});
