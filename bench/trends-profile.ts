/**
 * Where the Trends view's time goes, step by step: `npx tsx bench/trends-profile.ts DB [--cpu]`, DB a
 * filled Trends database (`WINBACK_BENCH_TRENDS_DB` of bench/trends-chromium.ts keeps one; a copy is
 * used, the file itself is never written). Not a benchmark of `npm run bench`: a tool to read before
 * changing what the benchmark measures.
 *
 * With --write, a call is saved through the served API just before each filter (as the benchmark's
 * "after a write" steps), so no report is a kept answer.
 *
 * 1. The core: each report the view asks for, through the dispatcher and the report worker (median
 *    of 7 after a warm-up), for the whole report and for a segment.
 * 2. The page: `winback serve` and Chromium as in the benchmark; for the click and for each filter,
 *    when each report's request left and its answer ended (resource timings), the long tasks, and the
 *    frame that paints the chart, all from the click or the change. With --cpu, a CPU profile of the
 *    page over the same steps, its self time summed by function.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createBackend } from '../electron/backend/create';
import { silentLogger } from '../electron/backend/logger';
import type { ReportOptions } from '../shared/api/reports';
import { readQueueSettings, writeQueueSettings } from '../db/repos/queueSettings';
import { CHROMIUM, CHROMIUM_ARGS, median, serveConsole } from './chromium';
import { callSaver } from './trends-chromium';
import { summarise, type CpuProfile } from './lib/cpuProfile';

const source = process.argv[2];
if (!source) {
  process.stderr.write('Usage: npx tsx bench/trends-profile.ts DB [--cpu]\n');
  process.exit(2);
}
const withCpu = process.argv.includes('--cpu');
const withWrite = process.argv.includes('--write');
const dir = mkdtempSync(join(tmpdir(), 'winback-trends-profile-'));
const dbPath = join(dir, 'trends.db');
copyFileSync(source, dbPath);
const out = (line: string) => process.stdout.write(`${line}\n`);

async function coreTimings(): Promise<{ segments: string[]; toCall: number[] }> {
  const backend = createBackend({ dbPath, log: silentLogger, dailyBackups: true });
  try {
    await backend.dispatch('session.setup', { name: 'Bench Manager', role: 'manager' });
    const options = await backend.dispatch('reports.options', {});
    await backend.database.dailyBackups()?.current();
    // Saving a call at any hour (see the benchmark's callSaver).
    writeQueueSettings(backend.db, { ...readQueueSettings(backend.db), callingHoursEnforced: false });
    const toCall = backend.db.prepare("SELECT id FROM customers WHERE last_outcome IS NULL OR last_outcome <> 'recovered' ORDER BY id LIMIT 500").pluck().all() as number[];
    const segments = (options.ok ? (options.value as ReportOptions).segments : []).slice(0, 3);
    const asks = (f: Record<string, string>): [string, string, unknown][] => [
      ['options', 'reports.options', {}],
      ['reasons', 'reports.reasons', { ...f, by: 'stated' }],
      ['recovery', 'reports.recovery', f],
      ['reasons by cycle', 'reports.reasons', { ...f, by: 'stated', group: 'cycle' }],
      ['offer matrix', 'reports.offerMatrix', f],
      ['agreement', 'reports.agreement', f],
    ];
    out(`core (dispatcher and report worker), median of 7 ms; load ${loadavg()}`);
    for (const filters of [{}, { segment: segments[0] ?? '' }] as Record<string, string>[]) {
      for (const [name, channel, input] of asks(filters)) {
        const times: number[] = [];
        let bytes = 0;
        for (let i = 0; i < 8; i += 1) {
          const t0 = performance.now();
          const r = await backend.dispatch(channel, input);
          const ms = performance.now() - t0;
          if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
          bytes = JSON.stringify(r.value).length;
          if (i > 0) times.push(ms);
        }
        out(`  ${JSON.stringify(filters)} ${name}: ${median(times).toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}), ${(bytes / 1024).toFixed(1)} kB`);
      }
    }
    return { segments, toCall };
  } finally {
    backend.close();
  }
}

const loadavg = () => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
};

/** Installed in the page: records long tasks and, for a step, the requests and the chart's frame. */
const RECORDER = `(() => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: false });
})()`;

const STEP_REPORT = `(t0) => {
  const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/') && e.startTime >= t0 - 5)
    .map((e) => [decodeURIComponent(e.name.split('/api/')[1]), Math.round(e.startTime - t0), Math.round(e.responseStart - t0), Math.round(e.responseEnd - t0)]);
  const long = window.__long.filter(([s]) => s >= t0 - 5).map(([s, d]) => [Math.round(s - t0), Math.round(d)]);
  return { api, long };
}`;

const CLICK = `new Promise((resolve, reject) => {
  const bars = 'section[aria-labelledby="pareto-title"] .pareto-bar';
  const link = [...document.querySelectorAll('nav[aria-label="Main"] button')].find((b) => b.textContent.trim().startsWith('Trends'));
  let t0 = 0, inDom = 0;
  const observer = new MutationObserver(() => {
    if (document.querySelector(bars) === null) return;
    observer.disconnect();
    inDom = performance.now() - t0;
    requestAnimationFrame(() => resolve({ t0, inDom, frame: performance.now() - t0 }));
  });
  observer.observe(document.body, { childList: true, subtree: true });
  t0 = performance.now();
  link.click();
})`;

/** From a change of segment to the chart's frame (chartOnly) or to every panel's. */
const filter = (segment: string, chartOnly: boolean) => `new Promise((resolve) => {
  const select = document.querySelector('#trends-segment');
  const trends = document.querySelector('.trends');
  const before = document.querySelector('[aria-label="Totals"]').textContent;
  let t0 = 0, inDom = 0, frame = 0;
  const observer = new MutationObserver(() => {
    const now = document.querySelector('[aria-label="Totals"]');
    if (frame === 0 && trends.getAttribute('aria-busy') === 'false' && now && now.textContent !== before) {
      frame = -1; inDom = performance.now() - t0;
      requestAnimationFrame(() => { frame = performance.now() - t0; if (${chartOnly}) { observer.disconnect(); resolve({ t0, inDom, frame, all: 0 }); } });
    }
    const below = document.querySelector('.trends-below');
    if (frame === 0 || !below || below.getAttribute('aria-busy') !== 'false') return;
    observer.disconnect();
    requestAnimationFrame(() => resolve({ t0, inDom, frame, all: performance.now() - t0 }));
  });
  observer.observe(trends, { childList: true, subtree: true, attributes: true, characterData: true });
  t0 = performance.now();
  select.value = ${JSON.stringify(segment)};
  select.dispatchEvent(new Event('change', { bubbles: true }));
})`;

async function pageTimings(segments: string[], toCall: number[]): Promise<void> {
  const served = await serveConsole(dbPath);
  const saveCall = callSaver(new URL(served.url).origin, new URL(served.url).searchParams.get('key') ?? '', toCall);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    for (let round = 0; round < 4; round += 1) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(served.url, { timeout: 120_000 });
      await page.waitForSelector('nav[aria-label="Main"]', { timeout: 120_000 });
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/Trends-[^/]*\.js$/.test(e.name)), null, { timeout: 120_000 });
      await page.waitForTimeout(300);
      await page.evaluate(RECORDER);
      // The last round profiles the page from the click (or the change) to the chart's frame only.
      const cdp = withCpu && round === 3 ? await context.newCDPSession(page) : null;
      const profiled = async <T>(step: () => Promise<T>): Promise<T> => {
        if (!cdp) return step();
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
        const result = await step();
        const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
        for (const line of summarise(profile)) out(line);
        return result;
      };
      const click = await profiled(() => page.evaluate<{ t0: number; inDom: number; frame: number }>(CLICK));
      await page.waitForTimeout(50);
      const clickSteps = await page.evaluate(`(${STEP_REPORT})(${click.t0})`);
      out(`page round ${round} (load ${loadavg()}): click: chart in DOM ${click.inDom.toFixed(0)} ms, painted ${click.frame.toFixed(0)} ms`);
      out(`  ${JSON.stringify(clickSteps)}`);
      for (const segment of segments) {
        if (withWrite) {
          await page.waitForFunction(() => document.querySelector('.trends-below')?.getAttribute('aria-busy') === 'false', null, { timeout: 120_000 });
          await saveCall();
        }
        const f = await profiled(() => page.evaluate<{ t0: number; inDom: number; frame: number; all: number }>(filter(segment, cdp !== null)));
        if (cdp) await page.waitForFunction(() => document.querySelector('.trends-below')?.getAttribute('aria-busy') === 'false', null, { timeout: 120_000 });
        await page.waitForTimeout(50);
        const steps = await page.evaluate(`(${STEP_REPORT})(${f.t0})`);
        out(`  filter ${segment}: in DOM ${f.inDom.toFixed(0)} ms, painted ${f.frame.toFixed(0)} ms, every panel ${f.all.toFixed(0)} ms`);
        out(`  ${JSON.stringify(steps)}`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    served.child.kill('SIGTERM');
    if (served.child.exitCode === null) await once(served.child, 'exit');
  }
}

try {
  const { segments, toCall } = await coreTimings();
  await pageTimings(segments, toCall);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
