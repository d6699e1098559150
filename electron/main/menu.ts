import { Menu, type MenuItemConstructorOptions } from 'electron';
import { MENU_VIEW_COMMANDS, type MenuCommand } from '../../shared/api/menu';
import { DIAL_SCHEME_LABELS, DIAL_SCHEMES, type DialScheme } from '../../shared/domain/phone';

/** What the menu's items do; the main process supplies them, tests record them. */
export interface MenuActions {
  /** Tells the window to run a console command (push event `menu.command`). */
  sendCommand: (command: MenuCommand) => void;
  openDataFolder: () => void;
  openLogFolder: () => void;
  backUpNow: () => void;
  showAbout: () => void;
  setDialScheme: (scheme: DialScheme) => void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** A packaged build: no reload (it would drop what the person is typing) and no developer tools. */
  production: boolean;
  dialScheme: DialScheme;
  actions: MenuActions;
}

/**
 * The console's application menu. "Back up now" is not here yet: this build has no backup command
 * for it to call (docs/it-guide.md says how to copy the data folder safely).
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { actions } = options;
  const mac = options.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: 'About Winback Console', click: () => actions.showAbout() };

  const appMenu: MenuItemConstructorOptions = {
    label: 'Winback Console',
    submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open Data Folder', click: () => actions.openDataFolder() },
      { label: 'Open Log Folder', click: () => actions.openLogFolder() },
      { label: 'Back Up Now', click: () => actions.backUpNow() },
      { type: 'separator' },
      {
        label: 'Click-to-Dial Opens',
        submenu: DIAL_SCHEMES.map((scheme) => ({
          label: DIAL_SCHEME_LABELS[scheme],
          type: 'radio' as const,
          checked: scheme === options.dialScheme,
          click: () => actions.setDialScheme(scheme),
        })),
      },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...MENU_VIEW_COMMANDS.map((c) => ({ label: c.label, accelerator: c.accelerator, click: () => actions.sendCommand(c.command) })),
      { type: 'separator' },
      { role: 'reload', enabled: !options.production },
      ...(options.production ? [] : [{ role: 'toggleDevTools' } as const]),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: 'Window',
    submenu: [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }],
  };

  const help: MenuItemConstructorOptions = { label: '&Help', submenu: [about] };

  // On macOS, About lives in the application menu, as people there expect.
  return mac ? [appMenu, file, edit, view, windowMenu] : [file, edit, view, help];
}

export function installApplicationMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}

/** The About dialog's text: what IT asks for when a desk reports a problem. */
export function aboutDetail(info: {
  appVersion: string;
  versions: Partial<Record<'electron' | 'node' | 'chrome', string>>;
  sqliteVersion: string;
  dbPath: string;
  updates: string;
}): string {
  return [
    `Version ${info.appVersion}`,
    `Electron ${info.versions.electron ?? 'unknown'}`,
    `Chromium ${info.versions.chrome ?? 'unknown'}`,
    `Node ${info.versions.node ?? 'unknown'}`,
    `SQLite ${info.sqliteVersion}`,
    `Database: ${info.dbPath}`,
    `Updates: ${info.updates}`,
  ].join('\n');
}
