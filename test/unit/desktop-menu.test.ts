import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuActions } from '../../electron/main/menu';

/**
 * The Electron binary is absent on CI machines: 'electron' is replaced by a double that records the
 * template the shell hands to Menu (the approach of electron-shell.test.ts).
 */
const electronDouble = vi.hoisted(() => {
  const state: { template: unknown[] | null; applied: unknown } = { template: null, applied: null };
  return {
    state,
    Menu: {
      buildFromTemplate: (template: unknown[]) => {
        state.template = template;
        return { built: template };
      },
      setApplicationMenu: (menu: unknown) => {
        state.applied = menu;
      },
    },
  };
});
vi.mock('electron', () => ({ Menu: electronDouble.Menu }));

const { installApplicationMenu, aboutDetail } = await import('../../electron/main/menu');

type Item = MenuItemConstructorOptions;

function recordingActions() {
  const done: string[] = [];
  const actions: MenuActions = {
    sendCommand: (c) => done.push(`command ${c}`),
    openDataFolder: () => done.push('open data folder'),
    openLogFolder: () => done.push('open log folder'),
    backUpNow: () => done.push('back up now'),
    showAbout: () => done.push('about'),
    setDialScheme: (s) => done.push(`dial ${s}`),
  };
  return { actions, done };
}

function install(platform: NodeJS.Platform, production: boolean) {
  const { actions, done } = recordingActions();
  installApplicationMenu({ platform, production, dialScheme: 'sip', actions });
  const template = electronDouble.state.template as Item[];
  const menu = (label: string) => {
    const found = template.find((m) => m.label?.replace('&', '') === label);
    if (!found) throw new Error(`no menu ${label}`);
    return found.submenu as Item[];
  };
  const item = (menuLabel: string, label: string) => {
    const found = menu(menuLabel).find((i) => i.label === label);
    if (!found) throw new Error(`no item ${label} in ${menuLabel}`);
    return found;
  };
  const click = (i: Item) => (i.click as () => void)();
  return { template, menu, item, click, done };
}

beforeEach(() => {
  electronDouble.state.template = null;
  electronDouble.state.applied = null;
});

describe('the application menu', () => {
  it('is installed as the application menu', () => {
    install('linux', true);
    expect(electronDouble.state.applied).toEqual({ built: electronDouble.state.template });
  });

  it('goes to each view with Ctrl/Cmd+1 to 5, through the menu.command event', () => {
    const { menu, click, done } = install('linux', true);
    const views = menu('View').filter((i) => i.accelerator?.startsWith('CmdOrCtrl+'));
    expect(views.map((i) => [i.label, i.accelerator])).toEqual([
      ['Queue', 'CmdOrCtrl+1'],
      ['Call', 'CmdOrCtrl+2'],
      ['Trends', 'CmdOrCtrl+3'],
      ['Intensive care', 'CmdOrCtrl+4'],
      ['Admin', 'CmdOrCtrl+5'],
    ]);
    for (const v of views) click(v);
    expect(done).toEqual(['command view.queue', 'command view.call', 'command view.trends', 'command view.care', 'command view.admin']);
  });

  it('disables reload and leaves out developer tools in a packaged build', () => {
    const prod = install('linux', true).menu('View');
    expect(prod.find((i) => i.role === 'reload')?.enabled).toBe(false);
    expect(prod.some((i) => i.role === 'toggleDevTools' || i.role === 'forceReload')).toBe(false);
    const dev = install('linux', false).menu('View');
    expect(dev.find((i) => i.role === 'reload')?.enabled).toBe(true);
    expect(dev.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('opens the data and log folders and shows About from the File and Help menus', () => {
    const { item, click, done } = install('win32', true);
    click(item('File', 'Open Data Folder'));
    click(item('File', 'Open Log Folder'));
    click(item('Help', 'About Winback Console'));
    expect(done).toEqual(['open data folder', 'open log folder', 'about']);
    expect(item('File', 'Quit').accelerator).toBe('Ctrl+Q');
  });

  it('backs up on demand from the File menu', () => {
    const { item, click, done } = install('linux', true);
    click(item('File', 'Back Up Now'));
    expect(done).toEqual(['back up now']);
  });

  it('shows the click-to-dial scheme as a choice and saves a new one', () => {
    const { item, click, done } = install('linux', true);
    const choices = item('File', 'Click-to-Dial Opens').submenu as Item[];
    expect(choices.map((c) => [c.label, c.type, c.checked])).toEqual([
      ['Phone app (tel:)', 'radio', false],
      ['SIP softphone (sip:)', 'radio', true],
      ['Callto app (callto:)', 'radio', false],
    ]);
    click(choices[2] as Item);
    expect(done).toEqual(['dial callto']);
  });

  it('follows macOS conventions: application menu with About and Quit, a Window menu', () => {
    const { template, menu, click, done } = install('darwin', true);
    expect(template.map((m) => m.label?.replace('&', ''))).toEqual(['Winback Console', 'File', 'Edit', 'View', 'Window']);
    const app = menu('Winback Console');
    click(app[0] as Item);
    expect(done).toEqual(['about']);
    expect(app.some((i) => i.role === 'quit')).toBe(true);
    expect(menu('File').some((i) => i.role === 'quit')).toBe(false);
  });
});

describe('the About dialog', () => {
  it('names the versions and the database path', () => {
    const text = aboutDetail({
      appVersion: '0.1.0',
      versions: { electron: '45.4.1', node: '22.20.0', chrome: '140.0.0.0' },
      sqliteVersion: '3.50.4',
      dbPath: '/home/ann/.config/Winback Console/winback.db',
      updates: 'off (not configured)',
    });
    expect(text.split('\n')).toEqual([
      'Version 0.1.0',
      'Electron 45.4.1',
      'Chromium 140.0.0.0',
      'Node 22.20.0',
      'SQLite 3.50.4',
      'Database: /home/ann/.config/Winback Console/winback.db',
      'Updates: off (not configured)',
    ]);
  });
});
