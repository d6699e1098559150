import { describe, expect, it, vi } from 'vitest';

/** The window as created from a remembered placement, with a recording BrowserWindow double. */
const electronDouble = vi.hoisted(() => {
  const created: { options: Record<string, unknown>; win: FakeBrowserWindow }[] = [];
  class FakeBrowserWindow {
    readyHandlers: (() => void)[] = [];
    calls: string[] = [];
    webContents = {
      setWindowOpenHandler: () => undefined,
      on: () => undefined,
      session: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined },
    };
    constructor(options: Record<string, unknown>) {
      created.push({ options, win: this });
    }
    once(event: string, handler: () => void) {
      if (event === 'ready-to-show') this.readyHandlers.push(handler);
    }
    maximize() {
      this.calls.push('maximize');
    }
    show() {
      this.calls.push('show');
    }
    loadURL() {
      return Promise.resolve();
    }
  }
  return { created, FakeBrowserWindow };
});
vi.mock('electron', () => ({ BrowserWindow: electronDouble.FakeBrowserWindow, shell: { openExternal: () => Promise.resolve() } }));

const { createMainWindow } = await import('../../electron/main/window');

const base = { preloadPath: '/app/out/preload/index.cjs', appUrl: 'file:///app/out/renderer/index.html' };

describe('the main window placement', () => {
  it('opens where it was left, maximised again before it is shown', () => {
    createMainWindow({ ...base, placement: { x: 1600, y: 80, width: 1500, height: 900, maximized: true }, backgroundColor: '#15181c' });
    const { options, win } = electronDouble.created.at(-1) ?? { options: {}, win: null };
    expect(options).toMatchObject({ x: 1600, y: 80, width: 1500, height: 900, minWidth: 900, minHeight: 600, backgroundColor: '#15181c', show: false });
    for (const h of win?.readyHandlers ?? []) h();
    expect(win?.calls).toEqual(['maximize', 'show']);
  });

  it('lets the system centre it when no position is known', () => {
    createMainWindow({ ...base, placement: { width: 1280, height: 820, maximized: false } });
    const { options, win } = electronDouble.created.at(-1) ?? { options: {}, win: null };
    expect(options).toMatchObject({ width: 1280, height: 820 });
    expect('x' in options || 'y' in options).toBe(false);
    for (const h of win?.readyHandlers ?? []) h();
    expect(win?.calls).toEqual(['show']);
  });
});
