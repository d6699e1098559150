import { AppError, type ErrorCode } from '../../../shared/api/result';
import type { KeysOf, Messages } from '../../../shared/i18n/catalogue';
import type { Said, SaidParam } from '../../../shared/i18n/said';
import { sayInEnglish } from './said';

/** A key of the errors catalogue (shared/i18n/messages/<lang>/errors.json), without its `errors.` prefix. */
export type ErrorKey = KeysOf<Messages['errors']>;

/**
 * The one way the core makes an error a person reads: a kind (what the caller can do about it), a
 * stable key into the errors catalogue and its parameters. The window says it in the person's language
 * from the key; the message is the English rendering, for the command line and as the last resort.
 * Parameters are data said as written (names, ids as strings) or structured values the locale formats
 * (amounts with their currency, numbers, days, other sentences).
 */
export function appError(code: ErrorCode, key: ErrorKey, params?: Record<string, SaidParam>): AppError {
  const said = params === undefined ? { key: `errors.${key}` } : { key: `errors.${key}`, params };
  return new AppError(code, sayInEnglish(said), said);
}

/**
 * An error whose sentence was built by key elsewhere: a SaidError from db/ or the hub's client, a
 * domain check's problem. The same pairing as `appError`, so nothing reaches a person as bare English.
 */
export function appErrorSaying(code: ErrorCode, sentence: Said): AppError {
  return new AppError(code, sayInEnglish(sentence), sentence);
}
