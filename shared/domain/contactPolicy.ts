/**
 * The manager's rules around when a customer may be called, beyond the calling-hours window
 * (shared/domain/callingHours.ts): how long to wait after an unanswered call before the next try,
 * and whether a caller may call outside calling hours at all (with a reason, which is recorded).
 */
export interface ContactPolicy {
  /**
   * Minutes to wait after each unanswered call: the first entry after the first no-answer, the
   * second after the second, and the last for every one after. The attempts per cycle cap the total.
   */
  retryCadenceMinutes: number[];
  /** Whether a call may be started outside the customer's calling hours, with a reason recorded. */
  outsideHoursOverride: boolean;
}

/** 2 hours, then the next day, then 3 days: a common cadence for outbound recovery calls. */
export const DEFAULT_CONTACT_POLICY: ContactPolicy = {
  retryCadenceMinutes: [120, 24 * 60, 3 * 24 * 60],
  outsideHoursOverride: false,
};

/** The wait after the n-th unanswered attempt (n from 1), in minutes. */
export function retryWaitMinutes(policy: ContactPolicy, unansweredAttempts: number): number {
  const list = policy.retryCadenceMinutes;
  if (list.length === 0) return 0;
  return list[Math.min(Math.max(unansweredAttempts, 1), list.length) - 1] ?? 0;
}

/** A wait in the words a manager writes it: "2 h", "1 day", "3 days", "90 min". */
export function describeWait(minutes: number): string {
  if (minutes % 1440 === 0) {
    const days = minutes / 1440;
    return `${days} day${days === 1 ? '' : 's'}`;
  }
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

/** What is wrong with a cadence, by name, for the window to say in the person's language. */
export type CadenceProblem = { kind: 'empty' } | { kind: 'notAWait'; part: string } | { kind: 'outOfRange'; part: string };

/**
 * Units as a manager types them in the shipped languages: English, Spanish (hora, día), German
 * (Std., Stunde, Tag) and French (heure, jour, j). Minutes are "min" everywhere.
 */
const UNIT = /^(\d+(?:[.,]\d+)?)\s*(m|min|mins|minutes?|minutos?|minuten?|h|hrs?|hours?|horas?|heures?|std\.?|stunden?|d|days?|d[ií]as?|tage?n?|t|jours?|j)$/i;

function unitMinutes(unit: string): number {
  const u = unit.toLowerCase();
  if (/^(d|t|j)/.test(u)) return 1440;
  if (/^(h|std|stund)/.test(u)) return 60;
  return 1;
}

/** "2 h, 1 day, 3 days" (or "2 Std., 1 Tag", "2 h, 1 día", "2 h, 1 jour") as minutes; null with why when a part is not a wait. */
export function parseCadence(text: string): { ok: true; minutes: number[] } | { ok: false; why: string; problem: CadenceProblem } {
  const parts = text
    .split(/[;]|,(?!\d)|(?<!\d),|\bthen\b|\bdann\b|\bluego\b|\bpuis\b/i)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, problem: { kind: 'empty' }, why: 'Write at least one wait, e.g. "2 h, 1 day, 3 days".' };
  const minutes: number[] = [];
  for (const part of parts) {
    const m = UNIT.exec(part);
    if (!m) return { ok: false, problem: { kind: 'notAWait', part }, why: `"${part}" is not a wait: write a number and min, h or days, e.g. "2 h".` };
    const n = Number((m[1] ?? '').replace(',', '.'));
    const value = Math.round(n * unitMinutes(m[2] ?? ''));
    if (value < 5 || value > 60 * 1440) return { ok: false, problem: { kind: 'outOfRange', part }, why: `"${part}": a wait is between 5 minutes and 60 days.` };
    minutes.push(value);
  }
  return { ok: true, minutes };
}
