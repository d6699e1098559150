import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerDataIn, launchBrowser, ROOT, screenshot, winback } from './harness';

const BIN = join(ROOT, 'bin', 'winback.mjs');

interface Server {
  url: string;
  port: number;
  key: string;
  child: ChildProcess;
}

/** Everything every `winback serve` of this run wrote to stderr: its log, at info level. */
let serveLog = '';

/** `winback serve` on a given database and port, so it can be killed and started again on the same ones. */
function startServe(dbPath: string, port = 0): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--db', dbPath, '--log-level', 'info'], { cwd: ROOT });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    serveLog += d.toString();
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (!out.includes('\n')) return;
      const url = (out.split('\n')[0] ?? '').replace(/^listening /, '');
      const parsed = new URL(url);
      resolve({ url, port: Number(parsed.port), key: parsed.searchParams.get('key') ?? '', child });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

function stopServe(s: Server | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!s || s.child.exitCode !== null || s.child.signalCode !== null) {
      resolve();
      return;
    }
    s.child.once('exit', () => resolve());
    s.child.kill('SIGTERM');
  });
}

/** A contract call straight to the backend, as the renderer makes it. */
async function backend<T>(s: Server, channel: string, input: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${s.port}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-winback-key': s.key },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value;
}

interface CardCall {
  outcome: string;
  caller: string;
  diagnosedReason: string | null;
}

let dir: string;
let dbPath: string;
let server: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'winback-e2e-call-'));
  dbPath = join(dir, 'winback.db');
  winback(['demo', '--db', dbPath]);
  server = await startServe(dbPath);
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
  await stopServe(server);
  rmSync(dir, { recursive: true, force: true });
});

async function seriousViolations(p: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: p }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const callHeading = () => page.getByRole('heading', { level: 1, name: /^Call with / });

/** The customer whose card is open, by the name in its heading. */
async function openFirstInQueue(): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();
  const first = page.getByRole('listbox', { name: 'Customers to call' }).getByRole('option').first();
  const name = (await first.locator('.queue-customer').textContent()) ?? '';
  await first.click();
  await page.getByRole('complementary', { name: 'Customer card' }).getByRole('heading', { level: 2, name }).waitFor();
  return name;
}

async function idOfCallWith(name: string): Promise<number> {
  const { items } = await backend<{ items: { id: number; name: string | null }[] }>(server, 'queue.list', { search: name, limit: 5 });
  const hit = items.find((i) => i.name === name);
  if (!hit) throw new Error(`${name} is not in the queue`);
  return hit.id;
}

describe('the guided call in Chromium', () => {
  it('runs a whole call from the queue to Complete call by mouse, and the outcome shows on the card', async () => {
    const name = await openFirstInQueue();
    const customerId = await idOfCallWith(name);
    await page.getByRole('button', { name: 'Start call' }).click();
    await callHeading().waitFor();
    expect(await callHeading().textContent()).toBe(`Call with ${name}`);
    for (const stage of ['Apologize', 'Listen', 'Diagnose', 'Assist', 'Offer']) {
      expect(await page.getByRole('heading', { level: 2, name: stage }).count(), stage).toBe(1);
    }
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Apology note').fill('Apologised for the price rise');
    await page.getByRole('button', { name: 'Next stage' }).click();
    await page.getByRole('textbox', { name: "Customer's words" }).fill('The price went up twice and nobody told me.');
    await page.getByRole('button', { name: 'Next stage' }).click();
    await page.getByRole('combobox', { name: 'Reason category' }).selectOption({ label: 'Price / value for money' });
    await page.getByRole('combobox', { name: 'Specific reason' }).selectOption({ label: 'Too expensive' });
    await page.getByRole('checkbox', { name: 'Customer confirmed the reason' }).check();
    await page.getByRole('button', { name: 'Next stage' }).click();
    await page.getByRole('checkbox', { name: 'Fixed billing' }).check();
    await page.getByLabel('Assist note').fill('Refunded the second increase');
    await page.getByRole('button', { name: 'Next stage' }).click();
    const offers = page.getByRole('list', { name: 'Proposed offers, best first' });
    await offers.waitFor();
    expect(await offers.getByRole('heading').allTextContents()).toEqual(['15% off for 3 months', 'A plan that fits what they use']);
    await page.getByRole('group', { name: 'Answer to 15% off for 3 months' }).getByRole('radio', { name: 'Accepted' }).check();
    await page.getByRole('radio', { name: 'Recovered' }).check();
    await page.getByRole('textbox', { name: 'Feedback for the frontline' }).fill('Tell customers before a price rise.');
    await expect.poll(() => page.getByRole('status', { name: 'Draft' }).textContent()).toMatch(/^Draft saved at /);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'call-offer');

    await page.getByRole('button', { name: 'Complete call' }).click();
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
    await expect.poll(() => page.getByText(new RegExp(`^Call with ${name} saved: Recovered\\. 15% off for 3 months: code WB-`)).count()).toBe(1);
    // The card moves on to the next customer to call; the one won back is out of the queue.
    const cardHeading = page.getByRole('complementary', { name: 'Customer card' }).getByRole('heading', { level: 2 });
    await expect.poll(() => cardHeading.textContent()).not.toBe(name);

    const card = await backend<{ calls: CardCall[] }>(server, 'customers.get', { id: customerId });
    expect(card.calls).toEqual([expect.objectContaining({ outcome: 'recovered', caller: 'Ann Agent (e2e)', diagnosedReason: 'Too expensive' })]);

    // The same call in `winback export calls`, read from the database the console is using.
    const rows = parse<Record<string, string>>(winback(['export', 'calls', '--format', 'csv', '--db', dbPath]), { columns: true, bom: true });
    expect(rows.filter((r) => r.Customer === name)).toEqual([
      expect.objectContaining({ Caller: 'Ann Agent (e2e)', Outcome: 'Recovered', 'Diagnosed reason': 'Too expensive', 'Reason confirmed': 'yes' }),
    ]);
  });

  it('runs a whole call by keyboard: next customer, stages, outcome and Complete call', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Call' }).click();
    await page.getByRole('button', { name: 'Next customer' }).focus();
    await page.keyboard.press('Enter');
    await callHeading().waitFor();
    const name = ((await callHeading().textContent()) ?? '').replace(/^Call with /, '');
    const customerId = await idOfCallWith(name);

    await page.keyboard.type('Sorry we lost you.');
    await page.keyboard.press('Alt+KeyN');
    await page.keyboard.type('My card expired and the service just stopped.');
    await page.keyboard.press('Alt+KeyN');
    // Reason category has the cursor; type-ahead picks the option, Tab moves on.
    await page.keyboard.type('Payment');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Expired');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: 'Customer confirmed the reason' }).isChecked()).toBe(true);
    await page.keyboard.press('Alt+KeyN');
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: 'Fixed billing' }).isChecked()).toBe(true);
    await page.keyboard.press('Alt+KeyN');
    const answers = page.getByRole('group', { name: 'Answer to Fix the payment method, no penalty' });
    await answers.waitFor();
    await page.keyboard.press('ArrowRight');
    expect(await answers.getByRole('radio', { name: 'Accepted' }).isChecked()).toBe(true);
    await page.keyboard.press('Alt+Digit1');
    expect(await page.getByRole('radio', { name: 'Recovered' }).isChecked()).toBe(true);

    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.getByText('Ctrl+Enter').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
    await expect.poll(() => page.getByText(new RegExp(`^Call with ${name} saved: Recovered\\.`)).count()).toBe(1);
    const card = await backend<{ calls: CardCall[] }>(server, 'customers.get', { id: customerId });
    expect(card.calls[0]).toMatchObject({ outcome: 'recovered', diagnosedReason: 'Expired card' });
  });

  it('survives the backend being killed mid-call: restarted on the same database, the reloaded console restores the call', async () => {
    const name = await openFirstInQueue();
    const customerId = await idOfCallWith(name);
    await page.getByRole('button', { name: 'Start call' }).click();
    await callHeading().waitFor();
    await page.keyboard.type('Sorry to hear you left.');
    await page.keyboard.press('Alt+KeyN');
    const beforeKill = 'The engineer never came, three times';
    await page.keyboard.type(beforeKill);
    await expect.poll(() => page.getByRole('status', { name: 'Draft' }).textContent()).toMatch(/^Draft saved at /);

    server.child.kill('SIGKILL');
    await new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
    // Still typing while the backend is gone: the window keeps the words and says so.
    await page.keyboard.type(', and I took a day off each time.');
    await expect.poll(() => page.getByRole('status', { name: 'Draft' }).textContent(), { timeout: 10_000 }).toMatch(/^Not saved yet: the console backend is not answering/);

    server = await startServe(dbPath, server.port);
    // The backend's own draft survived the kill, up to the last save it acknowledged.
    const reopened = await backend<{ state: { listen: { words: string }; stage: string }; restoredFrom: string | null }>(server, 'call.start', { customerId });
    expect(reopened.state.listen.words).toBe(beforeKill);
    expect(reopened.state.stage).toBe('listen');
    expect(reopened.restoredFrom).not.toBeNull();

    await page.goto(server.url);
    await callHeading().waitFor();
    expect(await callHeading().textContent()).toBe(`Call with ${name}`);
    const words = page.getByRole('textbox', { name: "Customer's words" });
    expect(await words.inputValue()).toBe(`${beforeKill}, and I took a day off each time.`);
    expect(await page.getByText(/the call is exactly where it was\.$/).count()).toBe(1);
    expect(await page.getByText(`Restored your unfinished call with ${name}, exactly where it was.`).count()).toBe(1);
    await screenshot(page, 'call-restored');
    // The words typed while the backend was down reach it too.
    await expect.poll(async () => (await backend<{ state: { listen: { words: string } } }>(server, 'call.start', { customerId })).state.listen.words).toBe(
      `${beforeKill}, and I took a day off each time.`,
    );

    await page.keyboard.press('Alt+Digit4');
    await page.getByLabel("Callback date and time (customer's local time)").fill('2099-03-02T10:00');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
    const card = await backend<{ calls: CardCall[] }>(server, 'customers.get', { id: customerId });
    expect(card.calls[0]).toMatchObject({ outcome: 'callback' });
    await expect.poll(() => page.getByText(new RegExp(`^Call with ${name} saved: Callback\\.`)).count()).toBe(1);
  });

  it("leaves no customer's name, phone or email in the console's log of the whole run", () => {
    // The run logged at info level: set-up, the calls, the kill and the restart are all in it.
    expect(serveLog).toContain('"message":"');
    expect(serveLog).toContain('"level":"info"');
    expect(customerDataIn(serveLog, dbPath)).toEqual([]);
    // The search itself finds a name and a phone when a line does carry them.
    const probe = new Database(dbPath, { readonly: true });
    const one = probe.prepare('SELECT id, name, phone FROM customers WHERE name IS NOT NULL AND phone IS NOT NULL LIMIT 1').get() as {
      id: number;
      name: string;
      phone: string;
    };
    probe.close();
    expect(customerDataIn(`{"message":"called ${one.name} on ${one.phone}"}`, dbPath)).toEqual(
      expect.arrayContaining([`customer ${one.id}: name`, `customer ${one.id}: phone`]),
    );
  });
});
