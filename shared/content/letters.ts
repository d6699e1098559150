import en from '../i18n/messages/en/letters.json';
import es from '../i18n/messages/es/letters.json';
import de from '../i18n/messages/de/letters.json';
import fr from '../i18n/messages/fr/letters.json';
import { DEFAULT_TEMPLATES, templateKey } from '../domain/outreachDefaults';
import type { Language } from '../i18n/languages';

/**
 * The shipped message templates' subject and body in each language the console ships, written as a
 * company writes to a former customer, with the same placeholders as the English. They are what the
 * customer receives, in the language the organisation writes to its customers in (Admin, beside the
 * currency), not the manager's: so only the core reads them when it composes a message, and they stay
 * out of the window's catalogues (messages/<lang>/index.ts), which every desk loads at start.
 * English is exactly what a new console stores (test/unit/outreach-letters.test.ts).
 */
export interface Letter {
  subject: string;
  body: string;
}

export const LETTERS: Record<Language, Record<string, Letter>> = { en: en.letters, es: es.letters, de: de.letters, fr: fr.letters };

/**
 * The unsubscribe line under every email, in the language the message was written in: `link` with
 * the hub's signed link, else `replyTo` naming the reply address, else `reply`. English is exactly
 * the line every email carried before messages kept their language, so a resend stays the same bytes.
 */
export interface UnsubscribeWords {
  intro: string;
  link: string;
  replyTo: string;
  reply: string;
}

export const UNSUBSCRIBE: Record<Language, UnsubscribeWords> = { en: en.unsubscribe, es: es.unsubscribe, de: de.unsubscribe, fr: fr.unsubscribe };

const DEFAULTS = new Map(DEFAULT_TEMPLATES.map((t) => [t.id, t]));

/**
 * A template's text as the customer receives it: a shipped template that still carries its shipped
 * subject and body, in the language written to customers; any other (a manager changed either, or
 * wrote it) exactly as stored.
 */
export function letterIn<T extends { id: string; subject: string; body: string }>(template: T, language: Language): T {
  const shipped = DEFAULTS.get(template.id);
  if (!shipped || shipped.subject !== template.subject || shipped.body !== template.body) return template;
  const letter = LETTERS[language][templateKey(template.id)];
  return letter ? { ...template, subject: letter.subject, body: letter.body } : template;
}
