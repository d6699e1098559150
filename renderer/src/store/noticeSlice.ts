import type { Slice } from './types';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface NoticeSlice {
  notices: Notice[];
  notify: (kind: Notice['kind'], text: string) => void;
  /** A failed backend call becomes a visible, specific message, never a silent console line. */
  reportError: (error: unknown) => void;
  dismissNotice: (id: number) => void;
}

let nextId = 1;

export const createNoticeSlice: Slice<NoticeSlice> = (set, get) => ({
  notices: [],
  notify: (kind, text) => set((s) => ({ notices: [...s.notices.slice(-4), { id: nextId++, kind, text }] })),
  reportError: (error) => get().notify('error', error instanceof Error ? error.message : String(error)),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
