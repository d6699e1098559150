import { formattingLocale, type UiLanguage } from '../../../shared/i18n/languages';
import { renderSaid, type Said, type Translate } from '../../../shared/i18n/said';
import { currentLanguage, translatorFor } from './index';

/** A structured sentence in words, in the current call's language (English outside a call). */
export function say(value: Said, language: UiLanguage = currentLanguage()): string {
  const translate = translatorFor(language) as unknown as Translate;
  return renderSaid(value, translate, formattingLocale(language));
}

/** The same sentence in English: the command line, the logs, and the message beside the key. */
export function sayInEnglish(value: Said): string {
  return say(value, 'en');
}
