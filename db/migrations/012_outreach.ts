import type { Migration } from './types';
import { DEFAULT_TEMPLATES } from '../../shared/domain/outreachDefaults';

/**
 * Keeping in touch with departed customers: message templates per reason, the customer-facing
 * note of a fixed issue, outreaches and their members, and the unsubscribe objections pulled
 * from the hub.
 *
 * `outreach_members` is also the email outbox: one row per customer and outreach, with a stable
 * Message-ID, written before anything is sent. Its `message_state` walks
 * ready -> queued -> sending -> dot -> sent, where "sending" is committed before the connection
 * to the relay is used and "dot" just before the final "." of the DATA command, so after a crash
 * the console knows whether the relay can have accepted the message
 * (electron/backend/outreach/sender.ts explains the guarantee).
 */
export const migration012Outreach: Migration = {
  version: 12,
  name: 'outreach: templates, fixed-issue notes, outreaches and their outbox',
  up: (db) => {
    db.exec(`
CREATE TABLE outreach_templates (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('what_changed', 'new_feature', 'special_offer', 'reactivation', 'referral')),
  category_id TEXT REFERENCES reason_categories(id),
  reason_id TEXT REFERENCES reasons(id),
  name TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES people(id),
  retired_at TEXT
) STRICT;
-- One live template per kind and scope (a reason, a category, or every reason).
CREATE UNIQUE INDEX outreach_templates_scope ON outreach_templates(kind, coalesce(category_id, ''), coalesce(reason_id, ''))
  WHERE retired_at IS NULL;

-- What a fixed issue changed, in a sentence for the customers it drove away, and since when.
CREATE TABLE issue_fixes (
  issue_id TEXT PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE,
  what_changed TEXT NOT NULL,
  fixed_on TEXT NOT NULL,
  recorded_by TEXT REFERENCES people(id),
  recorded_at TEXT NOT NULL
) STRICT;

CREATE TABLE outreaches (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  issue_id TEXT REFERENCES issues(id),
  kind TEXT NOT NULL CHECK (kind IN ('what_changed', 'new_feature', 'special_offer', 'reactivation', 'referral')),
  what_changed TEXT,
  fixed_on TEXT,
  by_call INTEGER NOT NULL CHECK (by_call IN (0, 1)),
  message_channel TEXT CHECK (message_channel IN ('email', 'letter')),
  codes_valid_until TEXT,
  window_closes_on TEXT,
  -- Customers left out when it was built, by why: {"Marked do not contact": 3, ...}.
  excluded TEXT NOT NULL DEFAULT '{}',
  created_by TEXT REFERENCES people(id),
  created_at TEXT NOT NULL,
  CHECK (by_call = 1 OR message_channel IS NOT NULL)
) STRICT;
CREATE INDEX outreaches_issue ON outreaches(issue_id, created_at);

CREATE TABLE outreach_members (
  outreach_id TEXT NOT NULL REFERENCES outreaches(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  by_call INTEGER NOT NULL CHECK (by_call IN (0, 1)),
  -- Their last outcome had taken them out of the queue; this outreach put them back.
  requeued INTEGER NOT NULL DEFAULT 0 CHECK (requeued IN (0, 1)),
  message_state TEXT CHECK (message_state IN ('blocked', 'ready', 'queued', 'sending', 'dot', 'sent', 'failed', 'exported')),
  problem TEXT,
  template_id TEXT REFERENCES outreach_templates(id),
  to_address TEXT,
  subject TEXT,
  body TEXT,
  message_id TEXT UNIQUE,
  offer_id TEXT REFERENCES offers(id),
  code TEXT UNIQUE,
  code_expires_on TEXT,
  unsubscribe_url TEXT,
  composed_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  -- Sent again after a crash or a lost connection between the final "." and the relay's answer:
  -- the relay may hold two copies, with the same Message-ID.
  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
  next_attempt_at TEXT,
  sent_at TEXT,
  exported_at TEXT,
  PRIMARY KEY (outreach_id, customer_id)
) STRICT;
CREATE INDEX outreach_members_customer ON outreach_members(customer_id);
CREATE INDEX outreach_members_outbox ON outreach_members(message_state, next_attempt_at)
  WHERE message_state IN ('queued', 'sending', 'dot');

-- One-click unsubscribes recorded at the hub, pulled by cursor (hub_id is the hub's own order).
CREATE TABLE outreach_objections (
  hub_id INTEGER PRIMARY KEY,
  external_id TEXT NOT NULL,
  message_id TEXT,
  channel TEXT NOT NULL CHECK (channel IN ('email')),
  objected_at TEXT NOT NULL,
  received_at TEXT NOT NULL
) STRICT;
CREATE INDEX outreach_objections_customer ON outreach_objections(external_id);
`);
    const add = db.prepare(
      `INSERT INTO outreach_templates (id, kind, category_id, reason_id, name, subject, body, updated_at)
       SELECT @id, @kind, @categoryId, NULL, @name, @subject, @body, @at
       WHERE @categoryId IS NULL OR EXISTS (SELECT 1 FROM reason_categories WHERE id = @categoryId)`,
    );
    // A console whose manager renamed or never had a default category keeps the general templates.
    for (const t of DEFAULT_TEMPLATES) add.run({ ...t, at: '2026-01-01T00:00:00.000Z' });
  },
};
