import type { DialScheme } from './phone';

/**
 * How the console looks and dials on this desk; kept in the console's settings. Plain values, apart
 * from the channel's schema (`shared/api/preferences.ts`), so the window's first script, which
 * applies the theme, does not carry the schema library.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export interface Preferences {
  theme: Theme;
  dialScheme: DialScheme;
}

export const DEFAULT_PREFERENCES: Preferences = { theme: 'system', dialScheme: 'tel' };
