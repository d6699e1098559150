import { lazy } from 'react';

/**
 * Every view but the Queue loads as its own script. The window opens on the Queue, and its first
 * paint waits for the whole script to be parsed: the charts of Trends, Intensive care, Issues and
 * Feedback, the playbook editors of Admin and the guided call were more than half of it
 * (`bench/chromium.ts` measures the first paint). Once the Queue has painted, `preloadViews` fetches
 * the rest while the person reads the queue, so opening another view does not wait for the disk.
 */
const loaders = {
  call: () => import('./Call').then((m) => ({ default: m.CallView })),
  trends: () => import('./Trends').then((m) => ({ default: m.TrendsView })),
  care: () => import('./Care').then((m) => ({ default: m.CareView })),
  admin: () => import('./Admin').then((m) => ({ default: m.AdminContainer })),
  issues: () => import('./Issues').then((m) => ({ default: m.IssuesView })),
  outreach: () => import('./Outreach').then((m) => ({ default: m.OutreachView })),
  feedback: () => import('./Feedback').then((m) => ({ default: m.FeedbackView })),
  firstRun: () => import('./FirstRun').then((m) => ({ default: m.FirstRunContainer })),
  recovery: () => import('./Recovery').then((m) => ({ default: m.RecoveryContainer })),
  board: () => import('./Board').then((m) => ({ default: m.BoardView })),
};

export const CallView = lazy(loaders.call);
export const TrendsView = lazy(loaders.trends);
export const CareView = lazy(loaders.care);
export const AdminContainer = lazy(loaders.admin);
export const IssuesView = lazy(loaders.issues);
export const OutreachView = lazy(loaders.outreach);
export const FeedbackView = lazy(loaders.feedback);
export const FirstRunContainer = lazy(loaders.firstRun);
export const RecoveryContainer = lazy(loaders.recovery);
export const BoardView = lazy(loaders.board);

/** Loads the scripts of every view; resolves when all are ready (a failure rejects). */
export async function loadViews(): Promise<void> {
  await Promise.all(Object.values(loaders).map((load) => load()));
}

let preloaded = false;

/**
 * Loads the scripts of the console's views in the background, once per window. The module loader
 * keeps each import's promise, so the lazy views above then render without waiting for the disk.
 */
export function preloadViews(): void {
  if (preloaded) return;
  preloaded = true;
  // Ignored here: opening a view that failed to load shows what failed (ViewBoundary).
  const load = () => void loadViews().catch(() => undefined);
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 200);
}
