import type { Logger } from '../backend/types';
import type { UpdateConfig } from './update-config';

/** A first check shortly after start, so it never competes with opening the window. */
const FIRST_CHECK_DELAY_MS = 30_000;

/**
 * Background updates from the feed IT configured: downloaded quietly and installed when the console
 * quits. A failed check (offline, feed down) is logged and retried at the next interval; it never
 * blocks or interrupts the console. electron-updater is loaded only here, so desks without updates
 * never load it.
 */
export async function startAutoUpdates(config: UpdateConfig, log: Logger): Promise<() => void> {
  const { default: electronUpdater } = await import('electron-updater');
  const { autoUpdater } = electronUpdater;
  autoUpdater.setFeedURL({ provider: 'generic', url: config.url });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.logger = null;
  autoUpdater.on('error', (error: Error) => log.warn('update check failed', { error: error.message }));
  autoUpdater.on('update-downloaded', (info: { version: string }) => log.info('update downloaded; installs on quit', { version: info.version }));
  const check = () => {
    autoUpdater.checkForUpdates().catch((error: unknown) => {
      log.warn('update check failed', { error: error instanceof Error ? error.message : 'unknown' });
    });
  };
  log.info('automatic updates on', { source: config.source, everyHours: config.checkEveryHours });
  const first = setTimeout(check, FIRST_CHECK_DELAY_MS);
  const every = setInterval(check, config.checkEveryHours * 3_600_000);
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
