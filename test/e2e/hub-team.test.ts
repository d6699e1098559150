import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import { choosePerson } from '../../electron/backend/session/person';
import { saveHubSettings } from '../../electron/backend/sync/settings';
import { enqueueEvent } from '../../db/repos/outbox';
import { insertPerson } from '../../db/repos/people';
import { prepareCustomerUpsert } from '../../db/repos/customers';
import { upsertCycle } from '../../db/repos/cycles';
import { openDatabase } from '../../db/open';
import { openHubStore, type HubStore } from '../../hub/store/connect';
import { startHub, type RunningHub } from '../../hub/server';
import { createToken } from '../../hub/tokens';
import { ReasonsReport } from '../../shared/reports/reasons';
import { tempDir } from '../helpers/backend';
import { completed, departed } from '../hub/events';
import { launchBrowser, screenshot, serve, type Served } from './harness';

/**
 * A team on loopback: a hub, a manager's console and an agent's console, each in its own process
 * as people run them. The manager publishes assignments, the agent's console receives them, the
 * agent's calls reach the hub, and the manager's console reads them in the org-wide report.
 */
const NOW = new Date().toISOString();
const CUSTOMERS = [
  { externalId: 'TEAM-1', name: 'Ada Example', revenue: 90 },
  { externalId: 'TEAM-2', name: 'Bruno Sample', revenue: 60 },
  { externalId: 'TEAM-3', name: 'Chioma Placeholder', revenue: 30 },
];

let hubDir: { dir: string; dispose: () => void };
let store: HubStore;
let hub: RunningHub;
let agentToken: string;
let manager: Served;
let agent: Served;
let browser: Browser;
let managerPage: Page;
let agentPage: Page;

beforeAll(async () => {
  hubDir = tempDir();
  store = await openHubStore({ dataDir: hubDir.dir });
  hub = await startHub({ store, port: 0 });
  const managerToken = await createToken(store, { name: 'Pat Manager', role: 'manager' }, new Date());
  agentToken = await createToken(store, { name: 'Alex Agent', role: 'agent' }, new Date());

  manager = await serve((dbPath) => {
    // The manager imported the cycle's departed customers and assigned them to Alex (other screens do this).
    const b = createBackend({ dbPath, log: silentLogger });
    try {
      b.db.transaction(() => choosePerson(b.deps, { name: 'Pat Manager', role: 'manager' }, 'session.setup', null))();
      b.db.transaction(() => {
        upsertCycle(b.db, { id: '2026-11', name: 'November 2026', kind: 'monthly', startsOn: '2026-11-01', endsOn: '2026-11-30' }, NOW);
        insertPerson(b.db, { id: 'alex-on-manager-console', name: 'Alex Agent', role: 'agent' }, NOW);
        const upsert = prepareCustomerUpsert(b.db);
        for (const c of CUSTOMERS) {
          upsert({ externalId: c.externalId, name: c.name, company: null, phone: '+1 555-0142', email: null, timezone: 'America/New_York', segment: 'Month-to-month', product: 'DSL', monthlyRevenue: c.revenue, tenureMonths: 5, departedAt: '2026-11-02', lastActivityAt: null, statedReasonText: 'Price too high', statedReasonId: 'price.too-expensive', frontlineRep: null, frontlineTeam: 'Billing desk', notes: null, cycleId: '2026-11' }, NOW);
          b.db.prepare("UPDATE customers SET assigned_to = 'alex-on-manager-console' WHERE external_id = ?").run(c.externalId);
          enqueueEvent(b.db, 'customer.departed', departed(c.externalId, { cycle: 'November 2026', monthlyRevenue: c.revenue }), NOW);
        }
      })();
      saveHubSettings(b.db, { url: hub.url, token: managerToken });
    } finally {
      b.close();
    }
  });
  agent = await serve((dbPath) => {
    const b = createBackend({ dbPath, log: silentLogger });
    try {
      b.db.transaction(() => choosePerson(b.deps, { name: 'Alex Agent', role: 'agent' }, 'session.setup', null))();
    } finally {
      b.close();
    }
  });
  browser = await launchBrowser();
  managerPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  agentPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
  await manager?.stop();
  await hub?.close();
  await store?.close();
  hubDir?.dispose();
});

async function openHubSection(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Admin' }).click();
  const section = page.getByRole('region', { name: 'Hub' });
  await section.waitFor();
  return section;
}

describe('a team on one hub, in Chromium', () => {
  it('the manager publishes the cycle\'s assignments', async () => {
    await managerPage.goto(manager.url);
    const section = await openHubSection(managerPage);
    await section.getByRole('button', { name: 'Publish assignments' }).click();
    await expect.poll(() => section.getByRole('status', { name: 'Hub result' }).textContent()).toBe('Published 3 assignments for Alex Agent.');
  });

  it("the agent connects their console, receives their customers, and sees them in the queue", async () => {
    await agentPage.goto(agent.url);
    const section = await openHubSection(agentPage);
    await section.getByLabel('Hub address').fill(hub.url);
    await section.getByLabel('Hub token').fill(agentToken);
    await section.getByRole('button', { name: 'Save hub settings' }).click();
    await expect.poll(() => section.getByText('Token configured: yes').count()).toBe(1);
    expect(await section.getByLabel('Hub token').inputValue()).toBe('');
    await section.getByRole('button', { name: 'Fetch my assignments' }).click();
    await expect.poll(() => section.getByRole('status', { name: 'Hub result' }).textContent()).toMatch(/^Received 3 assigned customers/);
    const violations = (await new AxeBuilder({ page: agentPage }).include('.hub-settings').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations.map((v) => v.id)).toEqual([]);
    await screenshot(agentPage, 'hub-settings');

    await agentPage.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();
    const list = agentPage.getByRole('listbox', { name: 'Customers to call' });
    for (const c of CUSTOMERS) await list.getByText(c.name).waitFor();
    await expect.poll(() => agentPage.getByRole('status', { name: 'Sync status' }).textContent(), { timeout: 20_000 }).toMatch(/^Online: 0 events waiting to sync/);
  });

  it("the agent's calls reach the hub and the manager's console reads them org-wide", async () => {
    // Two completed calls, written as the call screen writes them (its own transaction, its outbox event).
    const db = openDatabase(agent.dbPath);
    try {
      db.transaction(() => {
        enqueueEvent(db, 'call.completed', completed('team-call-1', 'TEAM-1', { cycle: 'November 2026', outcome: 'recovered', monthlyRevenue: 90 }), NOW);
        enqueueEvent(db, 'call.completed', completed('team-call-2', 'TEAM-2', { cycle: 'November 2026', outcome: 'declined', monthlyRevenue: 60 }), NOW);
      })();
    } finally {
      db.close();
    }
    const section = await openHubSection(agentPage);
    await section.getByRole('button', { name: 'Sync now' }).click();
    // The background sender may have sent them a moment earlier; either way nothing is left waiting.
    await expect.poll(() => section.getByRole('status', { name: 'Hub result' }).textContent()).toMatch(/^Sent [0-2] events?; 0 events waiting\.$/);

    // The manager console's own channel, as its Trends view calls it.
    const origin = new URL(manager.url).origin;
    const key = new URL(manager.url).searchParams.get('key') ?? '';
    const orgWide = async () => {
      const res = await fetch(`${origin}/api/hub.trends`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-winback-key': key }, body: JSON.stringify({ cycle: 'November 2026' }) });
      const answer = (await res.json()) as { ok: boolean; value: unknown };
      expect(answer.ok).toBe(true);
      return ReasonsReport.parse(answer.value).totals;
    };
    await expect.poll(orgWide, { timeout: 20_000 }).toEqual({ departed: 3, revenue: 180, calls: 2, recovered: 1, recoveryRate: 0.5, recoveredRevenue: 90 });
  });
});
