import { z } from 'zod';
import { channel } from './channel';
import { DIAL_SCHEMES } from '../domain/phone';

/** How the console looks and dials on this desk; kept in the console's settings. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export const PreferencesSchema = z.object({
  theme: z.enum(THEMES),
  dialScheme: z.enum(DIAL_SCHEMES),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = { theme: 'system', dialScheme: 'tel' };

export const preferenceChannels = {
  // Readable before first run so the welcome screen already has the desk's theme.
  'preferences.get': channel({ input: z.object({}).strict(), output: PreferencesSchema, setup: true }),
  'preferences.set': channel({
    input: PreferencesSchema.partial()
      .strict()
      .refine((p) => Object.keys(p).length > 0, 'Say which preference to change.'),
    output: PreferencesSchema,
  }),
};
