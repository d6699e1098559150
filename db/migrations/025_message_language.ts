import type { Migration } from './types';

/**
 * The language each outreach message was written in, kept with the message: its unsubscribe line is
 * said in that language (electron/backend/outreach/footer.ts), so a resend after a crash or a 4xx is
 * the same bytes as the first send even when the organisation has since chosen another language to
 * write to its customers in. Every message stored before this step carried the English line, so
 * existing rows are 'en'. Languages are checked by the application, as in migration 23.
 */
export const migration025MessageLanguage: Migration = {
  version: 25,
  name: 'the language each outreach message was written in',
  up: `ALTER TABLE outreach_members ADD COLUMN language TEXT NOT NULL DEFAULT 'en';`,
};
