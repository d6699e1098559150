import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, serve, type Served } from './harness';

let served: Served;
let browser: Browser;
let page: Page;
let file: string;

// A semicolon export with decimal commas whose revenue column the console cannot recognise.
const EXPORT = [
  'Kundennr;Name;Telefon;Vertrag;Umsatz pro Monat;Kündigungsgrund',
  'K-100;Ada Example (e2e);+1 555-0101;Two year;80,50;Price too high',
  'K-101;Bruno Sample (e2e);+1 555-0102;Month-to-month;120,00;Competitor made better offer',
  'K-102;Chioma Example (e2e);+1 555-0103;One year;45,25;Moved',
  'K-103;Dmitri Sample (e2e);;One year;300,00;Moved',
  'K-104;Elif Example (e2e);+1 555-0105;Two year;99,00;Deceased',
].join('\r\n');

beforeAll(async () => {
  served = await serve();
  file = join(served.dir, 'kuendigungen.csv');
  writeFileSync(file, `${EXPORT}\r\n`);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

async function seriousViolations(p: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: p }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('a manager imports a file, an agent works the queue', () => {
  it('the manager imports through the console, correcting the proposed mapping', async () => {
    await page.goto(served.url);
    await page.getByLabel('Your name').fill('Mia Manager (e2e)');
    await page.getByRole('radio', { name: 'Manager' }).check();
    await page.getByLabel('Manager passphrase').fill('import queue manager passphrase');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Import departed customers' }).waitFor();

    await page.getByLabel('CSV file').setInputFiles(file);
    const columns = page.getByRole('group', { name: 'Columns' });
    await columns.waitFor();
    // Proposed: the id from the first column and the name; the German headers are not recognised.
    expect(await columns.getByLabel('Customer id (required)').inputValue()).toBe('Kundennr');
    expect(await columns.getByLabel('Name', { exact: true }).inputValue()).toBe('Name');
    expect(await columns.getByLabel('Monthly revenue').inputValue()).toBe('');
    await columns.getByLabel('Phone').selectOption('Telefon');
    await columns.getByLabel('Segment').selectOption('Vertrag');
    await columns.getByLabel('Monthly revenue').selectOption('Umsatz pro Monat');
    await columns.getByLabel('Stated reason').selectOption('Kündigungsgrund');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Preview' }).waitFor();
    const counts = page.locator('.import-preview .counts');
    expect(await counts.textContent()).toContain('New departed customers5');
    expect(await counts.textContent()).toContain('No contact details (imported, not queued)1');
    await screenshot(page, 'import-preview');

    await page.getByRole('button', { name: 'Import 5 customers' }).click();
    const result = page
      .getByRole('main', { name: 'Admin' })
      .getByRole('status')
      .filter({ hasText: 'Imported 5 new departed customers' });
    await result.waitFor();
    // Dmitri has no phone, Elif is deceased: three are queued.
    expect(await result.textContent()).toContain('3 customers are in the queue now.');
  });

  it('every Admin section a manager uses passes the accessibility checks', async () => {
    const nav = page.getByRole('navigation', { name: 'Admin sections' });
    const headings: Record<string, string> = {
      'Unmapped reasons': 'Unmapped reasons',
      Cycles: 'Recovery cycles',
      'Whom to call': 'Whom to call',
      Assignment: 'Assignment',
      'Contact rules': 'Contact rules',
    };
    for (const [button, heading] of Object.entries(headings)) {
      await nav.getByRole('button', { name: button }).click();
      await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
      // Every part of the section loaded (a section may have several busy parts at once).
      await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
      expect(await seriousViolations(page), button).toEqual([]);
    }
    await nav.getByRole('button', { name: 'Cycles' }).click();
    await page.getByRole('table', { name: 'By stated reason' }).waitFor();
    await screenshot(page, 'cycle');
  });

  it('an agent sees the resulting queue, highest priority first', async () => {
    // The manager hands the desk to an agent (Switch person).
    await page.evaluate(async () => {
      const key = sessionStorage.getItem('winback.key') ?? '';
      await fetch('/api/session.switch', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-winback-key': key },
        body: JSON.stringify({ name: 'Ann Agent (e2e)', role: 'agent' }),
      });
    });
    await page.reload();
    await page.getByText('Ann Agent (e2e) · Recovery agent').waitFor();
    const list = page.getByRole('listbox', { name: 'Customers to call' });
    await list.getByRole('option').first().waitFor();
    await expect.poll(() => page.getByText('3 customers to call').count()).toBe(1);
    const names = await list.locator('.queue-customer').allTextContents();
    expect(names).toEqual(['Bruno Sample (e2e)', 'Ada Example (e2e)', 'Chioma Example (e2e)']);
    expect(await list.getByRole('option').first().textContent()).toContain('$120.00/mo');
    await page.getByRole('search', { name: 'Queue filters' }).getByLabel('Segment').selectOption('One year');
    await expect.poll(() => page.getByText('1 customer to call').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'queue-after-import');
  });
});
