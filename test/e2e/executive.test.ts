import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, serve, winback, type Served } from './harness';

/**
 * An executive's handful: a manager gives the ten highest-value customers of the cycle to the
 * executives; the executive sees exactly those and calls one from the one-screen script card.
 */
let served: Served;
let browser: Browser;
let page: Page;

async function api<T>(channel: string, input: unknown): Promise<T> {
  const url = new URL(served.url);
  const res = await fetch(`${url.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-winback-key': url.searchParams.get('key') ?? '' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value;
}

beforeAll(async () => {
  served = await serve((dbPath) => winback(['demo', '--db', dbPath]));
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe("an executive's handful in Chromium", () => {
  it('a manager assigns the ten highest-value customers of the cycle to the executives', async () => {
    await api('session.setup', { name: 'Mia Manager (e2e)', role: 'manager', managerPassphrase: 'e2e manager passphrase' });
    const cycles = await api<{ id: string; name: string }[]>('cycles.list', {});
    const cycle = cycles.find((c) => c.name === 'November 2026') ?? cycles[0];
    if (!cycle) throw new Error('the demo has no cycle');
    const result = await api<{ assigned: number; perPerson: { name: string; count: number }[] }>('assignment.byRule', {
      cycleId: cycle.id,
      role: 'executive',
      count: 10,
    });
    expect(result.assigned).toBe(10);
    expect(result.perPerson).toEqual([expect.objectContaining({ name: 'Morgan Executive (demo)', count: 10 })]);
  });

  it('shows the executive exactly their handful, and calls one from the script card', async () => {
    await page.goto(served.url);
    // The console was set up by the manager above, who hands the desk to the executive.
    await api('session.switch', { name: 'Morgan Executive (demo)', role: 'executive' });
    await page.reload();
    const list = page.getByRole('listbox', { name: 'Customers to call' });
    await list.getByRole('option').first().waitFor();
    await expect.poll(() => page.getByText('10 customers to call').count()).toBe(1);

    await list.getByRole('option').first().click();
    await page.getByRole('button', { name: 'Start call' }).click();
    const briefing = page.getByRole('region', { name: 'Briefing' });
    await briefing.waitFor();
    expect(await page.getByRole('button', { name: 'Next stage' }).count()).toBe(0);
    const violations = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations.map((v) => v.id)).toEqual([]);
    await page.getByRole('textbox', { name: "Customer's words" }).fill('Nobody called back after the outage.');
    await page.getByLabel('One-line summary').fill('Outage and no call back; wants the fix confirmed');
    await screenshot(page, 'executive-card');
    await page.getByRole('radio', { name: 'No answer' }).check();
    await page.getByRole('button', { name: 'Complete call' }).click();
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
  });
});
