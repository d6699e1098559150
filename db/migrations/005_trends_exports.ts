import type { Migration } from './types';

/**
 * Issues to fix (linked to reasons and calls), the frontline feedback queue's status trail, and the
 * indexes the reports need: calls grouped by month or cycle and primary diagnosed reason, with the
 * departed customer's revenue, and departed customers by date.
 */
export const migration005TrendsExports: Migration = {
  version: 5,
  name: 'issues, feedback status and report indexes',
  up: `
CREATE TABLE issues (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  owner TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'fixed')),
  created_by TEXT REFERENCES people(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  fixed_at TEXT,
  CHECK ((status = 'fixed') = (fixed_at IS NOT NULL))
) STRICT;
CREATE INDEX issues_status ON issues(status, updated_at);

CREATE TABLE issue_reasons (
  issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
  reason_id TEXT NOT NULL REFERENCES reasons(id),
  PRIMARY KEY (issue_id, reason_id)
) STRICT;
CREATE INDEX issue_reasons_reason ON issue_reasons(reason_id);

CREATE TABLE issue_calls (
  issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
  call_id TEXT NOT NULL REFERENCES calls(id),
  PRIMARY KEY (issue_id, call_id)
) STRICT;
CREATE INDEX issue_calls_call ON issue_calls(call_id);

ALTER TABLE feedback ADD COLUMN status_changed_at TEXT;
ALTER TABLE feedback ADD COLUMN status_changed_by TEXT REFERENCES people(id);
CREATE INDEX feedback_queue ON feedback(status, frontline_team, frontline_rep, created_at);

-- Reports: each call with its primary diagnosed reason in one index lookup, calls per caller,
-- offers per offer, departed customers by date.
CREATE INDEX call_reasons_primary ON call_reasons(call_id, reason_id) WHERE is_primary = 1;
CREATE INDEX call_reasons_by_reason ON call_reasons(reason_id) WHERE is_primary = 1;
CREATE INDEX calls_caller ON calls(caller_id, completed_at);
CREATE INDEX call_offers_offer_answer ON call_offers(offer_id, answer);
CREATE INDEX customers_departed ON customers(departed_at);
`,
};
