import type { Slice } from './types';

export const VIEWS = ['queue', 'call', 'trends', 'issues', 'outreach', 'feedback', 'care', 'board', 'admin'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_LABELS: Record<View, string> = {
  queue: 'Queue',
  call: 'Call',
  trends: 'Trends',
  issues: 'Issues to fix',
  outreach: 'Outreach',
  feedback: 'Frontline feedback',
  care: 'Intensive care',
  board: 'Floor',
  admin: 'Admin',
};

/** Views only a manager works in; the others do not see them in the navigation. */
export const MANAGER_VIEWS: readonly View[] = ['issues', 'outreach', 'feedback', 'board'];

export interface NavigationSlice {
  view: View;
  /** The customer the Call view is about, if any. */
  selectedCustomerId: number | null;
  go: (view: View) => void;
  selectCustomer: (id: number | null) => void;
}

export const createNavigationSlice: Slice<NavigationSlice> = (set) => ({
  view: 'queue',
  selectedCustomerId: null,
  go: (view) => set({ view }),
  selectCustomer: (id) => set({ selectedCustomerId: id }),
});
