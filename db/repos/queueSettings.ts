import type { Db } from '../open';
import { getSetting, setSetting, SETTING_KEYS } from './settings';
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

/** The zone of the computer the console runs on, used until the manager chooses one. */
export function systemTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

export function readQueueSettings(db: Db): QueueSettings {
  return {
    cycleKind: getSetting<CycleKind>(db, QUEUE_SETTING_KEYS.cycleKind) ?? 'monthly',
    callingWindow: getSetting<CallingWindow>(db, QUEUE_SETTING_KEYS.callingWindow) ?? DEFAULT_CALLING_WINDOW,
    defaultTimezone: getSetting<string>(db, QUEUE_SETTING_KEYS.defaultTimezone) ?? systemTimeZone(),
    callingHoursEnforced: getSetting<boolean>(db, SETTING_KEYS.callingHoursEnforced) ?? true,
    maxAttempts: getSetting<number>(db, QUEUE_SETTING_KEYS.maxAttempts) ?? DEFAULT_MAX_ATTEMPTS,
    executiveCap: getSetting<number>(db, QUEUE_SETTING_KEYS.executiveCap) ?? DEFAULT_EXECUTIVE_CAP,
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
