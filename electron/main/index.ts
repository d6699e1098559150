import { app, dialog, ipcMain, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBackend } from '../backend/create';
import { resolveDbPath } from '../backend/paths';
import { createMainWindow } from './window';
import { isTrustedSender, registerIpc } from './ipc';

/** The desktop shell: one hardened window over the same backend the CLI and `winback serve` use. */
function dbArgument(argv: readonly string[]): string | undefined {
  const i = argv.indexOf('--db');
  return i >= 0 ? argv[i + 1] : undefined;
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
    let backend: ReturnType<typeof createBackend>;
    try {
      // recovery: a damaged database opens the recovery screen instead of an empty console.
      backend = createBackend({
        dbPath: resolveDbPath(dbArgument(process.argv), app.getPath('userData')),
        recovery: true,
        dailyBackups: true,
      });
    } catch (error) {
      dialog.showErrorBox('Winback Console cannot open its data', error instanceof Error ? error.message : String(error));
      app.exit(1);
      return;
    }
    registerIpc(ipcMain, backend.dispatch, (event) => isTrustedSender(event, mainWindow?.webContents ?? null, appUrl));
    mainWindow = createMainWindow({ preloadPath: join(import.meta.dirname, '../preload/index.cjs'), appUrl });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    app.on('window-all-closed', () => {
      backend.close();
      app.quit();
    });
  });
}
