/**
 * Click-to-dial numbers. A number only becomes a tel:/sip:/callto: link when it is plainly a phone
 * number: digits with the usual visual separators, a leading + at most, and a bounded length. Anything
 * else (letters, extensions, URL syntax such as ; ? @ #) is shown as text and never handed to the system.
 */
export const DIAL_SCHEMES = ['tel', 'sip', 'callto'] as const;
export type DialScheme = (typeof DIAL_SCHEMES)[number];

export const DIAL_SCHEME_LABELS: Record<DialScheme, string> = {
  tel: 'Phone app (tel:)',
  sip: 'SIP softphone (sip:)',
  callto: 'Callto app (callto:)',
};

export const PHONE_MAX_LENGTH = 32;
/** E.164 allows 15 digits; an international prefix such as 00 adds two. */
export const MIN_DIGITS = 3;
export const MAX_DIGITS = 17;

/** What is wrong with a number, by name: the window says it in the person's language. */
export type PhoneProblem = 'empty' | 'tooLong' | 'characters' | 'plus' | 'parentheses' | 'digits';

export type PhoneCheck = { ok: true; dialable: string } | { ok: false; reason: string; problem: PhoneProblem };

/** Checks a number as typed or imported and gives its dialable form: an optional + and the digits. */
export function checkPhoneNumber(raw: string): PhoneCheck {
  const text = raw.trim();
  if (text.length === 0) return { ok: false, problem: 'empty', reason: 'There is no phone number.' };
  if (text.length > PHONE_MAX_LENGTH) {
    return { ok: false, problem: 'tooLong', reason: `A phone number is at most ${PHONE_MAX_LENGTH} characters.` };
  }
  if (!/^[0-9 ()+-]+$/.test(text)) {
    return { ok: false, problem: 'characters', reason: 'A phone number may contain only digits, spaces, +, - and parentheses.' };
  }
  if (text.lastIndexOf('+') > 0) return { ok: false, problem: 'plus', reason: 'A + may only begin a phone number.' };
  if (!parenthesesBalanced(text)) return { ok: false, problem: 'parentheses', reason: 'The parentheses in this phone number do not match.' };
  const digits = text.replace(/\D/g, '');
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) {
    return { ok: false, problem: 'digits', reason: `A phone number has between ${MIN_DIGITS} and ${MAX_DIGITS} digits.` };
  }
  return { ok: true, dialable: `${text.startsWith('+') ? '+' : ''}${digits}` };
}

function parenthesesBalanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (depth < 0 || depth > 1) return false;
  }
  return depth === 0;
}

/** The dialable form as the system's handler expects it; only ever built from a checked number. */
export function dialUrl(dialable: string, scheme: DialScheme): string {
  if (!/^\+?\d+$/.test(dialable)) throw new Error('dialUrl needs a checked number.');
  return `${scheme}:${dialable}`;
}
