import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/messages/en/index';
import { de } from '../../shared/i18n/messages/de/index';
import { es } from '../../shared/i18n/messages/es/index';
import { fr } from '../../shared/i18n/messages/fr/index';
import { pseudoText } from '../../shared/i18n/pseudo';
import type { UiLanguage } from '../../shared/i18n/languages';
import { MANAGER_VIEWS, VIEWS, type View } from '../../renderer/src/store/navigationSlice';
import { launchBrowser, screenshot, serve, winback, type Served } from './harness';
import {
  customerTimeZones,
  dataStrings,
  intlVocabulary,
  overflowingControls,
  overlappingRegions,
  readableTexts,
  settled,
  untranslatedFinder,
} from './i18nScreens';

/**
 * The console in every language it can be read in, in Chromium, over every screen a manager, an agent
 * and an executive can open, on the demo's 1,869 imported customers (so no view is empty):
 * - in the pseudo-language en-XA no word on screen bypasses the catalogue (the rule for what counts
 *   as a word, and what is data, is in i18nScreens.ts);
 * - in German, the longest of the shipped languages, at 1366x768 no button or label is too narrow
 *   for its text;
 * - in the right-to-left pseudo-language ar-XB the page is mirrored and its regions do not overlap.
 */

/**
 * Every view of the navigation, and what opens over them: the first-run screen, a customer's card,
 * Switch person. The frame around the views (top bar, status line) is a screen of its own, and so is
 * the floor state control in the top bar ('presence': its words and the default pause reasons).
 */
type Screen = View | 'first-run' | 'customer-card' | 'switch-person' | 'frame' | 'presence';

const PASSPHRASE = 'i18n views manager passphrase';
const PEOPLE = {
  manager: { name: 'Mia Manager (i18n)', role: 'manager' },
  agent: { name: 'Alex Agent (demo)', role: 'agent' },
  executive: { name: 'Morgan Executive (demo)', role: 'executive' },
} as const;
type Role = keyof typeof PEOPLE;

let served: Served;
let browser: Browser;
let page: Page;
let untranslated: (text: string) => string[];
let intl: Awaited<ReturnType<typeof intlVocabulary>>;

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

/** The navigation's name for a view in a language, as the catalogue has it. */
function viewLabel(view: View, language: UiLanguage): string {
  const english = en.shell.view[view];
  if (language === 'en-XA' || language === 'ar-XB') return pseudoText(english, language);
  if (language === 'de') return de.shell.view[view];
  return english;
}

/** Hands the desk to this role's person, in this language, and opens the console afresh. */
async function signIn(role: Role, language: UiLanguage): Promise<void> {
  await api('session.switch', { ...PEOPLE[role], passphrase: PASSPHRASE });
  await api('locale.setLanguage', { language });
  await page.reload();
  await page.locator('header.topbar nav').waitFor();
  await settled(page);
}

/**
 * Opens every screen the signed-in person can open and hands each to `check`: each view of the
 * navigation and every section of a view's own navigation (Admin's), the Queue with a customer's
 * card, the call at each of its stages and with its shortcut list (then left for later), and the Switch person dialog.
 */
async function visitEveryScreen(role: Role, language: UiLanguage, checkScreen: (screen: Screen, detail: string, onlyDialog?: boolean) => Promise<void>): Promise<void> {
  // A notice stays until dismissed: once checked on the screen whose action raised it, it goes.
  const check = async (screen: Screen, detail: string, onlyDialog?: boolean) => {
    await checkScreen(screen, detail, onlyDialog);
    const dismiss = page.locator('.notices .notice button');
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  };
  const views = VIEWS.filter((v) => role === 'manager' || !MANAGER_VIEWS.includes(v));
  const nav = page.locator('header.topbar nav');
  for (const view of views) {
    const label = viewLabel(view, language);
    await nav.getByRole('button', { name: label, exact: true }).click();
    await page.locator(`main#main-content[aria-label="${label}"]`).waitFor();
    await settled(page);
    await check(view, 'opened');

    const sections = page.locator('main#main-content nav button');
    for (let i = 0; i < (await sections.count()); i += 1) {
      const section = sections.nth(i);
      const name = (await section.textContent())?.trim() ?? `section ${i + 1}`;
      await section.click();
      await settled(page);
      await check(view, `section "${name}"`);
    }

    if (view === 'queue') {
      await page.locator('#queue-listbox [role="option"]').first().click();
      await page.locator('main#main-content aside').first().waitFor();
      await settled(page);
      await check('customer-card', 'first customer of the queue');
    }

    if (view === 'call') {
      // No call on screen: "Next customer" (the first action) opens one.
      const next = page.locator('main#main-content .call-actions button.primary');
      if ((await page.locator('main#main-content .call').count()) === 0) {
        await next.click();
        await page.locator('main#main-content .call').waitFor();
        await settled(page);
      }
      await check('call', 'call opened');
      // Each stage opened in turn by its heading (where one may be skipped to, it says why not).
      const stages = page.locator('main#main-content .stage-toggle');
      for (let i = 0; i < (await stages.count()); i += 1) {
        await stages.nth(i).click();
        await settled(page);
        await check('call', `stage ${i + 1}`);
      }
      await page.locator('main#main-content [aria-keyshortcuts="F1"]').click();
      await page.getByRole('dialog').waitFor();
      await check('call', 'keyboard shortcuts');
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      // Left for later, so the customer is free for the next person's "Next customer".
      await page.locator('main#main-content .call-actions button:not(.primary):not([aria-keyshortcuts])').click();
      await page.locator('main#main-content .call').waitFor({ state: 'detached' });
      await settled(page);
      await check('call', 'left for later');
    }
  }
  await page.locator('header.topbar .link-button').click();
  await page.getByRole('dialog').waitFor();
  await settled(page);
  await check('switch-person', 'dialog open', true);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

/** Every problem found, one line each with the screen it was on, to fail on. */
function judge(found: Map<Screen, Map<string, string>>): string[] {
  return [...found].flatMap(([screen, problems]) => [...problems].map(([problem, example]) => `${screen}: ${problem}: ${example}`));
}

/**
 * Once per screen and kind of problem, with the first text and place it was seen: the frame's words
 * are on every screen, and "Select Ada Example" of a list of customers is one word left, not one per row.
 */
function add(found: Map<Screen, Map<string, string>>, screen: Screen, kind: string, example: string): void {
  const seen = found.get(screen) ?? new Map<string, string>();
  if (!seen.has(kind)) seen.set(kind, example);
  found.set(screen, seen);
}

async function untranslatedOn(found: Map<Screen, Map<string, string>>, screen: Screen, detail: string, onlyDialog = false): Promise<void> {
  for (const { zone, where, text } of await readableTexts(page)) {
    if (onlyDialog && zone !== 'dialog') continue;
    const words = untranslated(text);
    const on: Screen = zone === 'frame' || zone === 'presence' ? zone : screen;
    if (words.length > 0) add(found, on, `${where}: ${words.join(' ')}`, `${JSON.stringify(text.slice(0, 140))} [${screen}, ${detail}]`);
  }
}

beforeAll(async () => {
  served = await serve((dbPath) => winback(['demo', '--db', dbPath]));
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' })).newPage();
  // The console's first screen is already in the desk's language.
  await api('locale.setLanguage', { language: 'en-XA' });
  await page.goto(served.url);
  await page.locator('main').waitFor();
  await settled(page);
  intl = await intlVocabulary(page, 'en', customerTimeZones(served.dbPath));
  untranslated = untranslatedFinder(dataStrings(served.dbPath), intl);
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('in the pseudo-language, no word on any screen bypasses the catalogue', () => {
  it('the first-run screen', async () => {
    const found = new Map<Screen, Map<string, string>>();
    await untranslatedOn(found, 'first-run', 'before anyone signed in');
    expect(judge(found)).toEqual([]);
    // The desk is set up for the rest of the file: a manager, and the executives' handful of customers.
    await api('session.setup', { ...PEOPLE.manager, managerPassphrase: PASSPHRASE });
    const cycles = await api<{ id: string }[]>('cycles.list', {});
    const cycle = cycles[0];
    if (!cycle) throw new Error('the demo has no cycle');
    await api('assignment.byRule', { cycleId: cycle.id, role: 'executive', count: 10 });
    // The manager is a person of the console now: their name is data too.
    untranslated = untranslatedFinder(dataStrings(served.dbPath), intl);
  });

  it.each(['manager', 'agent', 'executive'] as const)('every screen the %s opens', async (role) => {
    await signIn(role, 'en-XA');
    const found = new Map<Screen, Map<string, string>>();
    await visitEveryScreen(role, 'en-XA', (screen, detail, onlyDialog) => untranslatedOn(found, screen, detail, onlyDialog));
    // The check can fail: the frame itself, translated, shows no plain word (the brand is accented).
    expect(untranslated(en.shell.brand)).toEqual(['Winback', 'Console']);
    expect(judge(found)).toEqual([]);
  });
});

describe('in German at 1366x768, every button and label fits its text', () => {
  it('finds a button too narrow for its word', async () => {
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'too-narrow';
      button.textContent = 'Kündigungsgrundzuordnung';
      button.style.cssText = 'width: 60px; overflow: hidden; white-space: nowrap; position: fixed; top: 0; left: 0;';
      document.body.append(button);
    });
    const found = await overflowingControls(page);
    await page.evaluate(() => document.getElementById('too-narrow')?.remove());
    expect(found.map((o) => o.text)).toContain('Kündigungsgrundzuordnung');
  });

  it("a German desk's page fetches the German catalogue and no other", async () => {
    await signIn('manager', 'de');
    // A fresh window with an empty cache, as at the start of a shift.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const fresh = await context.newPage();
      const scripts: Promise<string>[] = [];
      fresh.on('response', (response) => {
        // A script still arriving when the window closes has no text to read: it counts as none.
        if (response.url().endsWith('.js')) scripts.push(response.text().catch(() => ''));
      });
      await fresh.goto(served.url);
      // Nothing is drawn before the catalogue is in: a row of the queue means it has loaded.
      await fresh.locator('#queue-listbox [role="option"]').first().waitFor({ state: 'attached' });
      const loaded = (await Promise.all(scripts)).join('\n');
      // A long message of each catalogue stands for the whole catalogue.
      const has = { en: en.shell.sync.standalone, de: de.shell.sync.standalone, es: es.shell.sync.standalone, fr: fr.shell.sync.standalone };
      expect(Object.entries(has).filter(([, text]) => loaded.includes(text)).map(([language]) => language)).toEqual(['de']);

      // The desk remembers German: at its next start the German catalogue is asked for while the
      // backend is still being asked which language to show, not after its answer.
      const again = await context.newPage();
      const seen: string[] = [];
      const scriptsAgain: { url: string; text: Promise<string> }[] = [];
      again.on('request', (request) => {
        if (request.url().endsWith('.js')) seen.push(`script ${request.url()}`);
      });
      again.on('response', (response) => {
        if (response.url().endsWith('/api/locale.get')) seen.push('locale answered');
        if (response.url().endsWith('.js')) scriptsAgain.push({ url: response.url(), text: response.text().catch(() => '') });
      });
      await again.goto(served.url);
      await again.locator('#queue-listbox [role="option"]').first().waitFor({ state: 'attached' });
      const german = await Promise.all(scriptsAgain.map(async (s) => ((await s.text).includes(de.shell.sync.standalone) ? s.url : null)));
      const chunk = german.find((url) => url !== null);
      expect(chunk, 'the German catalogue was loaded').toBeTruthy();
      expect(seen.indexOf(`script ${chunk}`)).toBeGreaterThanOrEqual(0);
      expect(seen.indexOf(`script ${chunk}`)).toBeLessThan(seen.indexOf('locale answered'));
    } finally {
      await context.close();
    }
  });
  // The agent's screens are the manager's, less the manager's own views and Admin sections: the
  // manager's pass covers them. The executive's call is a card of its own.
  it.each(['manager', 'executive'] as const)('on every screen the %s opens', async (role) => {
    if (role !== 'manager') await signIn(role, 'de');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    const found = new Map<Screen, Map<string, string>>();
    await visitEveryScreen(role, 'de', async (screen, detail, onlyDialog) => {
      for (const o of await overflowingControls(page)) {
        if (onlyDialog && o.zone !== 'dialog') continue;
        const on: Screen = o.zone === 'frame' || o.zone === 'presence' ? o.zone : screen;
        add(found, on, JSON.stringify(o.text.slice(0, 100)), `needs ${o.scrollWidth} px, has ${o.clientWidth} px [${screen}, ${detail}]`);
      }
    });
    expect(judge(found)).toEqual([]);
  });
});

describe('in the right-to-left pseudo-language, the console is mirrored and nothing overlaps', () => {
  it('the Queue and the call of an agent', async () => {
    await signIn('agent', 'ar-XB');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const nav = page.locator('header.topbar nav');
    const mirrored = async () => {
      // The brand starts the top bar: at its right end when the page reads right to left.
      const brand = await page.locator('header.topbar .brand').boundingBox();
      const navBox = await nav.boundingBox();
      return brand !== null && navBox !== null && brand.x > navBox.x + navBox.width;
    };

    await nav.getByRole('button', { name: viewLabel('queue', 'ar-XB'), exact: true }).click();
    await page.locator('#queue-listbox [role="option"]').first().click();
    await page.locator('main#main-content aside').first().waitFor();
    await settled(page);
    expect(await mirrored()).toBe(true);
    expect(await overlappingRegions(page)).toEqual([]);
    await screenshot(page, 'rtl-queue');

    await nav.getByRole('button', { name: viewLabel('call', 'ar-XB'), exact: true }).click();
    await settled(page);
    if ((await page.locator('main#main-content .call').count()) === 0) await page.locator('main#main-content .call-actions button.primary').click();
    await page.locator('main#main-content .call').waitFor();
    await settled(page);
    expect(await mirrored()).toBe(true);
    expect(await overlappingRegions(page)).toEqual([]);
    await screenshot(page, 'rtl-call');
  });
});
