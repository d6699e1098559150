import type { QueueItem, QueueQuery } from '../../../shared/api/queue';
import type { z } from 'zod';
import type { QueueFiltersSchema } from '../../../shared/api/queue';
import { api } from '../api/client';
import type { Slice } from './types';

export type QueueFilterOptions = z.infer<typeof QueueFiltersSchema>;

export interface QueueSlice {
  queueItems: QueueItem[];
  queueTotal: number;
  queueLoading: boolean;
  queueQuery: QueueQuery;
  queueFilterOptions: QueueFilterOptions | null;
  setQueueQuery: (patch: Partial<QueueQuery>) => void;
  loadQueue: () => Promise<void>;
  /**
   * Asks for the queue while the console is still opening (App.tsx), beside the person's language
   * rather than after it: the Queue, drawn once the language is on screen, then finds its rows there.
   */
  loadQueueAtStart: () => Promise<void>;
  /** The Queue's load as it appears: the one asked at start-up if it has not been taken yet, else a new one. */
  loadQueueForView: () => Promise<void>;
  loadQueueFilters: () => Promise<void>;
}

/** Each load gets a number; an answer to an older query (typing fast) never replaces a newer one. */
let latestLoad = 0;
/** The load asked for at start-up, until the Queue's first appearance takes it. */
let startLoad: Promise<void> | null = null;

/** A new start (a test's, say) asks afresh rather than taking an earlier start's answer. */
export function forgetQueueAtStart(): void {
  startLoad = null;
}

export const createQueueSlice: Slice<QueueSlice> = (set, get) => ({
  queueItems: [],
  queueTotal: 0,
  queueLoading: false,
  queueQuery: { limit: 200, offset: 0 },
  queueFilterOptions: null,
  setQueueQuery: (patch) => {
    set((s) => ({ queueQuery: { ...s.queueQuery, ...patch, offset: 0 } }));
    void get().loadQueue();
  },
  loadQueue: async () => {
    const mine = ++latestLoad;
    set({ queueLoading: true });
    try {
      const { items, total } = await api().call('queue.list', get().queueQuery);
      if (mine === latestLoad) {
        set({ queueItems: items, queueTotal: total });
        get().clearNotices('queue');
        // "Nobody is left to call" no longer holds once the queue has customers again.
        if (total > 0) get().clearNotices('call.start');
      }
    } catch (error) {
      get().reportError(error, 'queue');
    } finally {
      if (mine === latestLoad) set({ queueLoading: false });
    }
  },
  loadQueueAtStart: () => {
    startLoad = get().loadQueue();
    return startLoad;
  },
  loadQueueForView: () => {
    const early = startLoad;
    startLoad = null;
    return early ?? get().loadQueue();
  },
  loadQueueFilters: async () => {
    try {
      set({ queueFilterOptions: await api().call('queue.filters', {}) });
    } catch (error) {
      get().reportError(error);
    }
  },
});
