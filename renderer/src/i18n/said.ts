import type { TFunction } from 'i18next';
import { renderSaid, SaidSchema, type Said, type Translate } from '../../../shared/i18n/said';
import { issueSaid, type ValidationIssue } from '../../../shared/i18n/validation';
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
  if (!value || !i18next.isInitialized || !i18next.exists(value.key)) return words;
  return say(value, t);
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
