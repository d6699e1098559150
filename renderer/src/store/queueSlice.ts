import type { QueueItem, QueueQuery } from '../../../shared/api/customers';
import { api } from '../api/client';
import type { Slice } from './types';

export interface QueueSlice {
  queueItems: QueueItem[];
  queueTotal: number;
  queueLoading: boolean;
  queueQuery: QueueQuery;
  setQueueQuery: (patch: Partial<QueueQuery>) => void;
  loadQueue: () => Promise<void>;
}

export const createQueueSlice: Slice<QueueSlice> = (set, get) => ({
  queueItems: [],
  queueTotal: 0,
  queueLoading: false,
  queueQuery: { limit: 200, offset: 0 },
  setQueueQuery: (patch) => {
    set((s) => ({ queueQuery: { ...s.queueQuery, ...patch, offset: 0 } }));
    void get().loadQueue();
  },
  loadQueue: async () => {
    set({ queueLoading: true });
    try {
      const { items, total } = await api().call('queue.list', get().queueQuery);
      set({ queueItems: items, queueTotal: total });
    } catch (error) {
      get().reportError(error);
    } finally {
      set({ queueLoading: false });
    }
  },
});
