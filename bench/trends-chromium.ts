import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createBackend } from '../electron/backend/create';
import { silentLogger } from '../electron/backend/logger';
import type { ReportOptions } from '../shared/api/reports';
import { readQueueSettings, writeQueueSettings } from '../db/repos/queueSettings';
import { fillCalls } from './lib/callFixtures';
import { recoveredCall } from './lib/calls';
import { CHROMIUM, CHROMIUM_ARGS, median, serveConsole } from './chromium';
import { judged, type Benchmark, type BenchResult } from './types';

/** The Pareto chart's bars: drawn once the reasons report has arrived and React has rendered it. */
const CHART_BARS = 'section[aria-labelledby="pareto-title"] .pareto-bar';

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
 * The baseline page, on the same server (served by the browser's request routing): a button and a
 * segment choice that ask the same API for the same headline reports (options, reasons and recovery
 * on opening; reasons and recovery on a filter) and write the totals and the reasons as a plain
 * table, no framework. `measureOpen()` and `measureFilter(segment)` time each to the frame that
 * paints it, as the console's figures are timed.
 */
function baselinePage(key: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>baseline</title></head><body>
<button id="open">Trends</button><select id="segment"><option value="">All</option></select><div id="out"></div>
<script>
const ask = (channel, input) => fetch('/api/' + channel, { method: 'POST', headers: { 'content-type': 'application/json', 'x-winback-key': ${JSON.stringify(key)} }, body: JSON.stringify(input) })
  .then((r) => r.json()).then((r) => { if (!r.ok) throw new Error(r.error.message); return r.value; });
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => '&#' + c.charCodeAt(0) + ';');
const write = (reasons, recovery) => {
  const t = reasons.totals, r = recovery.totals;
  document.getElementById('out').innerHTML = '<p>' + [t.departed, t.revenue, r.calls, r.recovered, r.recoveryRate, r.recoveredRevenue].map(esc).join(' · ') + '</p><table>' +
    reasons.rows.map((x) => '<tr><td>' + esc(x.category) + '</td><td>' + esc(x.reason) + '</td><td>' + esc(x.departed) + '</td><td>' + esc(x.revenue) + '</td></tr>').join('') + '</table>';
};
const frame = (t0) => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now() - t0)));
window.measureOpen = () => new Promise((resolve, reject) => {
  document.getElementById('open').onclick = () => {
    const t0 = performance.now();
    Promise.all([ask('reports.options', {}), ask('reports.reasons', { by: 'stated' }), ask('reports.recovery', {})])
      .then(([options, reasons, recovery]) => {
        document.getElementById('segment').innerHTML = '<option value="">All</option>' + options.segments.map((s) => '<option>' + esc(s) + '</option>').join('');
        write(reasons, recovery);
        return frame(t0);
      }).then(resolve, reject);
  };
  document.getElementById('open').click();
});
window.measureFilter = (segment) => new Promise((resolve, reject) => {
  const select = document.getElementById('segment');
  select.onchange = () => {
    const t0 = performance.now();
    Promise.all([ask('reports.reasons', { segment: select.value, by: 'stated' }), ask('reports.recovery', { segment: select.value })])
      .then(([reasons, recovery]) => { write(reasons, recovery); return frame(t0); }).then(resolve, reject);
  };
  select.value = segment;
  select.dispatchEvent(new Event('change'));
});
</script></body></html>`;
}

/**
 * A call completed through the served console's API, as an agent's "Complete call" is saved while
 * the manager looks at Trends: a recovered call with a confirmed reason and an accepted offer (the
 * heaviest ordinary completion, bench/lib/calls.ts), to one of the customers in `customerIds` in
 * turn. Every report Trends reads changes with it, so none can be answered from the answers kept
 * (electron/backend/reports/answerCache.ts).
 */
export function callSaver(origin: string, key: string, customerIds: number[]): () => Promise<void> {
  let next = 0;
  return async () => {
    const customerId = customerIds[next % customerIds.length];
    next += 1;
    if (customerId === undefined) throw new Error('no customer to complete a call for');
    const state = recoveredCall(randomUUID(), customerId, new Date(Date.now() - 12 * 60_000).toISOString());
    const response = await fetch(`${origin}/api/call.complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-winback-key': key },
      body: JSON.stringify({ state }),
    });
    const result = (await response.json()) as { ok: boolean; error?: { message: string } };
    if (!result.ok) throw new Error(`call.complete failed: ${result.error?.message ?? response.status}`);
  };
}

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
 *   chart for it; and, for reference, to the frame in which every panel below shows it too;
 * - the same click and filters after a write: a call completed through the API just before each
 *   (callSaver), as agents save calls while a manager reads Trends, so no report is a kept answer.
 *
 * Each round opens the console fresh (Queue first), goes to Trends, then filters by each segment;
 * then opens it fresh again and does the same with a call saved before each step; then the
 * baseline page does the same. The console took the day's backup before the rounds (as it
 * does when first opened each day), so the copy of the file is not measured beside the view.
 *
 * Baseline: the same headline reports from the same server, asked by a plain page and written as a
 * plain table (baselinePage): the floor that the server and the transport set. The ratio beside it
 * holds on a loaded machine where the milliseconds do not.
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
    const backend = createBackend({ dbPath, log: silentLogger, dailyBackups: true });
    const session = await backend.dispatch('session.setup', { name: 'Bench Manager', role: 'manager' });
    const options = await backend.dispatch('reports.options', {});
    // Customers a call is saved for before each measured step "after a write": ones not won back yet.
    // The bench runs at any hour: the console's calling hours are not enforced, as a manager of a
    // round-the-clock floor sets them, so the call saved is an ordinary completion at any time.
    const settings = readQueueSettings(backend.db);
    writeQueueSettings(backend.db, { ...settings, callingHoursEnforced: false });
    const toCall = backend.db.prepare("SELECT id FROM customers WHERE last_outcome IS NULL OR last_outcome <> 'recovered' ORDER BY id LIMIT 500").pluck().all() as number[];
    // Today's backup, taken as the console does at its first start of the day: `winback serve` then
    // finds it done instead of copying the file while the rounds are measured.
    await backend.database.dailyBackups()?.current();
    backend.close();
    if (!session.ok || !options.ok) throw new Error('the console could not be set up for the Trends benchmark');
    const segments = (options.value as ReportOptions).segments.slice(0, 3);

    const served = await serveConsole(dbPath);
    let browser: Browser | null = null;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      // Quick: one counted page, a smoke test that the figures still come out.
      const reps = ctx.quick ? 1 : 7;
      const origin = new URL(served.url).origin;
      const key = new URL(served.url).searchParams.get('key') ?? '';
      const saveCall = callSaver(origin, key, toCall);
      const opened: number[] = [];
      const filtered: number[] = [];
      const everyPanel: number[] = [];
      const openedAfterWrite: number[] = [];
      const filteredAfterWrite: number[] = [];
      const bareOpened: number[] = [];
      const bareFiltered: number[] = [];
      /** A fresh console on the Queue, as a manager who has looked at it a moment. */
      const queuePage = async (context: BrowserContext): Promise<Page> => {
        const page = await context.newPage();
        // Generous waits to load the page: on a loaded machine it can take a minute; what is measured starts at the click.
        await page.goto(served.url, { timeout: 120_000 });
        await page.waitForSelector('nav[aria-label="Main"]', { timeout: 120_000 });
        // The other views' scripts are fetched in the background once the Queue has painted
        // (preloadViews), Trends' among them.
        await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/Trends-[^/]*\.js$/.test(e.name)), null, { timeout: 120_000 });
        await page.waitForTimeout(300);
        return page;
      };
      for (let rep = 0; rep < reps + 1; rep += 1) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        try {
          await context.route(`${origin}/baseline-trends.html`, (route) => route.fulfill({ contentType: 'text/html', body: baselinePage(key) }));
          // Nothing written between the steps: after the round's first, every report is answered from those kept.
          const page = await queuePage(context);
          const ms = await page.evaluate<number>(CLICK_TO_CHART);
          const byFilter: { chart: number; all: number }[] = [];
          for (const segment of segments) byFilter.push(await page.evaluate<{ chart: number; all: number }>(filterToChart(segment)));
          await page.close();
          // A call saved just before each step, as on a floor where agents complete calls all the
          // time: every report is made afresh by the report worker.
          const written = await queuePage(context);
          await saveCall();
          const msAfterWrite = await written.evaluate<number>(CLICK_TO_CHART);
          const byFilterAfterWrite: { chart: number; all: number }[] = [];
          for (const segment of segments) {
            // The panels below of the step before have been drawn, as they are before a person's next choice.
            await written.waitForFunction(() => document.querySelector('.trends-below')?.getAttribute('aria-busy') === 'false', null, { timeout: 120_000 });
            await saveCall();
            byFilterAfterWrite.push(await written.evaluate<{ chart: number; all: number }>(filterToChart(segment)));
          }
          await written.close();
          const bare = await context.newPage();
          await bare.goto(`${origin}/baseline-trends.html`, { timeout: 120_000 });
          const bareMs = await bare.evaluate<number>('measureOpen()');
          const bareByFilter: number[] = [];
          for (const segment of segments) bareByFilter.push(await bare.evaluate<number>(`measureFilter(${JSON.stringify(segment)})`));
          // The first round warms the server's statements and the browser; it is not counted.
          if (rep > 0) {
            opened.push(ms);
            filtered.push(...byFilter.map((f) => f.chart));
            everyPanel.push(...byFilter.map((f) => f.all));
            openedAfterWrite.push(msAfterWrite);
            filteredAfterWrite.push(...byFilterAfterWrite.map((f) => f.chart));
            bareOpened.push(bareMs);
            bareFiltered.push(...bareByFilter);
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
          baseline: median(bareOpened),
          ratioTarget: null,
          note: `median of ${reps} fresh pages: from the click on Trends in the menu to the frame that paints the Pareto chart (six reports through winback serve's API and the report worker, React drawing every chart); baseline: the headline's three reports asked by a plain page and written as a plain table.`,
        }),
        judged({
          name: `Trends in Chromium: filter to chart, ${size}`,
          value: median(filtered),
          unit: 'ms',
          target: 200,
          baseline: median(bareFiltered),
          ratioTarget: null,
          note: `median of ${reps * segments.length} segment choices: from the change of the Segment filter to the frame that paints the totals and the Pareto chart for it; baseline: the segment's reasons and recovery asked by a plain page and written as a plain table.`,
        }),
        judged({
          name: `Trends in Chromium: click to chart after a write, ${size}`,
          value: median(openedAfterWrite),
          unit: 'ms',
          target: 300,
          baseline: median(bareOpened),
          ratioTarget: null,
          note: `median of ${reps} fresh pages, each after a call completed through the API just before the click (a recovered call with a reason and an accepted offer): every report made afresh, none answered from those kept; baseline as for the click.`,
        }),
        judged({
          name: `Trends in Chromium: filter to chart after a write, ${size}`,
          value: median(filteredAfterWrite),
          unit: 'ms',
          target: 200,
          baseline: median(bareFiltered),
          ratioTarget: null,
          note: `median of ${reps * segments.length} segment choices, each after a call completed through the API just before the change: every report made afresh; baseline as for the filter.`,
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
