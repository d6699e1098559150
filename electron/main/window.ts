import { BrowserWindow, shell, type WebContents, type WebPreferences } from 'electron';
import { isAppUrl, isExternalWebUrl } from './security';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, type InitialWindowPlacement } from './window-state';

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

export function createMainWindow(options: {
  preloadPath: string;
  appUrl: string;
  /** Where the window was left last time (window-state.ts); the default size otherwise. */
  placement?: InitialWindowPlacement;
  /** Painted before the page loads, so a dark desk does not flash white. */
  backgroundColor?: string;
}): BrowserWindow {
  const placement = options.placement ?? { ...DEFAULT_WINDOW_SIZE, maximized: false };
  const win = new BrowserWindow({
    width: placement.width,
    height: placement.height,
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Winback Console',
    backgroundColor: options.backgroundColor ?? '#f6f7f9',
    webPreferences: hardenedWebPreferences(options.preloadPath),
  });
  guardWebContents(win.webContents, options.appUrl);
  win.once('ready-to-show', () => {
    if (placement.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(options.appUrl);
  return win;
}
