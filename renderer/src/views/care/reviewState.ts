import type { TFunction } from 'i18next';
import { REVIEW_DUE_WINDOW_DAYS, daysBetween } from '../../../../shared/domain/care';

/** When a review falls, in the person's language: "Overdue by 3 days", "Due today", "In 90 days". */
export function reviewStateText(t: TFunction, dueOn: string, today: string): string {
  const days = daysBetween(today, dueOn);
  if (days < 0) return t('care.state.overdue', { count: -days });
  if (days === 0) return t('care.state.today');
  if (days <= REVIEW_DUE_WINDOW_DAYS) return t('care.state.due', { count: days });
  return t('care.state.upcoming', { count: days });
}

/** The desk's calendar day (YYYY-MM-DD), for a list that does not carry the core's own. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
