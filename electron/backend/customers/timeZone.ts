import { isValidTimeZone } from '../../../shared/domain/localTime';

let consoleZone: string | undefined;

/** The console's own time zone: used for customers whose record names none. Asked of Intl once per run. */
export function consoleTimeZone(): string {
  consoleZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return consoleZone;
}

/** The customer's own zone where their record names a valid one, else the console's. */
export function customerTimeZone(timezone: string | null): string {
  return timezone && isValidTimeZone(timezone) ? timezone : consoleTimeZone();
}

/**
 * The zone a record names, or the one inferred for it (its first candidate: the only one, or one of
 * several when the country has more). Callbacks are agreed in it; calling hours use every candidate.
 */
export function recordZone(row: { timezone: string | null; timezone_candidates?: string | null }): string | null {
  if (row.timezone !== null) return row.timezone;
  try {
    const candidates = row.timezone_candidates ? (JSON.parse(row.timezone_candidates) as unknown) : null;
    return Array.isArray(candidates) && typeof candidates[0] === 'string' ? candidates[0] : null;
  } catch {
    return null;
  }
}
