import { z } from 'zod';
import { channel } from './channel';
import { DIAL_SCHEMES } from '../domain/phone';
import { THEMES, type Preferences } from '../domain/preferences';

export { DEFAULT_PREFERENCES, THEME_LABELS, THEMES, type Preferences, type Theme } from '../domain/preferences';

export const PreferencesSchema = z.object({
  theme: z.enum(THEMES),
  dialScheme: z.enum(DIAL_SCHEMES),
}) satisfies z.ZodType<Preferences>;

export const preferenceChannels = {
  // Readable before first run so the welcome screen already has the desk's theme.
  'preferences.get': channel({ input: z.object({}).strict(), output: PreferencesSchema, setup: true }),
  'preferences.set': channel({
    input: PreferencesSchema.partial()
      .strict()
      .refine((p) => Object.keys(p).length > 0, 'errors.input.whichPreference'),
    output: PreferencesSchema,
  }),
};
