import type { Slice } from './types';

export const VIEWS = ['queue', 'call', 'trends', 'care', 'admin'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_LABELS: Record<View, string> = {
  queue: 'Queue',
  call: 'Call',
  trends: 'Trends',
  care: 'Intensive care',
  admin: 'Admin',
};

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
