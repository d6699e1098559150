import { getSetting, setSetting } from '../../../db/repos/settings';
import { DEFAULT_PREFERENCES, PreferencesSchema, type Preferences } from '../../../shared/api/preferences';
import type { HandlerGroup } from '../types';
import type { ServiceDeps } from '../types';

export const PREFERENCE_SETTING_KEYS = {
  theme: 'desk.theme',
  dialScheme: 'desk.dialScheme',
} as const;

/** The desk's preferences; a value that no longer parses (an older or hand-edited one) falls back to the default. */
export function readPreferences(deps: Pick<ServiceDeps, 'db'>): Preferences {
  const stored = {
    theme: getSetting<unknown>(deps.db, PREFERENCE_SETTING_KEYS.theme) ?? DEFAULT_PREFERENCES.theme,
    dialScheme: getSetting<unknown>(deps.db, PREFERENCE_SETTING_KEYS.dialScheme) ?? DEFAULT_PREFERENCES.dialScheme,
  };
  const theme = PreferencesSchema.shape.theme.safeParse(stored.theme);
  const dialScheme = PreferencesSchema.shape.dialScheme.safeParse(stored.dialScheme);
  return {
    theme: theme.success ? theme.data : DEFAULT_PREFERENCES.theme,
    dialScheme: dialScheme.success ? dialScheme.data : DEFAULT_PREFERENCES.dialScheme,
  };
}

export function updatePreferences(deps: ServiceDeps, patch: Partial<Preferences>): Preferences {
  deps.db.transaction(() => {
    if (patch.theme !== undefined) setSetting(deps.db, PREFERENCE_SETTING_KEYS.theme, patch.theme);
    if (patch.dialScheme !== undefined) setSetting(deps.db, PREFERENCE_SETTING_KEYS.dialScheme, patch.dialScheme);
  })();
  const next = readPreferences(deps);
  if (patch.theme !== undefined) deps.desktop?.applyTheme(next.theme);
  return next;
}

export const preferenceHandlers: HandlerGroup<'preferences.get' | 'preferences.set'> = {
  'preferences.get': (deps) => readPreferences(deps),
  'preferences.set': (deps, input) => updatePreferences(deps, input),
};
