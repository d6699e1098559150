import type { Said } from '../../../shared/i18n/said';
import type { Slice } from './types';
import { ApiCallError } from '../api/client';
import { say } from '../i18n/said';

/**
 * A notice keeps its sentence by key (a Said) rather than the words: it is said at render time in the
 * window's current language, so a language change re-says the notices already on screen. Plain text
 * is for words that are data (a file's name, the core's words when it sent no key).
 */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  /** The words when there is no sentence by key, and the last resort when the catalogue lacks it. */
  text: string;
  said: Said | null;
  /**
   * What the notice is about ("call.start", "queue"): a newer notice of the same topic replaces it,
   * and it is cleared when that state changes, so notices describe the present, not the past.
   */
  topic: string | null;
}

export interface NoticeSlice {
  notices: Notice[];
  notify: (kind: Notice['kind'], text: string | Said, topic?: string) => void;
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
  notify: (kind, message, topic) =>
    set((s) => {
      const said = typeof message === 'string' ? null : message;
      const text = typeof message === 'string' ? message : say(message);
      // The same sentence twice (same words, or same key and parameters) shows once.
      const same = (n: Notice) => n.text === text && JSON.stringify(n.said) === JSON.stringify(said);
      const others = s.notices.filter((n) => (topic === undefined ? !same(n) : n.topic !== topic));
      return { notices: [...others.slice(-(MAX_NOTICES - 1)), { id: nextId++, kind, text, said, topic: topic ?? null }] };
    }),
  reportError: (error, topic) => {
    // A failed backend call keeps the core's sentence by key, so it follows a language change.
    if (error instanceof ApiCallError && error.said) return get().notify('error', error.said, topic);
    get().notify('error', error instanceof Error ? error.message : String(error), topic);
  },
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  clearNotices: (topic) =>
    set((s) => (s.notices.some((n) => n.topic === topic) ? { notices: s.notices.filter((n) => n.topic !== topic) } : {})),
});
