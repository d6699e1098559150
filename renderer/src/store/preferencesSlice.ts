import { DEFAULT_PREFERENCES, type Theme } from '../../../shared/domain/preferences';
import { api } from '../api/client';
import type { Slice } from './types';

export interface PreferencesSlice {
  theme: Theme;
  loadPreferences: () => Promise<void>;
  /** Applies at once and is saved for this desk; if saving fails the previous theme comes back. */
  setTheme: (theme: Theme) => Promise<void>;
}

export const createPreferencesSlice: Slice<PreferencesSlice> = (set, get) => ({
  theme: DEFAULT_PREFERENCES.theme,
  loadPreferences: async () => {
    try {
      const prefs = await api().call('preferences.get', {});
      set({ theme: prefs.theme });
    } catch {
      // Cosmetic: the console keeps following the system theme, and a pop-up would give the person
      // nothing to act on. Saving a choice (setTheme) does report its failure.
    }
  },
  setTheme: async (theme) => {
    const previous = get().theme;
    set({ theme });
    try {
      await api().call('preferences.set', { theme });
    } catch (error) {
      // Only undo if the person has not picked yet another theme meanwhile.
      if (get().theme === theme) set({ theme: previous });
      get().reportError(error);
    }
  },
});
