import type { TFunction } from 'i18next';
import { renderSaid, SaidSchema, type Said, type Translate } from '../../../shared/i18n/said';
import { issueSaid, type ValidationIssue } from '../../../shared/i18n/validation';
import type { Kept } from '../../../shared/i18n/kept';
import { formattingLocaleNow } from '../lib/format';
import { i18next } from './index';

/**
 * A sentence the core sent by key (the queue's "why", a calling-hours reason, an error) in the
 * window's language, amounts in the organisation's currency as the person's locale writes them.
 * Pass the component's `t` so the words follow a language change with the component.
 */
export function say(value: Said, t?: TFunction): string {
  const translate = (t ?? i18next.t.bind(i18next)) as unknown as Translate;
  return renderSaid(value, translate, formattingLocaleNow());
}

/** A sentence by key when the window has it, else the core's own (English) words. */
export function sayOr(value: Said | null | undefined, words: string, t?: TFunction): string {
  if (!value || !i18next.isInitialized || !hasSentence(value)) return words;
  return say(value, t);
}

/** Whether the window's catalogue has the sentence; a plural one ("errors.sync.refused") by the form its count picks. */
function hasSentence(value: Said): boolean {
  const count = value.params?.count;
  return i18next.exists(value.key, typeof count === 'number' ? { count } : undefined);
}

/**
 * A sentence the core kept to show later (the sync status's last problem, why an email was not sent):
 * said in the window's language each time it is drawn. Plain words, stored before sentences were kept
 * by key, show as written; so does a key this window's catalogue lacks (a newer core), by its key.
 */
export function sayKept(value: Kept, t?: TFunction): string {
  return typeof value === 'string' ? value : sayOr(value, value.key, t);
}

/**
 * What a failed call says to the person: its sentence by key, or the core's own words when it sent
 * no key or one this window's catalogue lacks (a newer core, say).
 */
export function errorWords(error: { message: string; said?: unknown }): string {
  const sentence = errorSentence(error);
  return sentence ? say(sentence) : error.message;
}

/** The core's sentence by key when it sent one this window's catalogue has; null otherwise. */
export function errorSentence(error: { said?: unknown }): Said | null {
  if (error.said === undefined || !i18next.isInitialized) return null;
  // The window trusts the core's shape no more than the core trusts the window's.
  const parsed = SaidSchema.safeParse(error.said);
  if (!parsed.success || !i18next.exists(parsed.data.key)) return null;
  return parsed.data;
}

/** What zod found wrong with a form's input, as a sentence by key naming the field: said at render time, so it follows a language change. */
export function issueSentence(issue: ValidationIssue): Said {
  return issueSaid(issue, (key) => i18next.exists(key));
}
