import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, serve, winback, type Served } from './harness';
import { fullCall } from '../helpers/callFixtures';
import type { CallSession } from '../../shared/api/call';
import { toCents } from '../../shared/domain/effect';

/**
 * A manager proves what the calls win, in Chromium: a 20% control group on the demo's cycle, five
 * calls, a returns file, then "Did the calls work" and the offer economics as Trends shows them.
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
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(served.url);
  await page.getByLabel('Your name').fill('Mia Manager (e2e)');
  await page.getByRole('radio', { name: 'Manager' }).check();
  await page.getByLabel('Manager passphrase').fill('effect test manager passphrase');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Trends' }).click();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const usd = (cents: number) => (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });

describe('Did the calls work, in Chromium', () => {
  it('sets a 20% control group, and reads the effect and the offer economics after calls and returns', async () => {
    await page.getByRole('heading', { name: 'Did the calls work' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Control share (%)').fill('20');
    await page.getByRole('button', { name: 'Set control group' }).click();
    await page.getByText(/^December 2026: 20% held out, [\d,]+ customers will not be called\.$/).waitFor();
    const [control] = await api<{ toCall: number; control: number }[]>('effect.controls', {});
    if (!control) throw new Error('no control group');
    expect(Math.abs((control.control / (control.toCall + control.control)) * 100 - 20)).toBeLessThan(3);

    // Five calls from the top of the queue, each won back with 15% off for 3 months.
    const queue = (await api<{ items: { id: number; externalId: string }[] }>('queue.list', { limit: 5 })).items;
    for (const item of queue) {
      const s = await api<CallSession>('call.start', { customerId: item.id });
      await api('call.complete', { state: fullCall(s.state) });
    }

    // Returns: 40 customers to be called and 10 held out came back.
    const db = new Database(served.dbPath, { readonly: true });
    const toCall = db.prepare('SELECT external_id FROM customers WHERE selected = 1 ORDER BY id LIMIT 40').pluck().all() as string[];
    const held = db.prepare('SELECT external_id FROM customers WHERE control_group = 1 ORDER BY id LIMIT 10').pluck().all() as string[];
    const revenues = db.prepare(`SELECT monthly_revenue FROM customers WHERE id IN (${queue.map((q) => q.id).join(', ')})`).pluck().all() as number[];
    db.close();
    await page
      .getByLabel(/^Import returns/)
      .setInputFiles({ name: 'current-customers.csv', mimeType: 'text/csv', buffer: Buffer.from(`Customer ID\n${[...toCall, ...held].join('\n')}\n`) });
    await page.getByText(/^Imported returns from current-customers\.csv: 50 customers came back\.$/).waitFor();

    const answer = page.getByRole('group', { name: 'Did the calls work: the answer' });
    const called = toCall.length + queue.filter((q) => !toCall.includes(q.externalId)).length;
    await expect.poll(() => answer.textContent()).toContain(`of ${control.toCall.toLocaleString('en-US')})`);
    expect(await answer.textContent()).toContain(`(${toCall.length} of ${control.toCall.toLocaleString('en-US')})`);
    expect(await answer.textContent()).toContain(`(${held.length} of ${control.control.toLocaleString('en-US')})`);
    expect(called).toBeGreaterThanOrEqual(40);

    // Offer economics: five won back at their own revenue for 12 months, less 15% for 3 months each.
    const revenue = revenues.reduce((n, m) => n + toCents(m) * 12, 0);
    const cost = revenues.reduce((n, m) => n + Math.floor((toCents(m) * 1500 * 3 + 5000) / 10000), 0);
    await page
      .getByText(`5 customers won back through offers: ${usd(revenue)} revenue over up to 12 months, ${usd(cost)} in offer costs,`)
      .waitFor();
    expect(await page.getByText(`${usd(revenue - cost)} net`, { exact: true }).count()).toBe(1);
    await page.getByRole('heading', { name: 'Did the calls work' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'effect');
    await page.getByRole('heading', { name: 'Offer economics' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'offer-economics');
  });
});
