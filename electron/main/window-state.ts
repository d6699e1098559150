import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { BrowserWindow } from 'electron';

/**
 * The main window's size and position, kept in a small JSON file in the user-data folder (per desk
 * and per person, independent of which database is open). Only Electron's types are used here, so
 * the restore rules are tested as plain functions.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** What the window is created with: no x/y means "let the system centre it". */
export interface InitialWindowPlacement {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const;
/** How much of the window must show on a display for it to be found again: a grabbable title bar. */
const MIN_VISIBLE_WIDTH = 120;
const TITLE_BAR_HEIGHT = 32;

const int = z.number().int().min(-100_000).max(100_000);
const WindowStateSchema = z.object({
  bounds: z.object({ x: int, y: int, width: int.positive(), height: int.positive() }),
  maximized: z.boolean(),
});

export function parseWindowState(value: unknown): WindowState | null {
  const parsed = WindowStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // No file yet, or a damaged one: the window opens at its default size.
    return null;
  }
}

/** Written to a temporary file first so a crash mid-write never leaves a half file behind. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, file);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** True when the window's title bar is on one of the displays, so the person can reach and move it. */
export function isOnSomeDisplay(bounds: Rect, workAreas: readonly Rect[]): boolean {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: TITLE_BAR_HEIGHT };
  return workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= MIN_VISIBLE_WIDTH && o.height >= TITLE_BAR_HEIGHT / 2;
  });
}

/**
 * Where the window opens: where it was left if that place is still on a display (a laptop leaves
 * its docking station, a second monitor is unplugged), otherwise centred at the saved size, shrunk
 * to fit the largest display.
 */
export function initialPlacement(saved: WindowState | null, workAreas: readonly Rect[]): InitialWindowPlacement {
  if (!saved) return { ...DEFAULT_WINDOW_SIZE, maximized: false };
  const largest = workAreas.reduce<Rect | null>((best, a) => (!best || a.width * a.height > best.width * best.height ? a : best), null);
  const fit = (size: number, min: number, max: number | undefined) => Math.max(min, max === undefined ? size : Math.min(size, max));
  const width = fit(saved.bounds.width, MIN_WINDOW_SIZE.width, largest?.width);
  const height = fit(saved.bounds.height, MIN_WINDOW_SIZE.height, largest?.height);
  const bounds = { ...saved.bounds, width, height };
  if (isOnSomeDisplay(bounds, workAreas)) return { ...bounds, maximized: saved.maximized };
  return { width, height, maximized: saved.maximized };
}

/** The part of a window the tracker uses. */
export type TrackedWindow = Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized' | 'isMinimized' | 'isDestroyed' | 'on'>;

/** Saves the state shortly after the window stops moving or resizing, and once more when it closes. */
export function trackWindowState(win: TrackedWindow, file: string, onError: (error: unknown) => void, delayMs = 500): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed() || win.isMinimized()) return;
    try {
      saveWindowState(file, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (error) {
      onError(error);
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', save);
  return save;
}
