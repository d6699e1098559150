import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { damagePages } from '../helpers/damage';
import { launchBrowser, screenshot, serve, winback, type Served } from './harness';

/** A console whose database was damaged while it was closed, with yesterday's backup beside it. */
let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await serve((dbPath) => {
    winback(['demo', '--db', dbPath]);
    const backups = join(dbPath, '..', 'backups');
    mkdirSync(backups);
    winback(['backup', '--db', dbPath, '--out', join(backups, 'winback-2026-11-15T09-00-00-000Z-daily.db')]);
    damagePages(dbPath);
  });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('a damaged database in Chromium', () => {
  it('shows the recovery screen instead of an empty console, readable by everyone', async () => {
    await page.goto(served.url);
    await page.getByRole('heading', { name: "The console's data is damaged" }).waitFor();
    expect(await page.getByText(/holds 1,869 customers and 0 calls/).count()).toBe(1);
    expect(await page.getByLabel('Your name').count()).toBe(0);
    const violations = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations.map((v) => v.id)).toEqual([]);
    await screenshot(page, 'recovery');
  });

  it('restores the backup and opens the console with the customers back', async () => {
    await page.getByRole('button', { name: /^Restore the backup of / }).click();
    await page.getByRole('heading', { name: 'Welcome to Winback Console' }).waitFor();
    await page.getByLabel('Your name').fill('Ann Agent (e2e)');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByText('1,863 customers to call').count()).toBe(1);
  });
});
