import type { Slice } from './types';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /**
   * What the notice is about ("call.start", "queue"): a newer notice of the same topic replaces it,
   * and it is cleared when that state changes, so notices describe the present, not the past.
   */
  topic: string | null;
}

export interface NoticeSlice {
  notices: Notice[];
  notify: (kind: Notice['kind'], text: string, topic?: string) => void;
  /** A failed backend call becomes a visible, specific message, never a silent console line. */
  reportError: (error: unknown, topic?: string) => void;
  dismissNotice: (id: number) => void;
  /** The state a notice described has changed: it no longer applies. */
  clearNotices: (topic: string) => void;
}

let nextId = 1;

/** Confirmations fade on their own after this long; errors stay until dismissed or outdated. */
export const INFO_NOTICE_MS = 6_000;
/** At most this many on screen: the oldest goes first. */
const MAX_NOTICES = 3;

export const createNoticeSlice: Slice<NoticeSlice> = (set, get) => ({
  notices: [],
  notify: (kind, text, topic) =>
    set((s) => {
      const others = s.notices.filter((n) => (topic === undefined ? n.text !== text : n.topic !== topic));
      return { notices: [...others.slice(-(MAX_NOTICES - 1)), { id: nextId++, kind, text, topic: topic ?? null }] };
    }),
  reportError: (error, topic) => get().notify('error', error instanceof Error ? error.message : String(error), topic),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  clearNotices: (topic) =>
    set((s) => (s.notices.some((n) => n.topic === topic) ? { notices: s.notices.filter((n) => n.topic !== topic) } : {})),
});
