import type { BoardThresholds, DeskPresence } from '../../../shared/api/presence';
import type { Board, PauseReason } from '../../../shared/sync/board';
import { said } from '../../../shared/i18n/said';
import { api } from '../api/client';
import type { Slice } from './types';

export interface PresenceSlice {
  presence: DeskPresence | null;
  /** When the desk's presence was last read, by this window's clock: time in state counts from here. */
  presenceReadAt: number;
  loadPresence: () => Promise<void>;
  pauseDesk: (reasonId: string) => Promise<void>;
  resumeDesk: () => Promise<void>;
  board: Board | null;
  /** When the board was last read, by this window's clock. */
  boardReadAt: number;
  /** Why the board could not be read, in words; null while it reads fine. */
  boardError: string | null;
  loadBoard: () => Promise<void>;
  boardThresholds: BoardThresholds | null;
  loadBoardThresholds: () => Promise<void>;
  saveBoardThresholds: (t: BoardThresholds) => Promise<boolean>;
  savePauseReasons: (list: PauseReason[]) => Promise<boolean>;
}

export const createPresenceSlice: Slice<PresenceSlice> = (set, get) => ({
  presence: null,
  presenceReadAt: 0,
  loadPresence: async () => {
    try {
      set({ presence: await api().call('presence.get', {}), presenceReadAt: Date.now() });
    } catch {
      // Polled: the status area already says when the backend is out of reach.
    }
  },
  pauseDesk: async (reasonId) => {
    try {
      set({ presence: await api().call('presence.pause', { reasonId }), presenceReadAt: Date.now() });
    } catch (error) {
      get().reportError(error);
    }
  },
  resumeDesk: async () => {
    try {
      set({ presence: await api().call('presence.resume', {}), presenceReadAt: Date.now() });
    } catch (error) {
      get().reportError(error);
    }
  },
  board: null,
  boardReadAt: 0,
  boardError: null,
  loadBoard: async () => {
    try {
      set({ board: await api().call('board.get', {}), boardReadAt: Date.now(), boardError: null });
    } catch (error) {
      // Shown on the board itself, beside the last board read (which stays, marked as old).
      set({ boardError: error instanceof Error ? error.message : 'The board could not be read.' });
    }
  },
  boardThresholds: null,
  loadBoardThresholds: async () => {
    try {
      set({ boardThresholds: await api().call('board.thresholds.get', {}) });
    } catch (error) {
      get().reportError(error);
    }
  },
  saveBoardThresholds: async (t) => {
    try {
      set({ boardThresholds: await api().call('board.thresholds.set', t) });
      get().notify('info', said('board.thresholds.saved'));
      return true;
    } catch (error) {
      get().reportError(error);
      return false;
    }
  },
  savePauseReasons: async (list) => {
    try {
      const saved = await api().call('presence.reasons.save', { pauseReasons: list });
      get().notify('info', said(saved.publishedToHub ? 'board.reasons.savedEverywhere' : 'board.reasons.savedOnDesk'));
      await get().loadPresence();
      return true;
    } catch (error) {
      get().reportError(error);
      return false;
    }
  },
});
