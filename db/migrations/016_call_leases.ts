import type { Migration } from './types';

/**
 * `call_leases`: the customer a person has open in a call, so that "Next customer" in another
 * window, or another person on the same database, never gets the same one. A lease names the call
 * and the person, and has an expiry (renewed while the call is worked on) so a window that died
 * does not keep the customer forever; completing or leaving the call releases it.
 */
export const migration016CallLeases: Migration = {
  version: 16,
  name: 'leases on the customers being called',
  up: `
CREATE TABLE call_leases (
  customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  call_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  leased_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX call_leases_expiry ON call_leases(expires_at);
`,
};
