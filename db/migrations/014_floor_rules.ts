import type { Migration } from './types';

/**
 * The rules a calling floor keeps around each call.
 *
 * - `call_openings`: every call the backend let start, with who opened it and when, and the reason
 *   given when a manager's policy allowed it outside the customer's calling hours. Completing a
 *   call (recording an attempt) checks it was opened within the rules, so an attempt outside
 *   calling hours cannot be recorded by a window that never asked.
 * - `customers.next_attempt_at`: after an unanswered call, the retry cadence's earliest next try;
 *   before it the customer stays in the queue, marked not callable, with the time.
 * - `customers.timezone_source` and `timezone_candidates`: where the customer's zone came from when
 *   the file had no time-zone column (the phone's country code, the country, state or postal
 *   column), and, when nothing narrowed a country of several zones, every zone it could be (a JSON
 *   array): calling hours then hold in all of them.
 */
export const migration014FloorRules: Migration = {
  version: 14,
  name: 'call openings, retry cadence and inferred time zones',
  up: `
CREATE TABLE call_openings (
  call_id TEXT PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  caller_id TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  outside_hours_reason TEXT
) STRICT;
CREATE INDEX call_openings_customer ON call_openings(customer_id, opened_at);

ALTER TABLE customers ADD COLUMN next_attempt_at TEXT;
ALTER TABLE customers ADD COLUMN timezone_source TEXT;
ALTER TABLE customers ADD COLUMN timezone_candidates TEXT;
`,
};
