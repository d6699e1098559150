import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, serve, winback, type Served } from './harness';

let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await serve((dbPath) => winback(['demo', '--db', dbPath]));
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
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

describe('the console in Chromium', () => {
  it('takes the secret out of the address bar and shows first-run', async () => {
    await page.goto(served.url);
    await expect.poll(() => page.url()).not.toContain('key=');
    await page.getByRole('heading', { name: 'Welcome to Winback Console' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'first-run');
  });

  it('completes first-run and shows the demo customers in the queue', async () => {
    await page.getByLabel('Your name').fill('Ann Agent (e2e)');
    await page.getByRole('radio', { name: 'Recovery agent' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const list = page.getByRole('listbox', { name: 'Customers to call' });
    await list.getByRole('option').first().waitFor();
    await expect.poll(() => page.getByText('1,863 customers to call').count()).toBe(1);
    await expect.poll(() => page.getByRole('note').textContent()).toContain('calling-hours rule is off');
    await list.getByRole('option').first().click();
    await page.getByRole('complementary', { name: 'Customer card' }).getByRole('heading', { level: 2 }).waitFor();
    await screenshot(page, 'queue');
  });

  it('has no serious or critical accessibility violations in any view', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const view of ['Queue', 'Call', 'Trends', 'Intensive care', 'Admin']) {
      await nav.getByRole('button', { name: view }).click();
      await page.getByRole('main', { name: view }).waitFor();
      expect(await seriousViolations(page), view).toEqual([]);
    }
  });

  it('keeps working after a reload, with the person remembered', async () => {
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await page.getByText('Ann Agent (e2e) · Recovery agent').count()).toBe(1);
  });
});
