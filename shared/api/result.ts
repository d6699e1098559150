import type { Said } from '../i18n/said';

/** The one shape every call across either transport returns. */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'forbidden',
  'not_set_up',
  'not_found',
  'conflict',
  'invalid_file',
  'internal',
  'network',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** In the caller's language where the core knows it, else English. */
  message: string;
  /** The same sentence as a catalogue key and parameters: the window says it in the person's language. */
  said?: Said | undefined;
  /** The input field the sentence is about (a dotted path such as "variants.1.weight"): a form shows it there. */
  field?: string | undefined;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * Thrown by services for failures the person should read; the dispatcher turns it into an ApiError.
 * The message is English (the command line and logs); `said` is the same sentence by key
 * (electron/backend/i18n/errors.ts builds both from the errors catalogue).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly said: Said | null;
  constructor(code: ErrorCode, message: string, said: Said | null = null) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.said = said;
  }
}
