import { useEffect, useSyncExternalStore } from 'react';
import type { Theme } from '../../../shared/domain/preferences';
import { useAppStore } from '../store';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeToSystemTheme(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

export function resolveTheme(theme: Theme, systemDark: boolean): 'light' | 'dark' {
  if (theme === 'system') return systemDark ? 'dark' : 'light';
  return theme;
}

/**
 * Loads the desk's theme and keeps `data-theme` on <html> set to the theme in effect: the chosen
 * one, or the system's, followed live when the system switches between light and dark.
 */
export function useAppliedTheme(): 'light' | 'dark' {
  const theme = useAppStore((s) => s.theme);
  const loadPreferences = useAppStore((s) => s.loadPreferences);
  const systemDark = useSyncExternalStore(subscribeToSystemTheme, systemPrefersDark, () => false);
  const applied = resolveTheme(theme, systemDark);
  useEffect(() => {
    void loadPreferences();
  }, [loadPreferences]);
  useEffect(() => {
    document.documentElement.dataset.theme = applied;
  }, [applied]);
  return applied;
}
