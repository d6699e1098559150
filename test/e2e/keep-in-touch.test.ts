import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import { addEntry, applyLedger } from '../../electron/backend/permissions/ledger';
import { prepareCustomerUpsert } from '../../db/repos/customers';
import { insertConsent } from '../../db/repos/consents';
import { CONSENT_WORDING } from '../../shared/domain/consent';
import { launchBrowser, screenshot, serve, type Served } from './harness';

/**
 * A manager opens Keep in touch in Chromium: the departed customers grouped by reason with the
 * revenue they took, narrowed to one reason; a customer who said no on every channel and one on
 * the do-not-contact ledger are not there.
 */
let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await serve((dbPath) => {
    const b = createBackend({ dbPath, log: silentLogger });
    try {
      const now = new Date();
      const at = now.toISOString();
      const upsert = prepareCustomerUpsert(b.db);
      const departed = (externalId: string, name: string, statedReasonId: string, monthlyRevenue: number) =>
        upsert(
          { externalId, name, company: null, phone: `+1 415 555 01${externalId.slice(-2)}`, email: `${externalId.toLowerCase()}@example.test`, timezone: 'America/New_York', segment: 'Month-to-month', product: 'DSL', monthlyRevenue, tenureMonths: 12, departedAt: at.slice(0, 10), lastActivityAt: null, statedReasonText: 'Left', statedReasonId, frontlineRep: null, frontlineTeam: null, notes: null, cycleId: null },
          at,
        );
      b.db.transaction(() => {
        departed('KIT-01', 'Ada Pricey', 'price.too-expensive', 90);
        departed('KIT-02', 'Bo Outage', 'service.reliability', 60);
        departed('KIT-03', 'Cy Outage', 'service.reliability', 40);
        departed('KIT-04', 'Di Refused', 'price.too-expensive', 500);
        departed('KIT-05', 'Ed Ledger', 'service.reliability', 700);
        const refused = b.db.prepare("SELECT id FROM customers WHERE external_id = 'KIT-04'").pluck().get() as number;
        for (const channel of ['phone', 'email', 'post'] as const) {
          insertConsent(b.db, { customer_id: refused, call_id: 'kit-call', channel, answer: 'no', wording: CONSENT_WORDING[channel], asked_at: at, agent_id: 'kit-agent', agent_name: 'Kit Agent' });
        }
        addEntry(b.db, { id: 'kit-manager', name: 'Kit Manager' }, { kind: 'customer', value: 'KIT-05', scope: 'all', source: 'customer', note: 'Asked not to be contacted', expiresAt: null }, now);
        applyLedger(b.db, now);
      })();
    } finally {
      b.close();
    }
  });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await page.goto(served.url);
  await page.getByLabel('Your name').fill('Mia Manager (e2e)');
  await page.getByRole('radio', { name: 'Manager' }).check();
  await page.getByLabel('Manager passphrase').fill('keep in touch manager passphrase');
  await page.getByRole('button', { name: 'Continue' }).click();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const usd = (n: number) => n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });

describe('Keep in touch in Chromium', () => {
  it('shows the customers who may be contacted by reason with the revenue lost, narrows to one reason, and leaves out refusals and the ledger', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Keep in touch' }).click();
    await page.getByRole('heading', { name: 'Keep in touch' }).waitFor({ timeout: 30_000 });
    await page.getByText(`3 customers to keep in touch with · ${usd(190)} a month lost`).waitFor();

    const groups = page.getByRole('table', { name: 'By reason' });
    const groupRow = (reason: string) => groups.getByRole('row').filter({ has: page.getByRole('cell', { name: reason, exact: true }) });
    await expect.poll(() => groupRow('Network reliability').innerText()).toContain(usd(100));
    expect(await groupRow('Network reliability').innerText()).toMatch(/\b2\b/);
    expect(await groupRow('Too expensive').innerText()).toContain(usd(90));

    const list = page.getByRole('list', { name: 'Customers to keep in touch with' });
    await expect.poll(() => list.innerText()).toContain('Ada Pricey');
    const shown = await list.innerText();
    expect(shown).toContain('Bo Outage');
    expect(shown).toContain('Cy Outage');
    // Said no to calls, emails and letters; on the ledger for everything: neither is offered.
    expect(shown).not.toContain('Di Refused');
    expect(shown).not.toContain('Ed Ledger');
    await screenshot(page, 'keep-in-touch');

    await page.getByRole('form', { name: 'Filter the list' }).getByLabel('Reason').selectOption({ label: 'Network reliability' });
    await page.getByText(`2 customers to keep in touch with · ${usd(100)} a month lost`).waitFor();
    await expect.poll(() => list.innerText()).not.toContain('Ada Pricey');
    expect(await list.innerText()).toContain('Bo Outage');
    expect(await groups.getByRole('row').count()).toBe(2);
  });
});
