import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  initialPlacement,
  isOnSomeDisplay,
  loadWindowState,
  saveWindowState,
  trackWindowState,
  type Rect,
  type TrackedWindow,
  type WindowState,
} from '../../electron/main/window-state';
import { tempDir } from '../helpers/backend';

const LAPTOP: Rect = { x: 0, y: 0, width: 1440, height: 870 };
const MONITOR_RIGHT: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };
const saved = (bounds: Rect, maximized = false): WindowState => ({ bounds, maximized });

const temps: { dispose(): void }[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.dispose();
  vi.useRealTimers();
});
function stateFile() {
  const t = tempDir();
  temps.push(t);
  return join(t.dir, 'window-state.json');
}

describe('where the window opens', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(initialPlacement(null, [LAPTOP])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('comes back where it was left when that place is on a display', () => {
    const onMonitor = { x: 1600, y: 100, width: 1800, height: 1100 };
    expect(initialPlacement(saved(onMonitor, true), [LAPTOP, MONITOR_RIGHT])).toEqual({ ...onMonitor, maximized: true });
  });

  it('is centred again, at a size that fits, when its monitor was unplugged', () => {
    const onMonitor = { x: 1600, y: 100, width: 1800, height: 1100 };
    expect(initialPlacement(saved(onMonitor), [LAPTOP])).toEqual({ width: 1440, height: 870, maximized: false });
  });

  it('is centred when only a sliver or no title bar would be reachable', () => {
    expect(isOnSomeDisplay({ x: 1380, y: 100, width: 1000, height: 700 }, [LAPTOP])).toBe(false);
    expect(isOnSomeDisplay({ x: 100, y: -500, width: 1000, height: 700 }, [LAPTOP])).toBe(false);
    expect(isOnSomeDisplay({ x: 100, y: 860, width: 1000, height: 700 }, [LAPTOP])).toBe(false);
    expect(isOnSomeDisplay({ x: -800, y: 40, width: 1000, height: 700 }, [LAPTOP])).toBe(true);
    expect(initialPlacement(saved({ x: 100, y: -500, width: 1000, height: 700 }), [LAPTOP])).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('never opens smaller than the minimum size', () => {
    expect(initialPlacement(saved({ x: 10, y: 10, width: 200, height: 100 }), [LAPTOP])).toEqual({ x: 10, y: 10, width: 900, height: 600, maximized: false });
  });
});

describe('the saved state', () => {
  it('round-trips through its file', () => {
    const file = stateFile();
    const state = saved({ x: 20, y: 30, width: 1300, height: 800 }, true);
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
  });

  it('is ignored when missing or damaged', () => {
    const file = stateFile();
    expect(loadWindowState(file)).toBeNull();
    writeFileSync(file, '{"bounds":');
    expect(loadWindowState(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ bounds: { x: 'left', y: 0, width: 10, height: 10 }, maximized: false }));
    expect(loadWindowState(file)).toBeNull();
  });
});

describe('tracking the window', () => {
  class FakeWindow {
    bounds: Rect = { x: 5, y: 6, width: 1000, height: 700 };
    maximized = false;
    minimized = false;
    listeners = new Map<string, () => void>();
    getNormalBounds = () => this.bounds;
    isMaximized = () => this.maximized;
    isMinimized = () => this.minimized;
    isDestroyed = () => false;
    on = (event: string, listener: () => void) => {
      this.listeners.set(event, listener);
      return this;
    };
    emit(event: string) {
      this.listeners.get(event)?.();
    }
  }

  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('saves shortly after the window stops moving, and when it closes', () => {
    const file = stateFile();
    const win = new FakeWindow();
    trackWindowState(win as unknown as TrackedWindow, file, () => undefined, 500);
    win.bounds = { x: 50, y: 60, width: 1100, height: 750 };
    win.emit('move');
    win.emit('resize');
    expect(loadWindowState(file)).toBeNull();
    vi.advanceTimersByTime(500);
    expect(loadWindowState(file)).toEqual(saved({ x: 50, y: 60, width: 1100, height: 750 }));
    win.maximized = true;
    win.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ maximized: true });
  });

  it('does not record a minimised window', () => {
    const file = stateFile();
    const win = new FakeWindow();
    trackWindowState(win as unknown as TrackedWindow, file, () => undefined);
    win.minimized = true;
    win.emit('close');
    expect(loadWindowState(file)).toBeNull();
  });

  it('reports a failed save instead of throwing in the window event', () => {
    const win = new FakeWindow();
    const problems: unknown[] = [];
    // A file where the folder should be: the save cannot succeed.
    const blocker = stateFile();
    writeFileSync(blocker, 'not a folder');
    trackWindowState(win as unknown as TrackedWindow, join(blocker, 'window-state.json'), (e) => problems.push(e));
    expect(() => win.emit('close')).not.toThrow();
    expect(problems).toHaveLength(1);
  });
});
