import { SaidSchema } from '../../../shared/i18n/saidSchema';
import type { Said } from '../../../shared/i18n/said';
import { issueSaid, type ValidationIssue } from '../../../shared/i18n/validation';
import { i18next } from './index';

/*
 * Sentences whose shape zod checks: a failed call's, and a form's input problems. Apart from ./said.ts
 * so that the Queue's first paint does not load zod: a failed call loads this file when it happens
 * (src/api/client.ts), a form with a zod check has it in its own view's script.
 */

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
