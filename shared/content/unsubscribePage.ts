import en from '../i18n/messages/en/letters.json';
import es from '../i18n/messages/es/letters.json';
import de from '../i18n/messages/de/letters.json';
import fr from '../i18n/messages/fr/letters.json';
import { isLanguage, negotiateLanguage, type Language } from '../i18n/languages';

/**
 * The hub's unsubscribe pages, which a former customer reads after following the link under an
 * email: in the letters' catalogues, since they are words to customers, not to agents.
 */
export interface UnsubscribePageWords {
  invalidTitle: string;
  invalid: string;
  askTitle: string;
  ask: string;
  button: string;
  doneTitle: string;
  done: string;
}

export const UNSUBSCRIBE_PAGE: Record<Language, UnsubscribePageWords> = {
  en: en.unsubscribePage,
  es: es.unsubscribePage,
  de: de.unsubscribePage,
  fr: fr.unsubscribePage,
};

/**
 * The page's language: the one the email was written in, which the console adds to the link
 * (`l`); for a link without it (made before, or altered), what the browser asks for; else English.
 */
export function unsubscribePageLanguage(fromLink: unknown, acceptLanguage: string | undefined): Language {
  if (isLanguage(fromLink)) return fromLink;
  const asked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q.slice(2)) || 0 };
    })
    .filter((a) => a.tag !== '' && a.tag !== '*' && a.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((a) => a.tag);
  return negotiateLanguage(asked);
}
