import { z } from 'zod';
import { channel } from './channel';
import { LANGUAGES, PSEUDO_LANGUAGES } from '../i18n/languages';
import { isCurrencyCode } from '../i18n/currency';

const language = z.enum([...LANGUAGES, ...PSEUDO_LANGUAGES]);

export const LocaleSchema = z.object({
  /** The person's language (or, before first run, the desk's); null: follow the system's. */
  language: language.nullable(),
  /** The organisation's currency, an ISO 4217 code. */
  currency: z.string(),
  /** Whether a manager (or the first import's amounts) set it, or it only follows the system's region. */
  currencySource: z.enum(['setting', 'system']),
});
export type Locale = z.infer<typeof LocaleSchema>;

/** The language the company writes to its customers in; 'desk' while no manager chose one (the desk's language). */
export const CustomerLanguageSchema = z.object({ language: z.enum(LANGUAGES), source: z.enum(['setting', 'desk']) });
export type CustomerLanguage = z.infer<typeof CustomerLanguageSchema>;

/** Language per person, currency and the language written to customers per organisation. */
export const localeChannels = {
  // Before first run too: the welcome screen is already in the desk's language.
  'locale.get': channel({ input: z.object({}).strict(), output: LocaleSchema, setup: true }),
  // Chosen at first run (for the desk) and in preferences (for the person signed in).
  'locale.setLanguage': channel({ input: z.object({ language: language.nullable() }).strict(), output: LocaleSchema, setup: true }),
  'locale.setCurrency': channel({
    input: z
      .object({
        currency: z
          .string()
          .trim()
          .transform((c) => c.toUpperCase())
          .refine(isCurrencyCode, 'errors.input.currency'),
      })
      .strict(),
    output: LocaleSchema,
    roles: ['manager'],
  }),
  'locale.customerLanguage': channel({ input: z.object({}).strict(), output: CustomerLanguageSchema, roles: ['manager'] }),
  'locale.setCustomerLanguage': channel({ input: z.object({ language: z.enum(LANGUAGES) }).strict(), output: CustomerLanguageSchema, roles: ['manager'] }),
};
