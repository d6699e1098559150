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
