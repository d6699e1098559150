import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import { choosePerson } from '../../electron/backend/session/person';
import { saveHubSettings } from '../../electron/backend/sync/settings';
import { prepareCustomerUpsert } from '../../db/repos/customers';
import { setSetting, SETTING_KEYS } from '../../db/repos/settings';
import { openHubStore, type HubStore } from '../../hub/store/connect';
import { startHub, type RunningHub } from '../../hub/server';
import { createToken } from '../../hub/tokens';
import { tempDir } from '../helpers/backend';
import { customerDataIn, launchBrowser, screenshot, serve, type Served } from './harness';

/**
 * The floor board: a hub and two consoles, each `winback serve` in its own process as people run
 * them. The agent starts a call and moves to Listen; the manager's board shows it within 5 s.
 */
const NOW = new Date().toISOString();

let hubDir: { dir: string; dispose: () => void };
let store: HubStore;
let hub: RunningHub;
let manager: Served;
let agent: Served;
let browser: Browser;
let managerPage: Page;
let agentPage: Page;

function console_(name: string, role: 'agent' | 'manager', token: string, customers: boolean) {
  return (dbPath: string) => {
    const b = createBackend({ dbPath, log: silentLogger });
    try {
      b.db.transaction(() => choosePerson(b.deps, { name, role }, 'session.setup', null))();
      if (customers) {
        const upsert = prepareCustomerUpsert(b.db);
        upsert({ externalId: 'FLOOR-7', name: 'Ada Example', company: null, phone: '+1 555-0142', email: null, timezone: 'America/New_York', segment: 'Month-to-month', product: 'DSL', monthlyRevenue: 90, tenureMonths: 5, departedAt: '2026-11-02', lastActivityAt: null, statedReasonText: 'Price too high', statedReasonId: 'price.too-expensive', frontlineRep: null, frontlineTeam: 'Billing desk', notes: null, cycleId: null }, NOW);
        // The call may be started whatever the hour this test runs at.
        setSetting(b.db, SETTING_KEYS.callingHoursEnforced, false);
      }
      saveHubSettings(b.db, { url: hub.url, token });
    } finally {
      b.close();
    }
  };
}

beforeAll(async () => {
  hubDir = tempDir();
  store = await openHubStore({ dataDir: hubDir.dir });
  hub = await startHub({ store, port: 0 });
  const managerToken = await createToken(store, { name: 'Pat Manager', role: 'manager' }, new Date());
  const agentToken = await createToken(store, { name: 'Alex Agent', role: 'agent' }, new Date());
  await createToken(store, { name: 'Sam Agent', role: 'agent' }, new Date());
  manager = await serve(console_('Pat Manager', 'manager', managerToken, false));
  agent = await serve(console_('Alex Agent', 'agent', agentToken, true));
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

describe('the floor board in Chromium', () => {
  it("an agent starts a call and moves to Listen; within 5 s the manager's board says so", async () => {
    await managerPage.goto(manager.url);
    await managerPage.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Floor' }).click();
    const floor = managerPage.getByRole('table', { name: 'Everyone on the floor, now' });
    await floor.waitFor();
    await floor.getByRole('row', { name: /Sam Agent/ }).getByText('Offline, never connected').waitFor();

    await agentPage.goto(agent.url);
    await agentPage.getByRole('listbox', { name: 'Customers to call' }).getByRole('option').first().click();
    await agentPage.getByRole('button', { name: 'Start call' }).click();
    await agentPage.getByRole('button', { name: 'Next stage' }).click();
    await agentPage.getByRole('textbox', { name: "Customer's words" }).waitFor();

    const alex = floor.getByRole('row', { name: /Alex Agent/ });
    // The board polls every 2 s; how soon it shows a change is a figure of `npm run load:hub`, not
    // a timed assertion here.
    await alex.getByText('In a call, stage Listen').waitFor();
    expect(await alex.getByRole('cell', { name: 'FLOOR-7' }).count()).toBe(1);
    expect(await managerPage.getByRole('list', { name: 'Team totals' }).textContent()).toContain('In a call: 1');
    const violations = (await new AxeBuilder({ page: managerPage }).include('main').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations.map((v) => v.id)).toEqual([]);
    await screenshot(managerPage, 'floor-board');
    // The customer's name stayed on the agent's desk.
    const held = JSON.stringify(await store.db.selectFrom('board_presence').selectAll().execute());
    expect(held).not.toContain('Ada');
    expect(customerDataIn(manager.stderr() + agent.stderr(), agent.dbPath)).toEqual([]);
  });

  it('the agent pauses for coaching from the top bar; the board shows the reason', async () => {
    await agentPage.getByRole('button', { name: 'Leave for later' }).click();
    const mine = agentPage.getByRole('group', { name: 'My state on the floor' });
    await mine.getByText(/^Ready/).waitFor();
    await mine.getByLabel('Pause reason').selectOption({ label: 'Coaching' });
    await mine.getByRole('button', { name: 'Pause' }).click();
    await mine.getByText(/^Paused: Coaching/).waitFor();
    const floor = managerPage.getByRole('table', { name: 'Everyone on the floor, now' });
    await floor.getByRole('row', { name: /Alex Agent/ }).getByText('Paused: Coaching').waitFor();
    await mine.getByRole('button', { name: 'Resume' }).click();
    await floor.getByRole('row', { name: /Alex Agent/ }).getByText('Idle').waitFor();
  });
});
