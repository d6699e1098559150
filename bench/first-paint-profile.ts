/**
 * Where the Queue's first paint spends its time: `npx tsx bench/first-paint-profile.ts DB [--root DIR] [--pages 7]`,
 * DB a console database of 100,000 customers made by that checkout's code: made there when it does
 * not exist yet, and only copied once it does. Not a benchmark of `npm run bench`: a tool to read before changing what the first-paint
 * benchmark measures.
 *
 * For each fresh page (after one warming page), from the start of navigation: when each script,
 * stylesheet and API request started and ended (resource timings), the long tasks, and the frame
 * that painted the first queue row. Prints each entry's median over the pages. With --cpu, the last
 * page's CPU profile from the start of navigation to that frame, its self time summed by function.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, median, serveConsole } from './chromium';
import { fillConsole } from './lib/fillConsole';
import { ALIGN_SCRIPT, samplesOnPageClock, summarise, timeline, type CpuProfile } from './lib/cpuProfile';

const source = process.argv[2];
if (!source) {
  process.stderr.write('Usage: npx tsx bench/first-paint-profile.ts DB [--root DIR] [--pages 7]\n');
  process.exit(2);
}
const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const root = resolve(option('--root') ?? join(import.meta.dirname, '..'));
const pages = Number(option('--pages') ?? 7);
const withCpu = process.argv.includes('--cpu');
const ROW = 'ul[aria-label="Customers to call"] li.queue-row, [role="listbox"][aria-label="Customers to call"] .queue-row';

const dir = mkdtempSync(join(tmpdir(), 'winback-paint-profile-'));
const dbPath = join(dir, 'console.db');
if (!existsSync(source)) fillConsole(root, source, 100_000, dir);
copyFileSync(source, dbPath);

interface PageTimings {
  paint: number;
  entries: { name: string; start: number; end: number; bytes: number }[];
  longTasks: { start: number; duration: number }[];
}

const served = await serveConsole(dbPath, root);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const origin = new URL(served.url).origin;
  const seen: PageTimings[] = [];
  let cpu: (CpuProfile & { startTime: number }) | null = null;
  /** The page's clock when the profile's marker ran (lib/cpuProfile.ts ALIGN_SCRIPT). */
  let alignedAt = 0;
  for (let rep = 0; rep < pages + 1; rep += 1) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      storageState: { cookies: [], origins: [{ origin, localStorage: [{ name: 'winback.language', value: 'en' }] }] },
    });
    await context.addInitScript(`(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
      const observer = new MutationObserver(() => {
        if (document.querySelector(${JSON.stringify(ROW)})) { observer.disconnect(); requestAnimationFrame(() => { window.__firstRowPaint = performance.now(); }); }
      });
      observer.observe(document, { childList: true, subtree: true });
    })();`);
    const page = await context.newPage();
    const cdp = withCpu && rep === pages ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    await page.goto(served.url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __firstRowPaint?: number }).__firstRowPaint !== undefined, null, { timeout: 60_000 });
    if (cdp) {
      alignedAt = await page.evaluate<number>(ALIGN_SCRIPT);
      cpu = ((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile & { startTime: number } }).profile;
    }
    const timings = await page.evaluate(() => {
      const paint = (window as unknown as { __firstRowPaint: number }).__firstRowPaint;
      const entries = performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => e.startTime <= paint)
        .map((e) => {
          const url = new URL(e.name);
          let body = '';
          // Which API channel: the path names it.
          if (url.pathname.startsWith('/api/')) body = url.pathname.slice(5);
          else body = url.pathname.replace(/-[\w-]{8}\.(js|css)$/, '.$1');
          return { name: body, start: e.startTime, end: e.responseEnd, bytes: e.encodedBodySize };
        });
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      if (nav) entries.unshift({ name: '(document)', start: nav.startTime, end: nav.responseEnd, bytes: nav.encodedBodySize });
      // Marks the page made itself (performance.mark), as points in the same list.
      for (const m of performance.getEntriesByType('mark')) if (m.startTime <= paint) entries.push({ name: `mark ${m.name}`, start: m.startTime, end: m.startTime, bytes: 0 });
      return { paint, entries, longTasks: (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start <= paint) };
    });
    if (rep > 0) seen.push(timings);
    await context.close();
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`${root}: first row painted at a median ${median(seen.map((s) => s.paint)).toFixed(0)} ms over ${pages} pages; load ${loadavg()[0]?.toFixed(2)}`);
  const names = [...new Set(seen.flatMap((s) => s.entries.map((e) => e.name)))];
  out('entry                                   start ms   end ms   bytes');
  for (const name of names) {
    const of = seen.flatMap((s) => s.entries.filter((e) => e.name === name));
    out(`${name.slice(0, 38).padEnd(38)} ${median(of.map((e) => e.start)).toFixed(0).padStart(8)} ${median(of.map((e) => e.end)).toFixed(0).padStart(8)} ${String(median(of.map((e) => e.bytes))).padStart(7)}  (${of.length})`);
  }
  const tasks = seen.map((s) => s.longTasks.reduce((sum, t) => sum + t.duration, 0));
  out(`long tasks before the paint: median ${median(tasks).toFixed(0)} ms in all; in one page: ${seen[0]?.longTasks.map((t) => `${t.start.toFixed(0)}+${t.duration.toFixed(0)}`).join(', ')}`);
  if (cpu) {
    for (const line of summarise(cpu)) out(line);
    const last = seen[seen.length - 1];
    if (last) {
      out(`  the last page, painted at ${last.paint.toFixed(0)} ms, window by window (self ms):`);
      for (const line of timeline(samplesOnPageClock(cpu, alignedAt), 0, last.paint + 10)) out(line);
    }
  }
} finally {
  await browser.close();
  served.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
