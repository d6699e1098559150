import { UNSUBSCRIBE } from '../../../shared/content/letters';
import { isLanguage } from '../../../shared/i18n/languages';

/**
 * The unsubscribe line every email ends with, and its List-Unsubscribe headers (RFC 2369, with
 * RFC 8058's one-click POST where a hub link is there). With the hub reachable from the internet
 * the line is a signed link that records the objection at the hub without a login; otherwise the
 * customer replies, and the reply address is named so a forwarded copy still says where to write.
 *
 * The line is in the language the message was written in, stored with the message (migration 25):
 * a resend is the same bytes even after the organisation writes to its customers in another language.
 * A message stored before then, or with a language this console no longer ships, was sent in English.
 */
export function unsubscribeFooter(url: string | null, replyTo: string | null, language: string): string {
  const words = UNSUBSCRIBE[isLanguage(language) ? language : 'en'];
  // The catalogue's placeholders are filled by hand: these sentences are customer-facing text the
  // core sends, outside the window's i18next catalogues, and a replacer function keeps an address
  // with "$&" in it as written.
  const fill = (text: string, name: string, value: string) => text.replace(`{{${name}}}`, () => value);
  const sentence = url !== null ? fill(words.link, 'url', url) : replyTo !== null ? fill(words.replyTo, 'replyTo', replyTo) : words.reply;
  return `\n\n--\n${words.intro} ${sentence}\n`;
}

export function listUnsubscribeHeaders(url: string | null, replyTo: string | null): Record<string, string> {
  const mailto = replyTo !== null ? `<mailto:${replyTo}?subject=unsubscribe>` : null;
  const entries = [url !== null ? `<${url}>` : null, mailto].filter((e): e is string => e !== null);
  if (entries.length === 0) return {};
  return {
    'List-Unsubscribe': entries.join(', '),
    ...(url !== null ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
  };
}
