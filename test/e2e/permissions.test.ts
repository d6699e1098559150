import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import { setupSession } from '../../electron/backend/session/handlers';
import { prepareCustomerUpsert } from '../../db/repos/customers';
import { setSetting, SETTING_KEYS } from '../../db/repos/settings';
import { launchBrowser, screenshot, serve, type Served } from './harness';

/**
 * The consent question and the blocked dial button in Chromium: an agent asks, the customer says
 * no to calls, and the dial button turns into "Blocked: do not call, since DATE, by WHO".
 */
const NOW = new Date().toISOString();
let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await serve((dbPath) => {
    const b = createBackend({ dbPath, log: silentLogger });
    try {
      setupSession(b.deps, { name: 'Alex Agent', role: 'agent' });
      const upsert = prepareCustomerUpsert(b.db);
      upsert({ externalId: 'E2E-1', name: 'Ada Example', company: null, phone: '+1 415 555 0142', email: 'ada@example.test', timezone: 'America/New_York', segment: 'Month-to-month', product: 'DSL', monthlyRevenue: 90, tenureMonths: 5, departedAt: '2026-11-02', lastActivityAt: null, statedReasonText: 'Price too high', statedReasonId: 'price.too-expensive', frontlineRep: null, frontlineTeam: 'Billing desk', notes: null, cycleId: null }, NOW);
      // The call may be started whatever the hour this test runs at.
      setSetting(b.db, SETTING_KEYS.callingHoursEnforced, false);
    } finally {
      b.close();
    }
  });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('contact permissions in Chromium', () => {
  it('the agent asks the consent question; a no to calls blocks the dial button at once', async () => {
    await page.goto(served.url);
    await page.getByRole('listbox', { name: 'Customers to call' }).getByRole('option').first().click();
    await page.getByRole('button', { name: 'Start call' }).click();
    await page.getByRole('link', { name: 'Call +1 415 555 0142' }).waitFor();

    const calls = page.getByRole('group', { name: /^Calls: “May we call you again/ });
    await calls.waitFor();
    await calls.getByRole('radio', { name: 'No', exact: true }).click();
    await calls.getByText('Recorded: no calls from now on.').waitFor();

    const blocked = page.getByRole('button', { name: /^Blocked: do not call, since .+, by Alex Agent$/ });
    await blocked.waitFor();
    expect(await blocked.isDisabled()).toBe(true);
    expect(await page.getByRole('link', { name: 'Call +1 415 555 0142' }).count()).toBe(0);
    const violations = (await new AxeBuilder({ page }).include('main').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations.map((v) => v.id)).toEqual([]);
    await screenshot(page, 'call-consent-blocked');
  });
});
