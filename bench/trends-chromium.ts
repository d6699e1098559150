import { copyFileSync, existsSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createBackend } from '../electron/backend/create';
import { silentLogger } from '../electron/backend/logger';
import type { ReportOptions } from '../shared/api/reports';
import { fillCalls } from './lib/callFixtures';
import { CHROMIUM, CHROMIUM_ARGS, median, serveConsole } from './chromium';
import { judged, type Benchmark, type BenchResult } from './types';

/** The Pareto chart's bars: drawn once the reasons report has arrived and React has rendered it. */
const CHART_BARS = 'section[aria-labelledby="pareto-title"] .recharts-bar-rectangle';

/*
 * The in-page code is plain text: tsx names the functions it compiles with a helper (__name) that
 * the page does not have.
 */

/**
 * From a click on "Trends" in the menu to the first frame that paints the Pareto chart's bars, in
 * the page's own clock (performance.now at the click, then requestAnimationFrame after the bars are
 * in the document).
 */
const CLICK_TO_CHART = `new Promise((resolve, reject) => {
  const bars = ${JSON.stringify(CHART_BARS)};
  const link = [...document.querySelectorAll('nav[aria-label="Main"] button')].find((b) => b.textContent.trim().startsWith('Trends'));
  if (!link) return reject(new Error('no Trends button in the menu'));
  const timeout = setTimeout(() => reject(new Error('the Trends chart never appeared')), 120000);
  let t0 = 0;
  const observer = new MutationObserver(() => {
    if (document.querySelector(bars) === null) return;
    observer.disconnect();
    clearTimeout(timeout);
    requestAnimationFrame(() => resolve(performance.now() - t0));
  });
  observer.observe(document.body, { childList: true, subtree: true });
  t0 = performance.now();
  link.click();
})`;

/**
 * From choosing a segment in the filters to the first frame that paints the headline chart for it
 * (the totals' text has changed and the view is no longer busy), and to the first frame in which
 * the panels below it (drawn in a deferred render) show it too.
 */
const filterToChart = (segment: string) => `new Promise((resolve, reject) => {
  const bars = ${JSON.stringify(CHART_BARS)};
  const select = document.querySelector('#trends-segment');
  const trends = document.querySelector('.trends');
  const totals = document.querySelector('[aria-label="Totals"]');
  if (!select || !trends || !totals) return reject(new Error('the Trends filters are not on screen'));
  const before = totals.textContent;
  const timeout = setTimeout(() => reject(new Error('the chart never followed the filter')), 120000);
  let t0 = 0;
  let chart = null;
  const observer = new MutationObserver(() => {
    const now = document.querySelector('[aria-label="Totals"]');
    if (trends.getAttribute('aria-busy') !== 'false' || !now || now.textContent === before || document.querySelector(bars) === null) return;
    if (chart === null) {
      chart = -1;
      requestAnimationFrame(() => { chart = performance.now() - t0; });
    }
    const below = document.querySelector('.trends-below');
    if (!below || below.getAttribute('aria-busy') !== 'false' || below.querySelector('figure svg') === null) return;
    observer.disconnect();
    clearTimeout(timeout);
    requestAnimationFrame(() => {
      const all = performance.now() - t0;
      resolve({ chart: chart > 0 ? chart : all, all });
    });
  });
  observer.observe(trends, { childList: true, subtree: true, attributes: true, characterData: true });
  t0 = performance.now();
  // As a person's choice arrives: React listens for the change event.
  select.value = ${JSON.stringify(segment)};
  select.dispatchEvent(new Event('change', { bubbles: true }));
})`;

/**
 * The Trends view in Chromium for a manager whose console holds 100,000 departed customers and a
 * year of 300,000 calls (10,000 and 30,000 with --quick): the built renderer from `winback serve`,
 * every report the view asks for (options, reasons, reasons by cycle, recovery, offer matrix,
 * agreement) through the HTTP API and the report worker, and React drawing the charts.
 *
 * - click to chart: from the click on "Trends" in the menu to the frame that paints the Pareto bars
 *   (the view's script already fetched in the background while the Queue was on screen, as it is
 *   a moment after the console opens; every report asked anew);
 * - filter to chart: from choosing a segment to the frame that paints the totals and the Pareto
 *   chart for it; and, for reference, to the frame in which every panel below shows it too.
 *
 * Each round opens the console fresh (Queue first), goes to Trends, then filters by each segment.
 */
export const trendsChromiumBenchmark: Benchmark = {
  name: 'trends',
  run: async (ctx) => {
    if (!existsSync(CHROMIUM)) {
      ctx.log(`trends: no browser at ${CHROMIUM}; the Trends figures are left out.`);
      return [];
    }
    const calls = ctx.quick ? 15_000 : 300_000;
    const customers = Math.round(calls / 3);
    const dbPath = join(ctx.dir, 'trends.db');
    // WINBACK_BENCH_TRENDS_DB=path keeps the filled database there (before the manager is set up)
    // and copies it on later runs: filling 300,000 calls takes minutes.
    const kept = process.env.WINBACK_BENCH_TRENDS_DB;
    if (kept && existsSync(kept)) {
      copyFileSync(kept, dbPath);
      ctx.log(`trends: reusing ${kept}`);
    } else {
      const fixture = fillCalls(dbPath, calls);
      ctx.log(`trends: ${calls.toLocaleString('en-US')} calls to ${fixture.customers.toLocaleString('en-US')} customers written in ${(fixture.writeSeconds + fixture.migrateSeconds).toFixed(1)} s`);
      if (kept) copyFileSync(dbPath, kept);
    }
    const backend = createBackend({ dbPath, log: silentLogger });
    const session = await backend.dispatch('session.setup', { name: 'Bench Manager', role: 'manager' });
    const options = await backend.dispatch('reports.options', {});
    backend.close();
    if (!session.ok || !options.ok) throw new Error('the console could not be set up for the Trends benchmark');
    const segments = (options.value as ReportOptions).segments.slice(0, 3);

    const served = await serveConsole(dbPath);
    let browser: Browser | null = null;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      // Quick: one counted page, a smoke test that the figures still come out.
      const reps = ctx.quick ? 1 : 7;
      const opened: number[] = [];
      const filtered: number[] = [];
      const everyPanel: number[] = [];
      for (let rep = 0; rep < reps + 1; rep += 1) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        try {
          const page = await context.newPage();
          await page.goto(served.url);
          await page.waitForSelector('nav[aria-label="Main"]', { timeout: 30_000 });
          // As a manager who has looked at the Queue a moment: the other views' scripts are fetched
          // in the background once it has painted (preloadViews), Trends' among them.
          await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/Trends-[^/]*\.js$/.test(e.name)), null, { timeout: 30_000 });
          await page.waitForTimeout(300);
          const ms = await page.evaluate<number>(CLICK_TO_CHART);
          const byFilter: { chart: number; all: number }[] = [];
          for (const segment of segments) byFilter.push(await page.evaluate<{ chart: number; all: number }>(filterToChart(segment)));
          // The first round warms the server's statements and the browser; it is not counted.
          if (rep > 0) {
            opened.push(ms);
            filtered.push(...byFilter.map((f) => f.chart));
            everyPanel.push(...byFilter.map((f) => f.all));
          }
        } finally {
          await context.close();
        }
      }
      const size = `${customers.toLocaleString('en-US')} customers, ${calls.toLocaleString('en-US')} calls`;
      const results: BenchResult[] = [
        judged({
          name: `Trends in Chromium: click to chart, ${size}`,
          value: median(opened),
          unit: 'ms',
          target: 300,
          baseline: null,
          ratioTarget: null,
          note: `median of ${reps} fresh pages: from the click on Trends in the menu to the frame that paints the Pareto chart (six reports through winback serve's API and the report worker, React drawing every chart).`,
        }),
        judged({
          name: `Trends in Chromium: filter to chart, ${size}`,
          value: median(filtered),
          unit: 'ms',
          target: 200,
          baseline: null,
          ratioTarget: null,
          note: `median of ${reps * segments.length} segment choices: from the change of the Segment filter to the frame that paints the totals and the Pareto chart for it.`,
        }),
        judged({
          name: `Trends in Chromium: filter to every panel, ${size}`,
          value: median(everyPanel),
          unit: 'ms',
          target: null,
          baseline: null,
          ratioTarget: null,
          note: 'for reference, the same choices to the frame in which the nine panels under the Pareto chart (drawn in a deferred render) show the segment too.',
        }),
      ];
      return results;
    } finally {
      await browser?.close();
      served.child.kill('SIGTERM');
      if (served.child.exitCode === null) await once(served.child, 'exit');
    }
  },
};
