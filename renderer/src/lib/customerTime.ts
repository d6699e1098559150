import { formattingLocaleNow } from './format';

/**
 * Times on the customer's own wall clock, in the person's language: calling hours and callbacks are
 * the customer's, so "10:00 their time" must be 10:00 where they are, written as the agent reads
 * dates. One formatter per locale and zone, kept (a page of the queue repeats a handful of zones).
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string, options: Intl.DateTimeFormatOptions, kind: string): Intl.DateTimeFormat {
  const locale = formattingLocaleNow();
  const key = `${locale}|${timeZone}|${kind}`;
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      // A zone Intl does not know (an old import): the desk's own clock, rather than no time at all.
      f = new Intl.DateTimeFormat(locale, options);
    }
    if (formats.size < 500) formats.set(key, f);
  }
  return f;
}

/** "17 Nov 2026, 10:00" / "17.11.2026, 10:00" on the customer's clock. */
export function inTheirZone(iso: string, timeZone: string): string {
  return formatIn(timeZone, { dateStyle: 'medium', timeStyle: 'short' }, 'dateTime').format(new Date(iso));
}

/** A time of day on this desk's clock, in the person's language ("2:05 PM", "14:05"). */
export function timeOfDay(iso: string): string {
  return new Intl.DateTimeFormat(formattingLocaleNow(), { timeStyle: 'short' }).format(new Date(iso));
}
