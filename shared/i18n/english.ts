import i18next from 'i18next';
import { en } from './messages/en/index';
import { formattingLocale } from './languages';
import { renderSaid, type Said, type Translate } from './said';
import { issueSaid, type ValidationIssue } from './validation';

/**
 * English from the catalogue, for code that cannot reach the core's translator (db/, the hub's
 * client, the domain): the message an error keeps beside its key, for the command line and the logs.
 * The same library interpolates and picks plurals, so the words match the window's English exactly.
 */
const english = i18next.createInstance();
void english.init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: false,
  // The catalogue is in memory: ready at once, no promise to wait for.
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
const translate = english.getFixedT('en') as unknown as Translate;

export function englishOf(value: Said): string {
  return renderSaid(value, translate, formattingLocale('en'));
}

/** What zod found wrong, in English, the field named: the command line's and the hub's answer to bad input. */
export function issueInEnglish(issue: ValidationIssue | undefined): string {
  if (!issue) return englishOf({ key: 'errors.dispatch.invalidInput' });
  return englishOf(issueSaid(issue, (key) => english.exists(key)));
}

/**
 * A failure a person reads, made of a catalogue key and its parameters; its message is the English
 * rendering. The core turns it into an AppError with the same key, so the window says it in the
 * person's language (BackupError, ImportFileError and HubRequestError are ones).
 */
export class SaidError extends Error {
  constructor(readonly said: Said) {
    super(englishOf(said));
    this.name = 'SaidError';
  }
}

/** A kept sentence in English (shared/i18n/kept.ts): the command line's and the logs' words for it. */
export function keptInEnglish(value: Said | string): string {
  return typeof value === 'string' ? value : englishOf(value);
}
