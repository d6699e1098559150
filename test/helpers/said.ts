import { sayInEnglish } from '../../electron/backend/i18n/said';
import type { Said } from '../../shared/i18n/said';

/** A sentence the core sent by key, as an English-speaking person reads it (null stays null). */
export function english(value: Said | null | undefined): string | null {
  return value ? sayInEnglish(value) : null;
}
