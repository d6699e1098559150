import type { Db } from '../open';
import { setSetting, SETTING_KEYS } from './settings';
import { prepared } from '../statements';
import type { CycleKind } from '../../shared/domain/cycles';
import { DEFAULT_CALLING_WINDOW, isValidTimeZone, type CallingWindow } from '../../shared/domain/callingHours';

/** The manager's settings for cycles, contact rules and assignment. */
export interface QueueSettings {
  cycleKind: CycleKind;
  callingWindow: CallingWindow;
  /** For customers whose export gives no time zone. */
  defaultTimezone: string;
  callingHoursEnforced: boolean;
  maxAttempts: number;
  executiveCap: number;
}

export const QUEUE_SETTING_KEYS = {
  cycleKind: 'cycles.kind',
  callingWindow: 'contact.callingWindow',
  defaultTimezone: 'contact.defaultTimezone',
  maxAttempts: 'contact.maxAttempts',
  executiveCap: 'assignment.executiveCap',
  stale: 'queue.stale',
} as const;

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_EXECUTIVE_CAP = 10;

let systemZone: string | undefined;

/**
 * The zone of the computer the console runs on, used until the manager chooses one. Asked once per
 * run: Intl builds a whole formatter to answer, and the queue reads it on every page.
 */
export function systemTimeZone(): string {
  if (systemZone === undefined) {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    systemZone = zone && isValidTimeZone(zone) ? zone : 'UTC';
  }
  return systemZone;
}

const READ_KEYS = [
  QUEUE_SETTING_KEYS.cycleKind,
  QUEUE_SETTING_KEYS.callingWindow,
  QUEUE_SETTING_KEYS.defaultTimezone,
  SETTING_KEYS.callingHoursEnforced,
  QUEUE_SETTING_KEYS.maxAttempts,
  QUEUE_SETTING_KEYS.executiveCap,
];
const READ_SQL = `SELECT key, value FROM settings WHERE key IN (${READ_KEYS.map(() => '?').join(', ')})`;

/** In one query: every queue page reads these. */
export function readQueueSettings(db: Db): QueueSettings {
  const stored = new Map(
    (prepared(db, READ_SQL).all(...READ_KEYS) as { key: string; value: string }[]).map((r) => [r.key, r.value]),
  );
  const get = <T>(key: string): T | undefined => {
    const value = stored.get(key);
    return value === undefined ? undefined : (JSON.parse(value) as T);
  };
  return {
    cycleKind: get<CycleKind>(QUEUE_SETTING_KEYS.cycleKind) ?? 'monthly',
    callingWindow: get<CallingWindow>(QUEUE_SETTING_KEYS.callingWindow) ?? DEFAULT_CALLING_WINDOW,
    defaultTimezone: get<string>(QUEUE_SETTING_KEYS.defaultTimezone) ?? systemTimeZone(),
    callingHoursEnforced: get<boolean>(SETTING_KEYS.callingHoursEnforced) ?? true,
    maxAttempts: get<number>(QUEUE_SETTING_KEYS.maxAttempts) ?? DEFAULT_MAX_ATTEMPTS,
    executiveCap: get<number>(QUEUE_SETTING_KEYS.executiveCap) ?? DEFAULT_EXECUTIVE_CAP,
  };
}

export function writeQueueSettings(db: Db, s: QueueSettings): void {
  setSetting(db, QUEUE_SETTING_KEYS.cycleKind, s.cycleKind);
  setSetting(db, QUEUE_SETTING_KEYS.callingWindow, s.callingWindow);
  setSetting(db, QUEUE_SETTING_KEYS.defaultTimezone, s.defaultTimezone);
  setSetting(db, SETTING_KEYS.callingHoursEnforced, s.callingHoursEnforced);
  setSetting(db, QUEUE_SETTING_KEYS.maxAttempts, s.maxAttempts);
  setSetting(db, QUEUE_SETTING_KEYS.executiveCap, s.executiveCap);
}
