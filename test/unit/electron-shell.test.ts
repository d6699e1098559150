import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron binary is absent on CI machines, so the 'electron' module is replaced by a test
 * double that records what the shell configures. The real-binary smoke test is test/e2e/electron.
 */
const electronDouble = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  class FakeWebContents {
    listeners = new Map<string, Listener[]>();
    windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
    permissionHandler: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    permissionCheck: (() => boolean) | null = null;
    mainFrame = { url: '', parent: null as unknown };
    session = {
      setPermissionRequestHandler: (h: FakeWebContents['permissionHandler']) => {
        this.permissionHandler = h;
      },
      setPermissionCheckHandler: (h: () => boolean) => {
        this.permissionCheck = h;
      },
    };
    setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
      this.windowOpenHandler = h;
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    }
    emit(event: string, ...args: unknown[]) {
      for (const l of this.listeners.get(event) ?? []) l(...args);
    }
  }
  const created: { options: { webPreferences: Record<string, unknown> }; loaded: string | null }[] = [];
  class FakeBrowserWindow {
    webContents = new FakeWebContents();
    record: (typeof created)[number];
    constructor(options: { webPreferences: Record<string, unknown> }) {
      this.record = { options, loaded: null };
      created.push(this.record);
    }
    once() {}
    loadURL(url: string) {
      this.record.loaded = url;
      return Promise.resolve();
    }
  }
  const openExternal = (..._args: unknown[]) => Promise.resolve();
  return { FakeWebContents, FakeBrowserWindow, created, shell: { openExternal } };
});

vi.mock('electron', () => ({
  BrowserWindow: electronDouble.FakeBrowserWindow,
  shell: electronDouble.shell,
}));

const { createMainWindow, guardWebContents } = await import('../../electron/main/window');
const { isTrustedSender, registerIpc } = await import('../../electron/main/ipc');
const { isAppUrl, isExternalWebUrl } = await import('../../electron/main/security');
const { CONTENT_SECURITY_POLICY } = await import('../../electron/http/contentSecurityPolicy');

const APP_URL = 'file:///opt/winback/out/renderer/index.html';

beforeEach(() => {
  electronDouble.created.length = 0;
  vi.restoreAllMocks();
});

function guarded() {
  const contents = new electronDouble.FakeWebContents();
  guardWebContents(contents as never, APP_URL);
  return contents;
}

describe('the main window', () => {
  it('is created with context isolation, sandbox and no Node integration', () => {
    createMainWindow({ preloadPath: '/opt/winback/out/preload/index.cjs', appUrl: APP_URL });
    const prefs = electronDouble.created[0]?.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/opt/winback/out/preload/index.cjs',
    });
    expect(electronDouble.created[0]?.loaded).toBe(APP_URL);
  });

  it('denies window.open, sending http(s) links to the system browser only', () => {
    const open = vi.spyOn(electronDouble.shell, 'openExternal');
    const contents = guarded();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledWith('https://example.com/help');
    open.mockClear();
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open).not.toHaveBeenCalled();
  });

  it('blocks navigation and redirects away from the app, and allows its own hash routes', () => {
    const contents = guarded();
    for (const event of ['will-navigate', 'will-redirect']) {
      const foreign = { preventDefault: vi.fn() };
      contents.emit(event, foreign, 'https://example.com.attacker.test/');
      expect(foreign.preventDefault).toHaveBeenCalled();
      const own = { preventDefault: vi.fn() };
      contents.emit(event, own, `${APP_URL}#/queue`);
      expect(own.preventDefault).not.toHaveBeenCalled();
      const otherFile = { preventDefault: vi.fn() };
      contents.emit(event, otherFile, 'file:///home/agent/evil.html');
      expect(otherFile.preventDefault).toHaveBeenCalled();
    }
  });

  it('refuses every permission request and check', () => {
    const contents = guarded();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      const cb = vi.fn();
      contents.permissionHandler?.(contents, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(contents.permissionCheck?.()).toBe(false);
  });

  it('refuses to attach webviews', () => {
    const contents = guarded();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('URL checks', () => {
  it('parses URLs instead of comparing prefixes', () => {
    expect(isAppUrl(`${APP_URL}#/call`, APP_URL)).toBe(true);
    expect(isAppUrl('file:///opt/winback/out/renderer/index.html.evil', APP_URL)).toBe(false);
    expect(isExternalWebUrl('https://example.com.attacker.test')).toBe(true);
    expect(isAppUrl('https://example.com.attacker.test', 'https://example.com/')).toBe(false);
    expect(isExternalWebUrl('not a url')).toBe(false);
    expect(isExternalWebUrl('tel:+15550100')).toBe(false);
  });

  it('keeps a strict Content-Security-Policy', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it("gives the desktop window's page the same policy as winback serve's header", () => {
    const html = readFileSync(join(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    // A meta tag cannot carry frame-ancestors; the file:// page cannot be framed by another site anyway.
    const served = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors'));
    expect(meta?.split('; ')).toEqual(served);
  });
});

describe('IPC', () => {
  function setup() {
    const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
    const dispatched: [unknown, unknown][] = [];
    const main = new electronDouble.FakeWebContents();
    main.mainFrame = { url: `${APP_URL}#/queue`, parent: null };
    registerIpc(
      { handle: (name: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) => void handlers.set(name, fn) } as never,
      (channel, payload) => {
        dispatched.push([channel, payload]);
        return Promise.resolve({ ok: true, value: 'done' });
      },
      (event) => isTrustedSender(event, main as never, APP_URL),
    );
    return { handlers, dispatched, main };
  }

  it('registers one handler per contract channel and nothing else', async () => {
    const { handlers } = setup();
    const { contract } = await import('../../shared/api');
    expect([...handlers.keys()].sort()).toEqual(Object.keys(contract).map((c) => `api:${c}`).sort());
  });

  it('answers the main frame of the app', async () => {
    const { handlers, dispatched, main } = setup();
    const r = await handlers.get('api:session.get')?.({ sender: main, senderFrame: main.mainFrame }, {});
    expect(r).toEqual({ ok: true, value: 'done' });
    expect(dispatched).toEqual([['session.get', {}]]);
  });

  it('refuses a subframe, another page and another window', async () => {
    const { handlers, dispatched, main } = setup();
    const call = handlers.get('api:session.get');
    const subframe = { url: APP_URL, parent: main.mainFrame };
    const foreignPage = { url: 'https://attacker.test/', parent: null };
    const other = new electronDouble.FakeWebContents();
    for (const event of [
      { sender: main, senderFrame: subframe },
      { sender: main, senderFrame: null },
      { sender: other, senderFrame: other.mainFrame },
    ]) {
      expect(await call?.(event, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    main.mainFrame.url = foreignPage.url;
    expect(await call?.({ sender: main, senderFrame: main.mainFrame }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatched).toEqual([]);
  });
});
