import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, serve, winback, type Served } from './harness';

/** The themes with the real stylesheet in Chromium: what the person sees, not just the attribute. */
let served: Served;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const LIGHT_BACKGROUND = 'rgb(246, 247, 249)';
const DARK_BACKGROUND = 'rgb(21, 24, 28)';
const background = (p: Page) => p.evaluate(() => getComputedStyle(document.body).backgroundColor);

beforeAll(async () => {
  served = await serve((dbPath) => winback(['demo', '--db', dbPath]));
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  page = await context.newPage();
  await page.goto(served.url);
  await page.getByLabel('Your name').fill('Ann Agent (themes)');
  await page.getByRole('radio', { name: 'Recovery agent' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('themes in the browser console', () => {
  it('follow the system: dark on a dark desk', async () => {
    expect(await page.getByRole('combobox', { name: 'Theme' }).inputValue()).toBe('system');
    await expect.poll(() => background(page)).toBe(DARK_BACKGROUND);
  });

  it('switch to light when chosen, and stay so after a reload', async () => {
    await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Light' });
    await expect.poll(() => background(page)).toBe(LIGHT_BACKGROUND);
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await expect.poll(() => background(page)).toBe(LIGHT_BACKGROUND);
    expect(await page.getByRole('combobox', { name: 'Theme' }).inputValue()).toBe('light');
  });

  it('switch to dark when chosen on a light desk', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Dark' });
    await expect.poll(() => background(page)).toBe(DARK_BACKGROUND);
    await page.getByRole('listbox', { name: 'Customers to call' }).getByRole('option').first().click();
    await page.getByRole('complementary', { name: 'Customer card' }).getByRole('heading', { level: 2 }).waitFor();
    await screenshot(page, 'queue-dark');
  });

  it('keep enough contrast in the dark theme for every view', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const view of ['Queue', 'Call', 'Trends', 'Intensive care', 'Admin']) {
      await nav.getByRole('button', { name: view }).click();
      await page.getByRole('main', { name: view }).waitFor();
      const result = await new AxeBuilder({ page }).analyze();
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
      expect(serious, view).toEqual([]);
    }
  });
});
