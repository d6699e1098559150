import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, serve, winback, type Served } from './harness';
import { addMonths } from '../../shared/domain/care';
import { todayIn } from '../../shared/domain/localTime';
import Database from 'better-sqlite3';
import { PASSPHRASE_KEY } from '../../electron/backend/session/passphrase';
import { TEST_PASSPHRASE, TEST_PASSPHRASE_HASH } from '../helpers/backend';

let server: Served;
let browser: Browser;
let page: Page;

/** A contract call straight to the backend, as the renderer makes it. */
async function backend<T>(channel: string, input: unknown): Promise<T> {
  const url = new URL(server.url);
  const res = await fetch(`${url.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-winback-key': url.searchParams.get('key') ?? '' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value;
}

async function seriousViolations(p: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: p }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });
const careTable = () => page.getByRole('table', { name: 'Customers in intensive care' });
// The console and this test run on the same machine: the same calendar day.
const today = () => todayIn(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);

let recoveredName = '';

beforeAll(async () => {
  server = await serve((dbPath) => {
    winback(['demo', '--db', dbPath]);
    // The desk's manager passphrase, as a manager would have set it, so a manager can take it over later.
    const db = new Database(dbPath);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(PASSPHRASE_KEY, JSON.stringify(TEST_PASSPHRASE_HASH));
    db.close();
  });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Your name').fill('Ann Agent (e2e)');
  await page.getByRole('radio', { name: 'Recovery agent' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('listbox', { name: 'Customers to call' }).getByRole('option').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('intensive care in Chromium', () => {
  it('recovers a customer on a call, then finds them in Intensive care with the first review due in six months', async () => {
    const first = page.getByRole('listbox', { name: 'Customers to call' }).getByRole('option').first();
    recoveredName = (await first.locator('.queue-customer').textContent()) ?? '';
    await first.click();
    await page.getByRole('button', { name: 'Start call' }).click();
    await page.getByRole('heading', { level: 1, name: `Call with ${recoveredName}` }).waitFor();

    await page.getByLabel('Apology note').fill('Apologised for the price rise');
    await page.getByRole('button', { name: 'Next stage' }).click();
    await page.getByRole('textbox', { name: "Customer's words" }).fill('The price went up twice and nobody told me.');
    await page.getByRole('button', { name: 'Next stage' }).click();
    await page.getByRole('combobox', { name: 'Reason category' }).selectOption({ label: 'Price / value for money' });
    await page.getByRole('combobox', { name: 'Specific reason' }).selectOption({ label: 'Too expensive' });
    await page.getByRole('checkbox', { name: 'Customer confirmed the reason' }).check();
    await page.getByRole('button', { name: 'Next stage' }).click();
    await page.getByRole('checkbox', { name: 'Fixed billing' }).check();
    await page.getByRole('button', { name: 'Next stage' }).click();
    await page.getByRole('group', { name: 'Answer to 15% off for 3 months' }).getByRole('radio', { name: 'Accepted' }).check();
    await page.getByRole('radio', { name: 'Recovered' }).check();
    await page.getByRole('button', { name: 'Complete call' }).click();
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
    await expect.poll(() => page.getByText(new RegExp(`^Call with ${recoveredName} saved: Recovered\\.`)).count()).toBe(1);

    await nav('Intensive care').click();
    await careTable().waitFor();
    const row = careTable().getByRole('row').filter({ hasText: recoveredName });
    expect(await row.count()).toBe(1);
    const due = addMonths(today(), 6);
    expect(await row.locator('time').nth(0).getAttribute('datetime')).toBe(today());
    expect(await row.locator('time').nth(1).getAttribute('datetime')).toBe(due);
    expect(await row.textContent()).toContain('Ann Agent (e2e)');
    expect(await row.textContent()).toMatch(/In 1[89]\d days/);
    expect(await row.textContent()).toContain('Not reviewed yet');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'intensive-care');
  });

  it('completes a review: recorded with its verdict and outreach, the next one scheduled, the hub told', async () => {
    await careTable().getByRole('button', { name: `Open review of ${recoveredName}` }).click();
    const form = page.getByRole('form', { name: `Review of ${recoveredName}` });
    await form.waitFor();
    expect(await form.textContent()).toContain('reason: Too expensive, accepted: 15% off for 3 months');
    await form.getByLabel('Customer-service contacts').fill('1');
    await form.getByLabel('Purchases').fill('2');
    await form.getByLabel('Spend').fill('140.50');
    await form.getByLabel('Support tickets').fill('0');
    await form.getByRole('group', { name: 'Satisfaction (1 to 5)' }).getByRole('radio', { name: '4' }).check();
    await form.getByLabel('Review note').fill('Using the cheaper plan, no complaints.');
    await form.getByRole('group', { name: 'Verdict' }).getByRole('radio', { name: 'Healthy' }).check();
    await form.getByLabel('Outreach made').selectOption({ label: 'Phone call' });
    await form.getByLabel('Outreach note').fill('Called to check in');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'intensive-care-review');
    await form.getByRole('button', { name: 'Complete review' }).click();

    await expect.poll(() => page.getByText(new RegExp(`^Review of ${recoveredName} saved: Healthy\\. Next review due `)).count()).toBe(1);
    await form.waitFor({ state: 'detached' });
    const row = careTable().getByRole('row').filter({ hasText: recoveredName });
    await expect.poll(() => row.textContent()).toContain('Healthy');
    expect(await row.locator('time').nth(1).getAttribute('datetime')).toBe(addMonths(today(), 6));

    const list = await backend<{ items: { enrolmentId: string; name: string | null }[] }>('care.list', { scope: 'mine' });
    const enrolmentId = list.items.find((i) => i.name === recoveredName)?.enrolmentId ?? '';
    const detail = await backend<{ reviews: { verdict: string; satisfaction: number; spend: number; outreach: string; outreachNote: string; nextReviewOn: string }[] }>('care.get', { enrolmentId });
    expect(detail.reviews).toEqual([
      expect.objectContaining({ verdict: 'healthy', satisfaction: 4, spend: 140.5, outreach: 'phone_call', outreachNote: 'Called to check in', nextReviewOn: addMonths(today(), 6) }),
    ]);
    // The call and the review wait in the outbox for the hub.
    const status = await backend<{ pending: number }>('sync.status', {});
    expect(status.pending).toBeGreaterThanOrEqual(2);
  });

  it('lets a manager mark the customer as departed again: re-lost, linked to the recovery, counted in the trends', async () => {
    await backend('session.switch', { name: 'Mia Manager (e2e)', role: 'manager', passphrase: TEST_PASSPHRASE });
    await page.reload();
    await nav('Intensive care').click();
    await careTable().waitFor();
    await careTable().getByRole('button', { name: `Mark as departed again: ${recoveredName}` }).click();
    const form = page.getByRole('form', { name: `Mark ${recoveredName} as departed again` });
    await form.getByLabel('What happened (optional)').fill('Cancelled online');
    await form.getByRole('button', { name: 'Confirm departure' }).click();
    const relost = page.getByRole('table', { name: 'Re-lost customers' });
    await relost.waitFor();
    const row = relost.getByRole('row').filter({ hasText: recoveredName });
    expect(await row.textContent()).toContain('Too expensive');
    expect(await row.textContent()).toContain('15% off for 3 months');
    expect(await row.textContent()).toContain('Marked by a manager');
    const byReason = page.getByRole('table', { name: 'Re-losses by the reason diagnosed on the recovery call' });
    await expect.poll(() => byReason.getByRole('row').filter({ hasText: 'Too expensive' }).textContent()).toMatch(/Too expensive.*11\$/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'intensive-care-relost');
  });
});
