import { simpleParser } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { setSetting } from '../../db/repos/settings';
import { OUTREACH_KEYS } from '../../electron/backend/outreach/settings';
import { addCustomer } from '../helpers/calls';
import { startTestRelay, type TestRelay } from '../helpers/smtpServer';
import { launchBrowser, screenshot, serve, type Served } from './harness';

let served: Served;
let relay: TestRelay;
let browser: Browser;
let page: Page;

const WHAT_CHANGED = 'Every street cabinet in the north now has a second line, so one fault no longer cuts the service.';

beforeAll(async () => {
  relay = await startTestRelay();
  served = await serve((dbPath) => {
    const db = openDatabase(dbPath);
    addCustomer(db, { externalId: 'N1', name: 'Ada Example', email: 'ada@example.test', statedReasonId: 'service.reliability', statedReasonText: 'Kept losing the line', monthlyRevenue: 80 });
    addCustomer(db, { externalId: 'N2', name: 'Bruno Sample', email: 'bruno@example.test', statedReasonId: 'service.reliability', statedReasonText: 'Outages every week', monthlyRevenue: 55 });
    addCustomer(db, { externalId: 'N3', name: 'Chioma Placeholder', email: 'chioma@example.test', statedReasonId: 'service.reliability', monthlyRevenue: 40 });
    addCustomer(db, { externalId: 'N4', name: 'Dmitri Fictitious', email: 'dmitri@example.test', statedReasonId: 'price.too-expensive', monthlyRevenue: 30 });
    // IT's relay settings, as Admin, Outreach delivery saves them (the relay runs in this test).
    setSetting(db, OUTREACH_KEYS.sender, { company: 'Northwind Telecom', fromAddress: 'care@northwind.example', replyTo: 'stay@northwind.example' });
    setSetting(db, OUTREACH_KEYS.smtp, { host: '127.0.0.1', port: relay.port, security: 'none', user: null });
    setSetting(db, OUTREACH_KEYS.ratePerMinute, 600);
    db.close();
  });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(served.url);
  await page.getByLabel('Your name').fill('Mia Manager (e2e)');
  await page.getByRole('radio', { name: 'Manager' }).check();
  await page.getByLabel('Manager passphrase').fill('e2e manager passphrase');
  await page.getByRole('button', { name: 'Continue' }).click();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await relay?.close();
});

describe('"we fixed it" in Chromium', () => {
  it('marks an issue fixed, builds the outreach, previews a message and sends it through the SMTP relay', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Issues to fix' }).click();
    await page.getByRole('button', { name: 'New issue' }).click();
    await page.getByLabel('Title').fill('Network outages in the north');
    await page.getByRole('checkbox', { name: 'Network reliability' }).check();
    await page.getByRole('button', { name: 'Create issue' }).click();

    await page.getByLabel('What changed, in a sentence for customers').fill(WHAT_CHANGED);
    await page.getByRole('button', { name: 'Mark fixed' }).click();
    await page.getByText(`What customers are told: ${WHAT_CHANGED}`).waitFor();
    await page.getByRole('button', { name: 'Check who it reaches' }).click();
    await page.getByText(/Reaches 3 of 3 customers not won back/).waitFor();
    await screenshot(page, 'outreach-fixed-issue');

    await page.getByRole('button', { name: 'Build the outreach' }).click();
    await page.getByRole('heading', { name: 'We fixed it: Network outages in the north' }).waitFor();
    await page.getByRole('button', { name: 'Preview the message to Ada Example' }).click();
    const preview = page.getByRole('article', { name: 'Message preview' });
    await preview.waitFor();
    expect(await preview.textContent()).toContain('Dear Ada,');
    expect(await preview.textContent()).toContain(WHAT_CHANGED);
    expect(await preview.textContent()).toContain('stay@northwind.example');
    await screenshot(page, 'outreach-preview');

    await page.getByRole('button', { name: 'Send through the relay' }).click();
    await expect.poll(() => relay.received.length, { timeout: 20_000 }).toBe(3);
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          return page.getByText('3 emailed').count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await screenshot(page, 'outreach-sent');

    const mail = await simpleParser(relay.received.find((m) => m.to[0] === 'ada@example.test')?.raw ?? Buffer.alloc(0));
    expect(mail.subject).toBe('What we changed since you left Northwind Telecom');
    expect(mail.text).toContain(WHAT_CHANGED);
    expect(new Set(relay.received.map((m) => m.messageId)).size).toBe(3);

    // The page: customers told, and none back yet (the returns import adds those who come back).
    await nav.getByRole('button', { name: 'Issues to fix' }).click();
    await page.getByRole('button', { name: 'Network outages in the north', exact: true }).click();
    const after = page.getByRole('region', { name: 'After the fix' }).getByLabel('After the fix').first();
    await expect.poll(async () => (await after.textContent()) ?? '').toContain('Customers told3 of 3');
  });
});
