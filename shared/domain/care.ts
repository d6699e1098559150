/**
 * Intensive care for customers who came back: review scheduling, review status and retention.
 * Dates here are calendar dates (YYYY-MM-DD); a review is due on a day, not at an instant.
 */

/** The articles' cadence: review the restarted relationship every six months. */
export const DEFAULT_REVIEW_INTERVAL_MONTHS = 6;
export const MIN_REVIEW_INTERVAL_MONTHS = 1;
export const MAX_REVIEW_INTERVAL_MONTHS = 24;

/**
 * A review shows as due this many days before its date, so the owner can plan the outreach in the
 * week it falls in rather than on the day itself.
 */
export const REVIEW_DUE_WINDOW_DAYS = 7;

/** The share of recovered customers still with us is measured at these ages of the recovery. */
export const RETENTION_HORIZONS_MONTHS = [6, 12] as const;

export const VERDICTS = ['healthy', 'watch', 'at_risk'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<Verdict, string> = { healthy: 'Healthy', watch: 'Watch', at_risk: 'At risk' };

export const OUTREACH_KINDS = ['phone_call', 'email', 'visit', 'message', 'offer', 'none'] as const;
export type OutreachKind = (typeof OUTREACH_KINDS)[number];
export const OUTREACH_LABELS: Record<OutreachKind, string> = {
  phone_call: 'Phone call',
  email: 'Email',
  visit: 'Visit or meeting',
  message: 'Letter or message',
  offer: 'Loyalty offer or gift',
  none: 'No outreach this time',
};

export const ENROLMENT_STATUSES = ['active', 'relost', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const REVIEW_STATES = ['overdue', 'due', 'upcoming'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysInMonth = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

function parts(date: string): { y: number; m0: number; d: number } {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`${date} is not a date (YYYY-MM-DD).`);
  const y = Number(m[1]);
  const m0 = Number(m[2]) - 1;
  const d = Number(m[3]);
  if (m0 < 0 || m0 > 11 || d < 1 || d > daysInMonth(y, m0)) throw new RangeError(`${date} is not a real date.`);
  return { y, m0, d };
}

export function isCalendarDate(value: string): boolean {
  try {
    parts(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The same day `months` later; when that month is shorter, its last day. 31 August + 6 months is
 * 28 February (29 in a leap year), never 2 or 3 March: a review must not slide into the next month.
 */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`${months} is not a whole number of months.`);
  const { y, m0, d } = parts(date);
  const total = y * 12 + m0 + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  return `${pad(year, 4)}-${pad(month0 + 1)}-${pad(Math.min(d, daysInMonth(year, month0)))}`;
}

export function addDays(date: string, days: number): string {
  const { y, m0, d } = parts(date);
  const t = new Date(Date.UTC(y, m0, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = parts(from);
  const b = parts(to);
  return Math.round((Date.UTC(b.y, b.m0, b.d) - Date.UTC(a.y, a.m0, a.d)) / 86_400_000);
}

export function isValidInterval(months: number): boolean {
  return Number.isInteger(months) && months >= MIN_REVIEW_INTERVAL_MONTHS && months <= MAX_REVIEW_INTERVAL_MONTHS;
}

/**
 * When the next review falls: one interval after the recovery (the first review) or after the
 * review just completed. The interval is read at the moment of scheduling, so a changed setting
 * applies to the next scheduling and never moves a date already given to an owner.
 */
export function nextReviewOn(from: string, intervalMonths: number): string {
  if (!isValidInterval(intervalMonths)) {
    throw new RangeError(`A review interval is ${MIN_REVIEW_INTERVAL_MONTHS} to ${MAX_REVIEW_INTERVAL_MONTHS} whole months, not ${intervalMonths}.`);
  }
  return addMonths(from, intervalMonths);
}

/** Overdue once its day has passed; due from a week before; upcoming before that. */
export function reviewState(dueOn: string, today: string): ReviewState {
  const days = daysBetween(today, dueOn);
  if (days < 0) return 'overdue';
  if (days <= REVIEW_DUE_WINDOW_DAYS) return 'due';
  return 'upcoming';
}

/** A review's state in words, for lists and the owner's queue. */
export function describeReviewState(dueOn: string, today: string): string {
  const days = daysBetween(today, dueOn);
  if (days < 0) return `Overdue by ${-days} day${days === -1 ? '' : 's'}`;
  if (days === 0) return 'Due today';
  if (days <= REVIEW_DUE_WINDOW_DAYS) return `Due in ${days} day${days === 1 ? '' : 's'}`;
  return `In ${days} days`;
}

export interface RecoveryEpisode {
  recoveredOn: string;
  /** The day the customer departed again, or null while they stay. */
  relostOn: string | null;
}

export interface RetentionFigure {
  months: number;
  /** Customers recovered at least `months` ago: the only ones the question can be asked of. */
  eligible: number;
  /** Of those, the ones not re-lost within `months` of their recovery. */
  retained: number;
  /** retained / eligible, or null when nobody is old enough to count. */
  share: number | null;
}

/**
 * The share of recovered customers still retained `months` after their recovery. Only recoveries
 * at least that old count (a customer recovered last week says nothing about six months); a
 * re-loss after the horizon still counts as retained at the horizon.
 */
export function retentionAfter(episodes: readonly RecoveryEpisode[], months: number, today: string): RetentionFigure {
  let eligible = 0;
  let retained = 0;
  for (const e of episodes) {
    const horizon = addMonths(e.recoveredOn, months);
    if (horizon > today) continue;
    eligible += 1;
    if (e.relostOn === null || e.relostOn > horizon) retained += 1;
  }
  return { months, eligible, retained, share: eligible === 0 ? null : retained / eligible };
}
