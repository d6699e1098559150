import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, serve, winback, type Served } from './harness';

/**
 * A shift on the floor by keyboard only, at 1366x768 as on the desks: three calls, each started
 * from the queue, every key counted. Then every view is checked with axe, with no violation of any
 * impact allowed.
 */
let served: Served;
let browser: Browser;
let page: Page;
let keys = 0;

async function press(key: string): Promise<void> {
  keys += 1;
  await page.keyboard.press(key);
}
/** Typing words counts as what it is: the call's content, not navigation. */
const type = (text: string) => page.keyboard.type(text);

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

async function violations(p: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page: p }).analyze();
  return result.violations.map((v) => `${where}: ${v.id} (${v.impact ?? '?'}): ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const callHeading = () => page.getByRole('heading', { level: 1, name: /^Call with / });
const list = () => page.getByRole('listbox', { name: 'Customers to call' });

/** "Complete call" and the call's header are on screen at 1366x768, whatever the stage. */
async function controlsInView(): Promise<void> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('no viewport');
  for (const target of [page.getByRole('button', { name: 'Complete call' }), callHeading(), page.locator('.call-head .phone-link')]) {
    const box = await target.boundingBox();
    expect(box, 'on screen').not.toBeNull();
    if (!box) return;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  }
}

const MANAGER_PASSPHRASE = 'floor shift manager passphrase';

beforeAll(async () => {
  served = await serve((dbPath) => winback(['demo', '--db', dbPath]));
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  // A manager sets the desk up, with the desk's manager passphrase, and hands it to the agent.
  await api('session.setup', { name: 'Mia Manager (e2e)', role: 'manager', managerPassphrase: MANAGER_PASSPHRASE });
  await api('session.switch', { name: 'Kim Keyboard (e2e)', role: 'agent' });
  await page.goto(served.url);
  await list().getByRole('option').first().waitFor();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** From the queue list with a customer chosen: the keys to the call screen. */
async function startFromQueue(): Promise<{ id: number; name: string; keys: number }> {
  const before = keys;
  const chosen = list().locator('[role=option][aria-selected=true]');
  const name = (await chosen.locator('.queue-customer').textContent()) ?? '';
  const id = Number(((await chosen.getAttribute('id')) ?? '').replace('queue-option-', ''));
  await press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Start call');
  await press('Enter');
  await callHeading().waitFor();
  expect(await callHeading().textContent()).toBe(`Call with ${name}`);
  return { id, name, keys: keys - before };
}

describe('a shift by keyboard only', () => {
  it('runs three calls from the queue, each started in at most 3 keys, with the call controls always in view', async () => {
    // From the top of the page: Tab reaches the skip link, Enter puts the keyboard in the list.
    await press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the customers to call');
    await press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('queue-listbox');
    expect(await violations(page, 'queue')).toEqual([]);
    await screenshot(page, 'queue');

    // Call 1: the whole guided call, recovered.
    const first = await startFromQueue();
    expect(first.keys).toBeLessThanOrEqual(3);
    await controlsInView();
    await type('Sorry we lost you.');
    await press('Alt+KeyN');
    await controlsInView();
    await type('My card expired and the service just stopped.');
    await press('Alt+KeyN');
    await controlsInView();
    // At Diagnose the customer's words stay in view.
    expect(await page.getByText('My card expired and the service just stopped.').isVisible()).toBe(true);
    await type('Payment');
    await press('Tab');
    await type('Expired');
    await press('Tab');
    await press('Tab');
    await press('Space');
    await press('Alt+KeyN');
    await controlsInView();
    await press('Space');
    await press('Alt+KeyN');
    await controlsInView();
    await page.getByRole('group', { name: 'Answer to Fix the payment method, no penalty' }).waitFor();
    await press('ArrowRight');
    await press('Alt+Digit1');
    expect(await violations(page, 'call at Offer')).toEqual([]);
    await screenshot(page, 'call-offer');
    await press('Control+Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('queue-listbox');
    await expect.poll(() => page.getByText(new RegExp(`^Call with ${first.name} saved: Recovered\\.`)).count()).toBe(1);
    // The card shows the next customer to call, not the one just won back.
    const card = page.getByRole('complementary', { name: 'Customer card' });
    await expect.poll(() => card.getByRole('heading', { level: 2 }).textContent()).not.toBe(first.name);
    await screenshot(page, 'call-completed');

    // Call 2: nobody answers.
    const second = await startFromQueue();
    expect(second.keys).toBeLessThanOrEqual(3);
    expect(second.name).not.toBe(first.name);
    await press('Alt+Digit5');
    await press('Control+Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('queue-listbox');

    // Call 3: the customer asks never to be called again; it takes an explicit confirmation.
    const third = await startFromQueue();
    expect(third.keys).toBeLessThanOrEqual(3);
    await type('Sorry to bother you.');
    await press('Alt+Digit7');
    await press('Control+Enter');
    const confirm = page.getByRole('alertdialog', { name: `Mark ${third.name} do not contact?` });
    await confirm.waitFor();
    expect(await violations(page, 'do-not-contact confirmation')).toEqual([]);
    await press('Shift+Tab');
    await press('Enter');
    await expect.poll(() => page.getByText(new RegExp(`^Call with ${third.name} saved: Do not contact\\.`)).count()).toBe(1);

    const cards = await Promise.all(
      [first, second, third].map((c) => api<{ doNotContact: boolean; calls: { outcome: string }[] }>('customers.get', { id: c.id })),
    );
    expect(cards.map((c) => c.calls.map((k) => k.outcome))).toEqual([['recovered'], ['no_answer'], ['do_not_contact']]);
    expect(cards.map((c) => c.doNotContact)).toEqual([false, false, true]);
  });

  it('shows every shortcut with ? and searches with /, from anywhere', async () => {
    await page.getByRole('listbox', { name: 'Customers to call' }).focus();
    await press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await violations(page, 'shortcuts')).toEqual([]);
    await press('Escape');
    await help.waitFor({ state: 'detached' });
    await press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('queue-search');
  });
});

describe('axe on every view', () => {
  it("finds no violation of any impact on an agent's views, with a call open and one left for later", async () => {
    const found: string[] = [];
    const nav = page.getByRole('navigation', { name: 'Main' });
    // An agent's views, with a call left for later on the card and in Call.
    await nav.getByRole('button', { name: 'Queue' }).click();
    await list().getByRole('option').first().click();
    await page.getByRole('complementary', { name: 'Customer card' }).getByRole('button', { name: 'Start call' }).click();
    await callHeading().waitFor();
    found.push(...(await violations(page, 'call at Apologize')));
    await page.keyboard.press('Alt+KeyN');
    await page.keyboard.press('Alt+KeyN');
    found.push(...(await violations(page, 'call at Diagnose')));
    await page.getByRole('button', { name: 'Leave for later' }).click();
    found.push(...(await violations(page, 'queue with a call left for later')));
    await nav.getByRole('button', { name: 'Call' }).click();
    await page.getByRole('list', { name: 'Unfinished calls' }).waitFor();
    found.push(...(await violations(page, 'call, none open')));
    for (const view of ['Trends', 'Intensive care', 'Admin']) {
      await nav.getByRole('button', { name: view }).click();
      // The view's own heading: a view's code loads on first visit, behind a placeholder.
      await page.getByRole('main', { name: view }).getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      found.push(...(await violations(page, `agent: ${view}`)));
    }
    expect(found).toEqual([]);
  }, 300_000);

  it("finds none on a manager's views either, every Admin section included", async () => {
    const found: string[] = [];
    const nav = page.getByRole('navigation', { name: 'Main' });
    await api('session.switch', { name: 'Mia Manager (e2e)', role: 'manager', passphrase: MANAGER_PASSPHRASE });
    await page.reload();
    await list().getByRole('option').first().waitFor();
    found.push(...(await violations(page, 'manager: Queue')));
    for (const view of ['Trends', 'Issues to fix', 'Frontline feedback', 'Intensive care']) {
      await nav.getByRole('button', { name: view }).click();
      // The view's own heading: a view's code loads on first visit, behind a placeholder.
      await page.getByRole('main', { name: view }).getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      found.push(...(await violations(page, `manager: ${view}`)));
    }
    await nav.getByRole('button', { name: 'Admin' }).click();
    const sections = page.getByRole('navigation', { name: 'Admin sections' });
    await sections.waitFor();
    for (const name of await sections.getByRole('button').allTextContents()) {
      await sections.getByRole('button', { name }).click();
      await page.waitForLoadState('networkidle');
      found.push(...(await violations(page, `manager: Admin › ${name}`)));
    }
    expect(found).toEqual([]);
  }, 300_000);
});
