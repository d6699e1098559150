import { app, dialog, ipcMain, nativeTheme, screen, shell, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBackend } from '../backend/create';
import { startSyncLoop } from '../backend/sync/loop';
import { startOutreachSender } from '../backend/outreach/senderLoop';
import { startPresenceSender } from '../backend/sync/presenceSender';
import { backUpNow } from '../backend/maintenance/backup';
import { resolveDbPath } from '../backend/paths';
import type { DesktopShell } from '../backend/types';
import type { Logger } from '../backend/types';
import type { DialScheme } from '../../shared/domain/phone';
import { readPreferences, updatePreferences } from '../backend/preferences/handlers';
import { DEFAULT_PREFERENCES } from '../../shared/api/preferences';
import { createMainWindow } from './window';
import { isTrustedSender, registerIpc } from './ipc';
import { createFileLogger } from './log';
import { openDialUrl } from './dial';
import { aboutDetail, installApplicationMenu } from './menu';
import { initialPlacement, loadWindowState, trackWindowState } from './window-state';
import { machineConfigDirs, readUpdateConfig } from './update-config';
import { startAutoUpdates } from './updater';

/** The desktop shell: one hardened window over the same backend the CLI and `winback serve` use. */
function dbArgument(argv: readonly string[]): string | undefined {
  const i = argv.indexOf('--db');
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Dark desks get a dark window from the first frame, before the page paints. */
const BACKGROUND = { light: '#f6f7f9', dark: '#15181c' } as const;

function openFolder(path: string, log: Logger): void {
  void shell.openPath(path).then((problem) => {
    if (!problem) return;
    log.warn('could not open a folder', { problem });
    dialog.showErrorBox('Winback Console', `The folder ${path} could not be opened: ${problem}`);
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  const appUrl = pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).toString();

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    const userData = app.getPath('userData');
    const logsDir = join(userData, 'logs');
    const production = app.isPackaged;
    const log = createFileLogger({ logsDir, production });
    const desktop: DesktopShell = {
      openDialUrl: (url) => openDialUrl(url, (allowed) => shell.openExternal(allowed)),
      applyTheme: (theme) => {
        nativeTheme.themeSource = theme;
      },
    };

    let backend: ReturnType<typeof createBackend>;
    const dbPath = resolveDbPath(dbArgument(process.argv), userData);
    try {
      // recovery: a damaged database opens the recovery screen instead of an empty console.
      backend = createBackend({ dbPath, log, desktop, recovery: true, dailyBackups: true });
    } catch (error) {
      log.error('database could not be opened', { error: error instanceof Error ? error.message : 'unknown' });
      dialog.showErrorBox('Winback Console cannot open its data', error instanceof Error ? error.message : String(error));
      app.exit(1);
      return;
    }
    // A damaged database (recovery screen) has no readable preferences: the defaults until restart.
    const damaged = backend.database.damaged();
    const preferences = damaged ? DEFAULT_PREFERENCES : readPreferences(backend.deps);
    desktop.applyTheme(preferences.theme);
    // Sends the outbox to the hub in the background when one is configured; idle otherwise.
    const syncLoop = startSyncLoop(backend.deps);
    const outreachSender = startOutreachSender(backend.deps);
    const presence = startPresenceSender(backend.deps);
    registerIpc(ipcMain, backend.dispatch, (event) => isTrustedSender(event, mainWindow?.webContents ?? null, appUrl));

    const windowStateFile = join(userData, 'window-state.json');
    const placement = initialPlacement(loadWindowState(windowStateFile), screen.getAllDisplays().map((d) => d.workArea));
    mainWindow = createMainWindow({
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      appUrl,
      placement,
      backgroundColor: nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light,
    });
    trackWindowState(mainWindow, windowStateFile, (error) => {
      log.warn('window position not saved', { error: error instanceof Error ? error.message : 'unknown' });
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });

    const updates = readUpdateConfig({ env: process.env, configDirs: [...machineConfigDirs(process.platform, process.env), userData] });
    if (updates.problem) log.warn('automatic updates stay off', { problem: updates.problem });
    let updateState = 'off (not configured)';
    if (updates.config && production) {
      startAutoUpdates(updates.config, log).catch((error: unknown) => {
        log.warn('automatic updates could not start', { error: error instanceof Error ? error.message : 'unknown' });
      });
      updateState = `on, from ${updates.config.url}`;
    } else if (updates.config) {
      updateState = 'configured, but off in a development build';
    }

    const sqliteVersion = damaged ? 'unknown (the database is damaged)' : String(backend.db.prepare('SELECT sqlite_version()').pluck().get());
    const showMenu = (dialScheme: DialScheme): void =>
      installApplicationMenu({
        platform: process.platform,
        production,
        dialScheme,
        actions: {
          sendCommand: (command) => mainWindow?.webContents.send('menu.command', command),
          openDataFolder: () => openFolder(dirname(dbPath), log),
          openLogFolder: () => openFolder(logsDir, log),
          backUpNow: () => {
            const tell = (options: Electron.MessageBoxOptions) =>
              void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
            backUpNow(backend.db, new Date())
              .then((file) => tell({ type: 'info', title: 'Backed up', message: 'The console was backed up.', detail: file.path, buttons: ['OK'] }))
              .catch((error: unknown) => {
                log.error('backup failed', { error: error instanceof Error ? error.message : 'unknown' });
                tell({ type: 'error', title: 'Backup failed', message: 'The console could not be backed up.', detail: error instanceof Error ? error.message : String(error), buttons: ['OK'] });
              });
          },
          setDialScheme: (scheme) => {
            try {
              updatePreferences(backend.deps, { dialScheme: scheme });
            } catch (error) {
              log.error('dial scheme not saved', { error: error instanceof Error ? error.message : 'unknown' });
              dialog.showErrorBox('Winback Console', 'The click-to-dial setting could not be saved. Try again; if it keeps failing, send the log to IT.');
              // The radio item already moved: show the setting that is really in force.
              showMenu(readPreferences(backend.deps).dialScheme);
            }
          },
          showAbout: () => {
            const options = {
              type: 'info' as const,
              title: 'About Winback Console',
              message: `Winback Console ${backend.deps.appVersion}`,
              detail: aboutDetail({ appVersion: backend.deps.appVersion, versions: process.versions, sqliteVersion, dbPath, updates: updateState }),
              buttons: ['OK'],
            };
            void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
          },
        },
      });
    showMenu(preferences.dialScheme);
    log.info('console started', { version: backend.deps.appVersion, electron: process.versions.electron, production });

    app.on('window-all-closed', () => {
      void Promise.all([syncLoop.stop(), outreachSender.stop(), presence.stop()]).finally(() => {
        backend.close();
        app.quit();
      });
    });
  });
}
