import { todayIn } from '../../../shared/domain/localTime';
import { DEFAULT_REVIEW_INTERVAL_MONTHS, isValidInterval } from '../../../shared/domain/care';
import type { Db } from '../../../db/open';
import { getSetting, setSetting } from '../../../db/repos/settings';
import { consoleTimeZone } from '../customers/timeZone';

export const CARE_SETTING_KEYS = { reviewIntervalMonths: 'care.reviewIntervalMonths' } as const;

/**
 * The console's calendar day for an instant. Reviews are the owner's work, planned in the days of
 * the desk that does them, so the console's time zone decides which day a recovery happened on.
 */
export function consoleDay(instant: Date): string {
  return todayIn(instant, consoleTimeZone());
}

/** Months between reviews; a damaged or missing setting falls back to the articles' six. */
export function reviewIntervalMonths(db: Db): number {
  const value = getSetting<unknown>(db, CARE_SETTING_KEYS.reviewIntervalMonths);
  return typeof value === 'number' && isValidInterval(value) ? value : DEFAULT_REVIEW_INTERVAL_MONTHS;
}

export function setReviewIntervalMonths(db: Db, months: number): void {
  setSetting(db, CARE_SETTING_KEYS.reviewIntervalMonths, months);
}
