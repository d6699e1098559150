import type { TFunction } from 'i18next';
import { renderSaid, type Said, type Translate } from '../../../shared/i18n/said';
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
