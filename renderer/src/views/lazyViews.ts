import { createElement, lazy, type ComponentType } from 'react';

/**
 * Every view but the Queue loads as its own script. The window opens on the Queue, and its first
 * paint waits for the whole script to be parsed: the charts of Trends, Intensive care, Issues and
 * Feedback, the playbook editors of Admin and the guided call were more than half of it
 * (`bench/chromium.ts` measures the first paint). Once the Queue has painted, `preloadViews` fetches
 * the rest while the person reads the queue, so opening another view does not wait for the disk.
 */
const imports = {
  call: () => import('./Call').then((m) => m.CallView),
  trends: () => import('./Trends').then((m) => m.TrendsView),
  care: () => import('./Care').then((m) => m.CareView),
  admin: () => import('./Admin').then((m) => m.AdminContainer),
  issues: () => import('./Issues').then((m) => m.IssuesView),
  outreach: () => import('./Outreach').then((m) => m.OutreachView),
  keepInTouch: () => import('./KeepInTouch').then((m) => m.KeepInTouchView),
  feedback: () => import('./Feedback').then((m) => m.FeedbackView),
  firstRun: () => import('./FirstRun').then((m) => m.FirstRunContainer),
  recovery: () => import('./Recovery').then((m) => m.RecoveryContainer),
  board: () => import('./Board').then((m) => m.BoardView),
};
type ViewKey = keyof typeof imports;

/** The views whose script has arrived, drawn directly from then on. */
const ready: Partial<Record<ViewKey, ComponentType>> = {};

const load = (key: ViewKey) =>
  imports[key]().then((component: ComponentType) => {
    ready[key] = component;
    return { default: component };
  });

/**
 * A view that renders straight away once its script is here, and through React.lazy before. A lazy
 * component suspends on its first render even when the script has arrived (React only learns so from
 * a promise), and React then holds its loading fallback on screen for at least 300 ms: opening
 * Trends after the preload waited a third of a second before asking for a single report.
 */
function view(key: ViewKey): ComponentType {
  const Lazy = lazy(() => load(key));
  const View = () => createElement(ready[key] ?? Lazy);
  View.displayName = `View(${key})`;
  return View;
}

export const CallView = view('call');
export const TrendsView = view('trends');
export const CareView = view('care');
export const AdminContainer = view('admin');
export const IssuesView = view('issues');
export const OutreachView = view('outreach');
export const KeepInTouchView = view('keepInTouch');
export const FeedbackView = view('feedback');
export const FirstRunContainer = view('firstRun');
export const RecoveryContainer = view('recovery');
export const BoardView = view('board');

/** Loads the scripts of every view; resolves when all are ready (a failure rejects). */
export async function loadViews(): Promise<void> {
  await Promise.all((Object.keys(imports) as ViewKey[]).map((key) => load(key)));
}

let preloaded = false;

/**
 * Loads the scripts of the console's views in the background, once per window. The module loader
 * keeps each import's promise, and the views above render at once from then on (view()).
 */
export function preloadViews(): void {
  if (preloaded) return;
  preloaded = true;
  // Ignored here: opening a view that failed to load shows what failed (ViewBoundary).
  const fetchAll = () => void loadViews().catch(() => undefined);
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(fetchAll, { timeout: 2000 });
  else setTimeout(fetchAll, 200);
}
