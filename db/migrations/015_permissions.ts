import type { Migration } from './types';

/**
 * The contact-permission ledger (shared/domain/permissions.ts).
 *
 * - `permission_entries`: one suppression each, by phone (E.164), email or customer id, added by a
 *   manager or by the customer on a call; expired, never deleted (expired_at, expired_by).
 * - `permission_lists` and `permission_list_values`: an imported list (a company list, a
 *   do-not-call registry extract) is one entry with its values beside it, so a million numbers are
 *   a million short rows of one b-tree, and expiring the list expires them all.
 * - `permission_outbox`: the ledger's changes waiting for the hub, in order; the hub relays them to
 *   every desk (electron/backend/permissions/hubSync.ts).
 * - `customers.phone_key`: the customer's number in E.164, as the ledger keys it (NULL until worked
 *   out, '' when it cannot be); a trigger clears it when the number changes.
 * - `customers.call_blocked`: 1 while an active entry keeps the customer from being called; the
 *   queue and the assignment pass read it, so they stay one indexed walk.
 * - `consents`: what the customer answered on a call, per channel (shared/domain/consent.ts), with
 *   the exact question read, the time and the agent; append only, the latest answer wins.
 */
export const migration015Permissions: Migration = {
  version: 15,
  name: 'contact-permission ledger',
  up: `
CREATE TABLE permission_entries (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'customer')),
  value TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('call', 'email', 'all')),
  source TEXT NOT NULL CHECK (source IN ('customer', 'manager')),
  note TEXT,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  expires_at TEXT,
  expired_at TEXT,
  expired_by TEXT
) STRICT;
CREATE INDEX permission_entries_value ON permission_entries(value, kind);

CREATE TABLE permission_lists (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('call', 'email', 'all')),
  registry INTEGER NOT NULL DEFAULT 0 CHECK (registry IN (0, 1)),
  size INTEGER NOT NULL,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  expires_at TEXT,
  expired_at TEXT,
  expired_by TEXT
) STRICT;

CREATE TABLE permission_list_values (
  value TEXT NOT NULL,
  list_id INTEGER NOT NULL REFERENCES permission_lists(id),
  PRIMARY KEY (value, list_id)
) WITHOUT ROWID, STRICT;

CREATE TABLE permission_outbox (
  seq INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  change TEXT NOT NULL
) STRICT;

CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  call_id TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'post')),
  answer TEXT NOT NULL CHECK (answer IN ('no_answer', 'yes', 'no')),
  wording TEXT NOT NULL,
  asked_at TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  agent_name TEXT NOT NULL
) STRICT;
CREATE INDEX consents_customer ON consents(customer_id, channel, asked_at);

ALTER TABLE customers ADD COLUMN phone_key TEXT;
ALTER TABLE customers ADD COLUMN call_blocked INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER customers_phone_key_reset AFTER UPDATE OF phone ON customers
WHEN NEW.phone IS NOT OLD.phone
BEGIN
  UPDATE customers SET phone_key = NULL WHERE id = NEW.id;
END;
`,
};
