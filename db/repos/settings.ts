import type { Db } from '../open';
import { prepared } from '../statements';

/** Console settings as JSON values under a key. */
export function getSetting<T>(db: Db, key: string): T | undefined {
  const row = prepared(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.value) as T);
}

export function setSetting(db: Db, key: string, value: unknown): void {
  prepared(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

export const SETTING_KEYS = {
  currentUser: 'console.currentUserId',
  demo: 'console.demo',
  callingHoursEnforced: 'contact.callingHoursEnforced',
} as const;
