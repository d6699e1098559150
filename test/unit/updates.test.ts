import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { machineConfigDirs, readUpdateConfig, UPDATE_URL_ENV } from '../../electron/main/update-config';
import type { Logger } from '../../electron/backend/types';
import { tempDir } from '../helpers/backend';

/** electron-updater needs Electron at load time: a double records what the console asks of it. */
const updaterDouble = vi.hoisted(() => {
  const listeners = new Map<string, (arg: unknown) => void>();
  const autoUpdater = {
    feed: null as unknown,
    autoDownload: false,
    autoInstallOnAppQuit: false,
    logger: undefined as unknown,
    checks: 0,
    failWith: null as Error | null,
    setFeedURL(feed: unknown) {
      this.feed = feed;
    },
    on(event: string, listener: (arg: unknown) => void) {
      listeners.set(event, listener);
      return this;
    },
    checkForUpdates() {
      this.checks += 1;
      return this.failWith ? Promise.reject(this.failWith) : Promise.resolve(null);
    },
  };
  return { autoUpdater, listeners };
});
vi.mock('electron-updater', () => ({ default: { autoUpdater: updaterDouble.autoUpdater } }));

const { startAutoUpdates } = await import('../../electron/main/updater');

const temps: { dispose(): void }[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.dispose();
  vi.useRealTimers();
});
function dirs(count: number) {
  const t = tempDir();
  temps.push(t);
  return Array.from({ length: count }, (_, i) => {
    const d = join(t.dir, `config-${i}`);
    mkdirSync(d);
    return d;
  });
}

describe('update configuration', () => {
  it('is off when nothing is configured', () => {
    expect(readUpdateConfig({ env: {}, configDirs: dirs(2) })).toEqual({ config: null, problem: null });
  });

  it('turns on with an https feed in the environment variable, which wins over files', () => {
    const [machine] = dirs(1);
    writeFileSync(join(machine as string, 'update.json'), JSON.stringify({ enabled: false }));
    expect(readUpdateConfig({ env: { [UPDATE_URL_ENV]: 'https://updates.example.org/winback/' }, configDirs: [machine as string] })).toEqual({
      config: { url: 'https://updates.example.org/winback/', checkEveryHours: 6, source: UPDATE_URL_ENV },
      problem: null,
    });
  });

  it('reads the machine-wide file before the personal one', () => {
    const [machine, personal] = dirs(2) as [string, string];
    writeFileSync(join(machine, 'update.json'), JSON.stringify({ enabled: true, url: 'https://it.example.org/feed', checkEveryHours: 12 }));
    writeFileSync(join(personal, 'update.json'), JSON.stringify({ enabled: true, url: 'https://other.example.org/feed' }));
    expect(readUpdateConfig({ env: {}, configDirs: [machine, personal] }).config).toEqual({
      url: 'https://it.example.org/feed',
      checkEveryHours: 12,
      source: join(machine, 'update.json'),
    });
  });

  it('stays off, saying why, when the setting does not make sense', () => {
    const [d] = dirs(1) as [string];
    const file = join(d, 'update.json');
    expect(readUpdateConfig({ env: { [UPDATE_URL_ENV]: 'http://updates.example.org/' }, configDirs: [] })).toEqual({
      config: null,
      problem: `${UPDATE_URL_ENV}: The update feed must be an https:// address without a user name or password.`,
    });
    writeFileSync(file, '{ enabled: true }');
    expect(readUpdateConfig({ env: {}, configDirs: [d] })).toEqual({ config: null, problem: `${file} is not valid JSON` });
    writeFileSync(file, JSON.stringify({ enabled: true }));
    expect(readUpdateConfig({ env: {}, configDirs: [d] })).toEqual({ config: null, problem: `${file}: Updates are enabled but no "url" is given.` });
    writeFileSync(file, JSON.stringify({ enabled: true, url: 'https://u:p@example.org/' }));
    expect(readUpdateConfig({ env: {}, configDirs: [d] }).config).toBeNull();
    writeFileSync(file, JSON.stringify({ enabled: true, url: 'https://example.org/', feed: 'typo' }));
    expect(readUpdateConfig({ env: {}, configDirs: [d] }).problem).toMatch(/Unrecognized key/i);
  });

  it('looks for the machine-wide file where IT tools put configuration', () => {
    expect(machineConfigDirs('linux', {})).toEqual(['/etc/winback-console']);
    expect(machineConfigDirs('win32', { ProgramData: 'D:\\ProgramData' })).toEqual([join('D:\\ProgramData', 'Winback Console')]);
    expect(machineConfigDirs('darwin', {})).toEqual(['/Library/Application Support/Winback Console']);
  });
});

describe('background updates', () => {
  function recordingLog() {
    const lines: string[] = [];
    const log: Logger = {
      info: (m) => lines.push(`info ${m}`),
      warn: (m, f) => lines.push(`warn ${m} ${JSON.stringify(f)}`),
      error: (m) => lines.push(`error ${m}`),
    };
    return { log, lines };
  }

  it('check the configured feed in the background, well after start', async () => {
    vi.useFakeTimers();
    const { log } = recordingLog();
    const stop = await startAutoUpdates({ url: 'https://updates.example.org/winback/', checkEveryHours: 6, source: 'test' }, log);
    expect(updaterDouble.autoUpdater.feed).toEqual({ provider: 'generic', url: 'https://updates.example.org/winback/' });
    expect(updaterDouble.autoUpdater.autoInstallOnAppQuit).toBe(true);
    expect(updaterDouble.autoUpdater.checks).toBe(0);
    vi.advanceTimersByTime(30_000);
    expect(updaterDouble.autoUpdater.checks).toBe(1);
    vi.advanceTimersByTime(6 * 3_600_000);
    expect(updaterDouble.autoUpdater.checks).toBe(2);
    stop();
  });

  it('when offline, log the failure and carry on', async () => {
    vi.useFakeTimers();
    updaterDouble.autoUpdater.failWith = new Error('net::ERR_INTERNET_DISCONNECTED');
    const { log, lines } = recordingLog();
    const stop = await startAutoUpdates({ url: 'https://updates.example.org/', checkEveryHours: 1, source: 'test' }, log);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(lines).toContain('warn update check failed {"error":"net::ERR_INTERNET_DISCONNECTED"}');
    updaterDouble.listeners.get('error')?.(new Error('feed unreachable'));
    expect(lines).toContain('warn update check failed {"error":"feed unreachable"}');
    stop();
    updaterDouble.autoUpdater.failWith = null;
  });
});
