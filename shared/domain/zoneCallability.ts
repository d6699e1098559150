import { callability, type Callability, type CallingWindow } from './callingHours';
import { said } from '../i18n/said';

/**
 * Calling hours for a customer whose zone may not be known exactly. A customer with one zone is
 * judged in it; one with several candidate zones (a country of several zones and nothing in the
 * file to narrow it) is judged by the most restrictive reading: callable only while it is within
 * calling hours in every zone they could be in.
 */
export interface ZoneCallability extends Callability {
  /** The zones judged: one, or every candidate. */
  zones: string[];
}

export function parseZoneCandidates(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const value = JSON.parse(json) as unknown;
    if (Array.isArray(value) && value.every((z): z is string => typeof z === 'string') && value.length > 0) return value;
  } catch {
    // A damaged value reads as none: the customer's single zone (or the console's) applies.
  }
  return null;
}

export function callabilityAcross(
  instant: Date,
  customerZone: string | null,
  candidates: readonly string[] | null,
  defaultZone: string,
  window: CallingWindow,
  enforced: boolean,
): ZoneCallability {
  // The record's own zone wins; an inferred single zone is used as if the record had named it.
  if (customerZone !== null || !candidates || candidates.length < 2) {
    const one = callability(instant, customerZone ?? candidates?.[0] ?? null, defaultZone, window, enforced);
    return { ...one, zones: [one.timeZone] };
  }
  const each = candidates.map((z) => callability(instant, z, defaultZone, window, enforced));
  const times = [...new Set(each.map((c) => c.localTime))].sort();
  const localTime = times.length === 1 ? (times[0] ?? '') : `${times[0] ?? ''}–${times[times.length - 1] ?? ''}`;
  const closed = each.filter((c) => !c.callable);
  const timeZone = `one of ${candidates.length} zones`;
  if (closed.length === 0) return { callable: true, localTime, timeZone, why: null, zones: [...candidates] };
  return {
    callable: false,
    localTime,
    timeZone,
    zones: [...candidates],
    why: said('why.hours.outsideSomewhere', {
      zones: candidates.join(', '),
      start: window.start,
      end: window.end,
      times: { list: closed.map((c) => said('why.hours.timeIn', { time: c.localTime, zone: c.timeZone })), join: 'and' },
    }),
  };
}
