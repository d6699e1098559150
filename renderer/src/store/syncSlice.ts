import type { SyncStatus } from '../../../shared/api/sync';
import { api } from '../api/client';
import type { Slice } from './types';

export interface SyncSlice {
  syncStatus: SyncStatus | null;
  /** Set when the backend itself cannot be reached: the console is offline from its own backend. */
  backendUnreachable: boolean;
  refreshSync: () => Promise<void>;
}

export const createSyncSlice: Slice<SyncSlice> = (set) => ({
  syncStatus: null,
  backendUnreachable: false,
  refreshSync: async () => {
    try {
      set({ syncStatus: await api().call('sync.status', {}), backendUnreachable: false });
    } catch {
      // Polled in the background: shown in the status area, not as a pop-up every few seconds.
      set({ backendUnreachable: true });
    }
  },
});
