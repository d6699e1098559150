import { said, type Said } from '../i18n/said';
/**
 * Customer-local dates and times. A callback is agreed in the customer's wall-clock time
 * ("tomorrow at 10"), stored as an instant so the queue can compare it with now. Intl is part of
 * the language, so this stays pure and runs on both sides.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function isValidLocalDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && realDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isValidLocalDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  return m !== null && realDate(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4]) < 24 && Number(m[5]) < 60;
}

/**
 * Making an Intl formatter costs tens of microseconds and a call's completion asks several times
 * per zone, so each zone's formatter (or the fact that Intl refuses the zone) is kept; bounded,
 * since zones come from imported files.
 */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
    } catch {
      f = null;
    }
    if (formatters.size >= 10_000) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== null;
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(instant: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number } {
  const f = formatterFor(timeZone);
  if (!f) throw new RangeError(`Invalid time zone specified: ${timeZone}`);
  const parts = f.formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute') };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the customer's wall-clock time, YYYY-MM-DDTHH:mm. */
export function utcToLocal(iso: string, timeZone: string): string {
  const w = wallClock(Date.parse(iso), timeZone);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}`;
}

/** Today's date in a time zone, YYYY-MM-DD. */
export function todayIn(now: Date, timeZone: string): string {
  return utcToLocal(now.toISOString(), timeZone).slice(0, 10);
}

/**
 * The instant a customer-local wall-clock time names. A time that does not exist there (the hour
 * skipped when clocks go forward) is refused rather than silently moved.
 */
export function localToUtc(local: string, timeZone: string): { ok: true; iso: string } | { ok: false; why: Said } {
  const m = DATE_TIME.exec(local);
  if (!m || !isValidLocalDateTime(local)) return { ok: false, why: said('errors.localTime.notDateTime', { value: local }) };
  if (!isValidTimeZone(timeZone)) return { ok: false, why: said('errors.localTime.notZone', { zone: timeZone }) };
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // The zone's offset can differ either side of a clock change: try the offsets at both candidates.
  for (const probe of [asUtc - 14 * 3600_000, asUtc, asUtc + 14 * 3600_000]) {
    const w = wallClock(probe, timeZone);
    const offset = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi) - Math.floor(probe / 60_000) * 60_000;
    const candidate = asUtc - offset;
    if (utcToLocal(new Date(candidate).toISOString(), timeZone) === local) {
      return { ok: true, iso: new Date(candidate).toISOString() };
    }
  }
  return { ok: false, why: said('errors.localTime.skipped', { time: local.replace('T', ' '), zone: timeZone }) };
}
