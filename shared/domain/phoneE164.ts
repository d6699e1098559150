import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { checkPhoneNumber, MAX_DIGITS, MIN_DIGITS, PHONE_MAX_LENGTH, type PhoneProblem } from './phone';
import { said, type Said } from '../i18n/said';

/**
 * A phone number as the contact-permission ledger keys it: E.164 ("+442071234567"), whatever way it
 * was typed or imported ("020 7123 4567" with the desk's country GB, "0044 20 7123 4567",
 * "+44 (0)20 7123 4567"). The same function reads customers' numbers and suppression lists, so
 * the two always meet.
 *
 * libphonenumber-js decides the country code and the national prefix to drop, but parsing takes
 * tens of microseconds and a registry extract has a million numbers. Numbers of one length that
 * share their first digits are shaped alike (the country code and the trunk prefix live there), so
 * each such shape is parsed once and the rest are cut the same way: a million numbers in about a
 * second instead of half a minute.
 */
export type E164Problem = PhoneProblem | 'needsCountry' | 'impossible' | 'tooManyDigits';
export type E164Result = { ok: true; e164: string } | { ok: false; reason: string; problem: E164Problem };

/** Why a number cannot be keyed, by key (components.phone.problem.*), for the person's language. */
export function e164ProblemSaid(problem: E164Problem): Said {
  return said(`components.phone.problem.${problem}`, { max: PHONE_MAX_LENGTH, min: MIN_DIGITS, maxDigits: MAX_DIGITS });
}

interface Shape {
  /** The country calling code to write. */
  cc: string;
  /** Digits to skip at the start of the number as given (a trunk 0, the given country code). */
  skip: number;
}

const shapes = new Map<string, Shape | null>();
const MAX_SHAPES = 100_000;
const PREFIX = 5;

/** A country whose numbers can be read ("US", "GB", "DE"). */
export function isCountryCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value) && isSupportedCountry(value);
}

function shapeOf(key: string, text: string, country: string | undefined, digits: string): Shape | null {
  let shape = shapes.get(key);
  if (shape !== undefined) return shape;
  const parsed = country ? parsePhoneNumberFromString(text, country as CountryCode) : parsePhoneNumberFromString(text);
  shape = null;
  if (parsed && parsed.isPossible() && digits.endsWith(parsed.nationalNumber)) {
    shape = { cc: parsed.countryCallingCode, skip: digits.length - parsed.nationalNumber.length };
  }
  if (shapes.size >= MAX_SHAPES) shapes.clear();
  shapes.set(key, shape);
  return shape;
}

/**
 * The E.164 form of a number. `defaultCountry` (ISO 3166 alpha-2, the desk's country) reads
 * national numbers; without it only international ones (+ or 00) can be read.
 */
export function toE164(raw: string, defaultCountry: string | null): E164Result {
  const check = checkPhoneNumber(raw);
  if (!check.ok) return check;
  let text = check.dialable;
  if (!text.startsWith('+') && text.startsWith('00')) text = `+${text.slice(2)}`;
  const international = text.startsWith('+');
  const digits = international ? text.slice(1) : text;
  if (!international && defaultCountry === null) {
    return { ok: false, problem: 'needsCountry', reason: 'A national number needs the country: write it with + and the country code, or set the desk\'s country.' };
  }
  const country = international ? undefined : (defaultCountry ?? undefined);
  const key = `${country ?? '+'}:${digits.length}:${digits.slice(0, PREFIX)}`;
  const shape = shapeOf(key, text, country, digits);
  if (!shape) return { ok: false, problem: 'impossible', reason: 'This is not a possible phone number for its country.' };
  const national = digits.slice(shape.skip);
  // E.164 itself allows 15 digits at most.
  if (shape.cc.length + national.length > 15) return { ok: false, problem: 'tooManyDigits', reason: 'A phone number has at most 15 digits with its country code.' };
  return { ok: true, e164: `+${shape.cc}${national}` };
}
