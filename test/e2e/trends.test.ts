import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, serve, winback, type Served } from './harness';
import { addCallsToDemo } from '../helpers/demoCalls';
import { pdfText } from '../helpers/pdfText';

let served: Served;
let browser: Browser;
let page: Page;
let cycleName = '';

beforeAll(async () => {
  served = await serve((dbPath) => {
    winback(['demo', '--db', dbPath]);
    cycleName = addCallsToDemo(dbPath).cycleName;
  });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await page.goto(served.url);
  await page.getByLabel('Your name').fill('Mia Manager (e2e)');
  await page.getByRole('radio', { name: 'Manager' }).check();
  await page.getByLabel('Manager passphrase').fill('e2e manager passphrase');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Trends' }).click();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const money = (text: string) => Number(text.replace(/[$,]/g, ''));

async function download(p: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([p.waitForEvent('download'), click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

describe('the Trends view in Chromium', () => {
  it('draws its charts from the demo and the completed calls', async () => {
    await page.getByRole('heading', { name: /Where the revenue went/ }).waitFor();
    await expect.poll(() => page.locator('figure svg').count()).toBeGreaterThanOrEqual(8);
    // The Pareto chart's bars (plain SVG) and the other charts' (recharts).
    expect(await page.locator('figure .pareto-bar').count()).toBe(12);
    expect(await page.locator('figure .recharts-bar-rectangle').count()).toBeGreaterThan(8);
    expect(await page.locator('figure .recharts-line-curve').count()).toBeGreaterThanOrEqual(2);
    const totals = page.getByLabel('Totals');
    expect(await totals.getByText('1,869').count()).toBe(1);
    expect(await totals.getByText('120', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /Pareto chart of 20 reasons by lost monthly revenue\. The largest is Competitor offered higher speeds/ }).count()).toBe(1);
    const violations = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await screenshot(page, 'trends');
  });

  it('downloads a CSV that matches the table on screen', async () => {
    const table = page.getByRole('table', { name: 'Reasons by lost monthly revenue' });
    const shown = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(shown).toHaveLength(20);
    const file = await download(page, () => page.getByRole('button', { name: 'Download CSV: Reasons by lost monthly revenue' }).click());
    expect(file.name).toMatch(/^winback-reasons-by-lost-monthly-revenue-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse<Record<string, string>>(file.bytes, { columns: true, bom: true });
    expect(rows).toHaveLength(shown.length);
    rows.forEach((r, i) => {
      const cells = shown[i] ?? [];
      expect([r.Category, r.Reason, r.Departed]).toEqual([cells[0], cells[1], cells[2]?.replace(/,/g, '')]);
      expect(Number(r['Revenue lost (USD)'])).toBeCloseTo(money(cells[3] ?? ''), 2);
      expect(Number(r.Cumulative) * 100).toBeCloseTo(Number((cells[5] ?? '').replace('%', '')), 1);
    });
  });

  it("saves the printable report as a PDF naming the cycle", async () => {
    await page.getByLabel('Cycle', { exact: true }).selectOption({ label: cycleName });
    await expect.poll(() => page.getByText(`Cycle: ${cycleName}`).count()).toBe(1);
    const file = await download(page, () => page.getByRole('button', { name: 'Save as PDF' }).click());
    expect(file.name).toMatch(/^winback-trends-.+\.pdf$/);
    expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text, pages } = await pdfText(new Uint8Array(file.bytes));
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text.replace(/\s+/g, ' ')).toContain(`Cycle: ${cycleName}`);
    expect(text).toContain('Where the revenue went');
  });

  it('streams a whole-table export with a progress bar', async () => {
    const file = await download(page, () => page.getByRole('button', { name: 'Export calls (CSV)' }).click());
    expect(file.name).toMatch(/^winback-calls-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse<Record<string, string>>(file.bytes, { columns: true, bom: true });
    expect(rows).toHaveLength(120);
    expect(rows[0]?.['Caller']).toMatch(/\(demo\)$/);
    expect(await page.getByRole('progressbar', { name: 'Export of calls' }).getAttribute('value')).toBe('1');
    await page.getByText(/Saved 120 rows as winback-calls-/).waitFor();
  });

  it('reads in the dark theme too', async () => {
    const dark = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
    const p = await dark.newPage();
    await p.goto(served.url);
    await p.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Trends' }).click();
    await p.getByRole('heading', { name: /Where the revenue went/ }).waitFor();
    await expect.poll(() => p.locator('figure svg').count()).toBeGreaterThanOrEqual(8);
    // The bars take the dark palette from the stylesheet.
    expect(await p.locator('figure .pareto-bar').first().getAttribute('fill')).toBe('#6cb0ff');
    const violations = (await new AxeBuilder({ page: p }).withTags(['wcag2aa']).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations.map((v) => v.id)).toEqual([]);
    await screenshot(p, 'trends-dark');
    await dark.close();
  });
});
