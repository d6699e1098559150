import { BrowserWindow, shell, type WebContents, type WebPreferences } from 'electron';
import { isAppUrl, isExternalWebUrl } from './security';

/** Every window of the console runs with these; a test asserts each one. */
export function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: true,
  };
}

/**
 * Keeps the window on the app: no new windows, no navigation or redirects away, http(s) links go to
 * the system browser, and every permission request (camera, notifications, ...) is refused.
 */
export function guardWebContents(contents: WebContents, appUrl: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const blockForeign = (event: { preventDefault: () => void }, url: string) => {
    if (isAppUrl(url, appUrl)) return;
    event.preventDefault();
    if (isExternalWebUrl(url)) void shell.openExternal(url);
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}

export function createMainWindow(options: { preloadPath: string; appUrl: string }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Winback Console',
    backgroundColor: '#f6f7f9',
    webPreferences: hardenedWebPreferences(options.preloadPath),
  });
  guardWebContents(win.webContents, options.appUrl);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.appUrl);
  return win;
}
