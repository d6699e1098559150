import type { FeedbackCountRow, FeedbackGroup, FeedbackItem, FeedbackStatus } from '../../../shared/api/feedback';
import { api } from '../api/client';
import type { Slice } from './types';

export type FeedbackFilter = FeedbackStatus | 'open';

export interface FeedbackSlice {
  feedbackFilter: FeedbackFilter;
  feedbackItems: FeedbackItem[];
  feedbackTotal: number;
  feedbackGroups: FeedbackGroup[];
  feedbackCounts: FeedbackCountRow[];
  feedbackLoading: boolean;
  loadFeedback: () => Promise<void>;
  setFeedbackFilter: (filter: FeedbackFilter) => void;
  setFeedbackStatus: (id: string, status: FeedbackStatus) => Promise<void>;
}

export const createFeedbackSlice: Slice<FeedbackSlice> = (set, get) => ({
  feedbackFilter: 'open',
  feedbackItems: [],
  feedbackTotal: 0,
  feedbackGroups: [],
  feedbackCounts: [],
  feedbackLoading: false,
  loadFeedback: async () => {
    set({ feedbackLoading: true });
    try {
      const [queue, counts] = await Promise.all([
        api().call('feedback.queue', { status: get().feedbackFilter }),
        api().call('feedback.counts', {}),
      ]);
      set({ feedbackItems: queue.items, feedbackTotal: queue.total, feedbackGroups: queue.groups, feedbackCounts: counts.rows });
    } catch (error) {
      get().reportError(error);
    } finally {
      set({ feedbackLoading: false });
    }
  },
  setFeedbackFilter: (filter) => {
    set({ feedbackFilter: filter });
    void get().loadFeedback();
  },
  setFeedbackStatus: async (id, status) => {
    try {
      await api().call('feedback.setStatus', { id, status });
      await get().loadFeedback();
    } catch (error) {
      get().reportError(error);
    }
  },
});
