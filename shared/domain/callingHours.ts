import { said, type Said } from '../i18n/said';

/**
 * Calling hours are the customer's, not the desk's: a window of wall-clock time (default 09:00 to
 * 20:00) in the customer's IANA time zone. Intl does the zone arithmetic, so daylight-saving changes
 * are handled by the same tables the operating system uses. Pure: runs in the backend and the window.
 */
export interface CallingWindow {
  /** HH:MM, inclusive. */
  start: string;
  /** HH:MM, exclusive. A window that ends before it starts runs over midnight. */
  end: string;
}

export const DEFAULT_CALLING_WINDOW: CallingWindow = { start: '09:00', end: '20:00' };

export const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

const zoneValidity = new Map<string, boolean>();

/** Whether Intl knows the zone. Remembered: an import asks once per row, and Intl is slow to ask. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  let valid = zoneValidity.get(timeZone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      valid = true;
    } catch {
      valid = false;
    }
    if (zoneValidity.size < 10_000) zoneValidity.set(timeZone, valid);
  }
  return valid;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The customer's wall clock at an instant: date YYYY-MM-DD and time HH:MM. */
export function wallClock(instant: Date, timeZone: string): { date: string; time: string; minutes: number } {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  const hour = get('hour');
  const minute = get('minute');
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${hour}:${minute}`,
    minutes: Number(hour) * 60 + Number(minute),
  };
}

function toMinutes(hhmm: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) throw new Error(`${hhmm} is not a time of day (HH:MM).`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function isWithinWindow(minutes: number, window: CallingWindow): boolean {
  const start = toMinutes(window.start);
  const end = toMinutes(window.end);
  if (start === end) return true;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

export interface Callability {
  callable: boolean;
  /** The customer's local time, e.g. "21:14". */
  localTime: string;
  timeZone: string;
  /** Why they cannot be dialled now, by key (the window says it in the person's language); null when they can. */
  why: Said | null;
}

/**
 * Whether a customer may be dialled at this instant. The zone falls back to the console's default
 * when the customer has none (or an unknown one, which the import refuses anyway).
 */
export function callability(
  instant: Date,
  customerZone: string | null,
  defaultZone: string,
  window: CallingWindow,
  enforced: boolean,
): Callability {
  const timeZone = customerZone && isValidTimeZone(customerZone) ? customerZone : defaultZone;
  const { time, minutes } = wallClock(instant, timeZone);
  if (!enforced || isWithinWindow(minutes, window)) return { callable: true, localTime: time, timeZone, why: null };
  return {
    callable: false,
    localTime: time,
    timeZone,
    why: said('why.hours.outside', { time, zone: timeZone, start: window.start, end: window.end }),
  };
}
