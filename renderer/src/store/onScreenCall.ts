/**
 * Which call is on screen, kept in this window's storage, so a console opened again after a crash
 * or a restart reopens that call, not whichever unfinished call was saved last (a call left for
 * later is saved when it is left, after the one that then went on screen).
 */
const KEY = 'winback.callOnScreen';

export const onScreenCall = {
  /** A customer id, 'none' when no call was on screen, or null when this window never said. */
  read(): number | 'none' | null {
    try {
      const raw = window.localStorage.getItem(KEY);
      if (raw === null) return null;
      if (raw === 'none') return 'none';
      const id = Number(raw);
      return Number.isInteger(id) && id > 0 ? id : null;
    } catch {
      return null;
    }
  },
  write(value: number | 'none'): void {
    try {
      window.localStorage.setItem(KEY, String(value));
    } catch {
      // Storage disabled: a restart then reopens the caller's latest unfinished call, as before.
    }
  },
};
