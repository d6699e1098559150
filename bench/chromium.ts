import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fillConsole } from './lib/fillConsole';
import { judged, type Benchmark } from './types';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROW = '[role="listbox"][aria-label="Customers to call"] .queue-row';

/**
 * Set before any script of the page runs: the time (from the start of navigation) of the first
 * animation frame in which a row of the queue is in the document, that is, the frame that paints it.
 */
function markFirstRow(rows: string): string {
  return `(() => {
  const seen = () => document.querySelector(${JSON.stringify(`${rows}, #baseline li`)}) !== null;
  const mark = () => { window.__firstRowPaint = performance.now(); };
  const observer = new MutationObserver(() => {
    if (seen()) { observer.disconnect(); requestAnimationFrame(mark); }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;
}

/** The baseline page: the same 200 customers from the same server, as a plain list, no framework. */
function baselinePage(key: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>baseline</title></head><body><ul id="baseline"></ul>
<script>
fetch('/api/queue.list', { method: 'POST', headers: { 'content-type': 'application/json', 'x-winback-key': ${JSON.stringify(key)} }, body: JSON.stringify({ limit: 200, offset: 0 }) })
  .then((r) => r.json())
  .then((r) => {
    const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => '&#' + c.charCodeAt(0) + ';');
    document.getElementById('baseline').innerHTML = r.value.items.map((i) => '<li>' + esc(i.name) + ' · ' + esc(i.why) + '</li>').join('');
  });
</script></body></html>`;
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface Served {
  url: string;
  child: ChildProcess;
}

/** `winback serve` of the checkout at `root` (this one unless told), with its own built renderer. */
export async function serveConsole(dbPath: string, root = join(import.meta.dirname, '..')): Promise<Served> {
  const child = spawn(process.execPath, [join(root, 'bin', 'winback.mjs'), 'serve', '--port', '0', '--db', dbPath], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /listening (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`winback serve exited with ${String(code)}`)));
  });
  return { url, child };
}

async function firstRowPaint(page: Page, url: string, row: string): Promise<{ ms: number; rows: number }> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __firstRowPaint?: number }).__firstRowPaint !== undefined, null, { timeout: 30_000 });
  return page.evaluate(
    (row) => ({
      ms: (window as unknown as { __firstRowPaint: number }).__firstRowPaint,
      rows: document.querySelectorAll(`${row}, #baseline li`).length,
    }),
    row,
  );
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export interface FirstPaints {
  /** The Queue view's first paint of each counted page, ms from the start of navigation. */
  real: number[];
  /** The baseline page's, on the same server in the same browser context. */
  bare: number[];
  /** What made a page not count as a measurement (no rows painted), if anything did. */
  problems: string[];
}

/**
 * `reps` fresh pages of the console served from `dbPath` by the checkout at `root` (this one unless
 * told), each followed by the baseline page in the same browser context; one round before them warms
 * the server's statements and the browser's process and is not counted. `row` is what a queue row is
 * in that checkout's markup.
 */
export async function measureFirstPaints(dbPath: string, options: { reps: number; root?: string; row?: string }): Promise<FirstPaints> {
  const row = options.row ?? ROW;
  const served = await serveConsole(dbPath, options.root);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const origin = new URL(served.url).origin;
    const key = new URL(served.url).searchParams.get('key') ?? '';
    const result: FirstPaints = { real: [], bare: [], problems: [] };
    for (let rep = 0; rep < options.reps + 1; rep += 1) {
      // A desk that has started before: its window's storage remembers the language it showed (as
      // Electron keeps it across starts), here the system's English; the HTTP cache is still empty.
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        storageState: { cookies: [], origins: [{ origin, localStorage: [{ name: 'winback.language', value: 'en' }] }] },
      });
      try {
        await context.addInitScript(markFirstRow(row));
        await context.route(`${origin}/baseline.html`, (route) => route.fulfill({ contentType: 'text/html', body: baselinePage(key) }));
        const a = await firstRowPaint(await context.newPage(), served.url, row);
        const b = await firstRowPaint(await context.newPage(), `${origin}/baseline.html`, row);
        if (a.rows === 0 || b.rows !== 200) result.problems.push(`the queue showed ${a.rows} rows and the baseline ${b.rows}`);
        if (rep > 0) {
          result.real.push(a.ms);
          result.bare.push(b.ms);
        }
      } finally {
        await context.close();
      }
    }
    return result;
  } finally {
    await browser?.close();
    served.child.kill('SIGTERM');
    if (served.child.exitCode === null) await once(served.child, 'exit');
  }
}

/**
 * The console in Chromium (Debian's, through playwright-core): from the start of navigation to the
 * frame that paints the first rows of the Queue view, for an agent whose console holds 100,000
 * departed customers. The real path: `winback serve` in its own process, the built renderer
 * (its script loaded and run, the session read, the queue and its filters fetched through the API,
 * React rendering the virtualised list). A fresh page each time, so nothing is cached but the
 * language the desk showed last (the window's storage), as on every start of a desk but its first.
 *
 * Baseline: a page on the same server (served by the browser's request routing) that fetches the
 * same 200 customers from the same API and writes them as a plain HTML list.
 */
export const chromiumBenchmark: Benchmark = {
  name: 'chromium',
  run: async (ctx) => {
    if (!existsSync(CHROMIUM)) {
      ctx.log(`chromium: no browser at ${CHROMIUM}; the first-paint figure is left out.`);
      return [];
    }
    const customers = ctx.quick ? 10_000 : 100_000;
    const dbPath = join(ctx.dir, 'console.db');
    // As the console is after an import: an agent set up, the selection pass done (this checkout's code).
    fillConsole(join(import.meta.dirname, '..'), dbPath, customers, ctx.dir);

    const reps = ctx.quick ? 3 : 7;
    const { real, bare, problems } = await measureFirstPaints(dbPath, { reps });
    const result = judged({
      name: `console in Chromium: Queue view's first paint, ${customers.toLocaleString('en-US')} customers`,
      value: median(real),
      unit: 'ms',
      target: 500,
      baseline: median(bare),
      ratioTarget: null,
      note:
        `median of ${reps} fresh pages, from the start of navigation to the frame that paints the first queue rows (the built renderer from winback serve, session, queue of 200 and filters through the API); baseline: the same 200 customers fetched and written as a plain list.` +
        (problems.length > 0 ? ` INVALID: ${[...new Set(problems)].join('; ')}.` : ''),
    });
    return [problems.length > 0 ? { ...result, pass: false } : result];
  },
};
