import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../bin/start.mjs';
import { ROOT } from './harness';

/**
 * The desktop window itself, through Playwright's Electron driver. It needs the Electron binary,
 * which machines installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 do not have: there every case is
 * reported as skipped, with that reason in its name. Everything else about the shell is covered
 * without the binary (unit tests with an Electron double, the packaging test).
 */
const binary = electronBinary();
const reason = binary ? '' : ' [skipped: the Electron binary is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD=1)]';

let app: ElectronApplication | null = null;
let page: Page;
let home = '';

function userData(): string {
  // XDG_CONFIG_HOME moves Electron's user-data folder on Linux; the product name names the folder.
  return join(home, 'config', 'Winback Console');
}

beforeAll(async () => {
  if (!binary) return;
  home = mkdtempSync(join(tmpdir(), 'winback-electron-'));
  app = await _electron.launch({
    executablePath: binary,
    args: [ROOT, '--db', join(home, 'winback.db')],
    env: { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), ELECTRON_ENABLE_LOGGING: '0' },
    cwd: ROOT,
  });
  page = await app.firstWindow();
});

afterAll(async () => {
  await app?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe(`the desktop window${reason}`, () => {
  it.skipIf(!binary)(`opens sandboxed, with context isolation and no Node in the page${reason}`, async () => {
    const renderer = await app?.evaluate(({ app: electronApp, BrowserWindow }) => {
      const pid = BrowserWindow.getAllWindows()[0]?.webContents.getOSProcessId();
      const metric = electronApp.getAppMetrics().find((m) => m.pid === pid);
      return { pid, sandboxed: metric?.sandboxed };
    });
    if (process.platform === 'linux') {
      // A sandboxed Chromium renderer runs under a seccomp-bpf filter (mode 2).
      const status = readFileSync(`/proc/${renderer?.pid ?? 0}/status`, 'utf8');
      expect(status).toMatch(/^Seccomp:\s+2$/m);
    } else {
      expect(renderer?.sandboxed).toBe(true);
    }
    const pageGlobals = await page.evaluate(() => ({
      node: [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process],
      bridge: Object.keys(window.winback ?? {}).sort(),
    }));
    expect(pageGlobals).toEqual({ node: ['undefined', 'undefined'], bridge: ['invoke', 'on'] });
  });

  it.skipIf(!binary)(`answers session.get through the preload bridge, and nothing outside the contract${reason}`, async () => {
    const session = await page.evaluate(() => window.winback?.invoke('session.get', {}));
    expect(session).toMatchObject({ ok: true, value: { user: null } });
    const unknown = await page.evaluate(() => window.winback?.invoke('fs.read', { path: '/etc/passwd' }).catch((e: unknown) => String(e)));
    expect(String(JSON.stringify(unknown))).toMatch(/No handler registered|unknown_channel/);
  });

  it.skipIf(!binary)(`gets through first run, loads the demo and opens a customer card${reason}`, async () => {
    await page.getByLabel('Your name').fill('Ann Agent (electron)');
    await page.getByRole('radio', { name: 'Recovery agent' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const demo = await page.evaluate(() => window.winback?.invoke('demo.load', {}));
    expect(demo).toMatchObject({ ok: true });
    await page.reload();
    const list = page.getByRole('listbox', { name: 'Customers to call' });
    await list.getByRole('option').first().click();
    await page.getByRole('complementary', { name: 'Customer card' }).getByRole('heading', { level: 2 }).waitFor();
  });

  it.skipIf(!binary)(`switches views from the application menu${reason}`, async () => {
    await app?.evaluate(({ Menu }) => {
      const view = Menu.getApplicationMenu()?.items.find((i) => i.label.replace('&', '') === 'View');
      view?.submenu?.items.find((i) => i.label === 'Trends')?.click();
    });
    await page.getByRole('main', { name: 'Trends' }).waitFor();
  });

  it.skipIf(!binary)(`remembers the window and keeps a log without customer data${reason}`, async () => {
    await app?.close();
    app = null;
    expect(existsSync(join(userData(), 'window-state.json'))).toBe(true);
    const log = readFileSync(join(userData(), 'logs', 'main.log'), 'utf8');
    expect(log).toContain('console started');
    expect(log).not.toMatch(/Ann Agent|@|\+\d[\d ()-]{6,}/);
  });
});
