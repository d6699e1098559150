import type { TFunction } from 'i18next';
import { renderSaid, type Said, type Translate } from '../../../shared/i18n/said';
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
