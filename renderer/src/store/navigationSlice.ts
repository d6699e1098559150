import type { Slice } from './types';

export const VIEWS = ['queue', 'call', 'trends', 'issues', 'outreach', 'keepInTouch', 'feedback', 'care', 'board', 'admin'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_LABELS: Record<View, string> = {
  queue: 'Queue',
  call: 'Call',
  trends: 'Trends',
  issues: 'Issues to fix',
  outreach: 'Outreach',
  keepInTouch: 'Keep in touch',
  feedback: 'Frontline feedback',
  care: 'Intensive care',
  board: 'Floor',
  admin: 'Admin',
};

/** Views only a manager works in; the others do not see them in the navigation. */
export const MANAGER_VIEWS: readonly View[] = ['issues', 'outreach', 'keepInTouch', 'feedback', 'board'];

/** Where the keyboard should go next: the queue's list, or the card's first action. */
export interface FocusRequest {
  target: 'queue' | 'card';
  /** Grows with every request, so asking twice for the same place moves focus twice. */
  n: number;
}

export interface NavigationSlice {
  view: View;
  /** The customer the Call view is about, if any. */
  selectedCustomerId: number | null;
  focusRequest: FocusRequest | null;
  go: (view: View) => void;
  selectCustomer: (id: number | null) => void;
  requestFocus: (target: FocusRequest['target']) => void;
}

export const createNavigationSlice: Slice<NavigationSlice> = (set) => ({
  view: 'queue',
  selectedCustomerId: null,
  focusRequest: null,
  go: (view) => set({ view }),
  selectCustomer: (id) => set({ selectedCustomerId: id }),
  requestFocus: (target) => set((s) => ({ focusRequest: { target, n: (s.focusRequest?.n ?? 0) + 1 } })),
});
