import type { Migration } from './types';

/**
 * The guided call: amendments (a completed call is corrected only by a recorded amendment, with who
 * and when, and the old and new values), the customer-local callback time and the executive's
 * one-line summary on calls, the product an alternative-product offer proposes, and the indexes the
 * call screen and amendments read by.
 */
export const migration004GuidedCall: Migration = {
  version: 4,
  name: 'guided call',
  up: `
ALTER TABLE calls ADD COLUMN callback_local TEXT;
ALTER TABLE calls ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE offers ADD COLUMN product TEXT;

CREATE TABLE call_amendments (
  id TEXT PRIMARY KEY,
  call_id TEXT NOT NULL REFERENCES calls(id),
  amended_at TEXT NOT NULL,
  amended_by TEXT NOT NULL REFERENCES people(id),
  note TEXT NOT NULL,
  -- The changed fields before and after, as JSON objects with the same keys.
  old_values TEXT NOT NULL,
  new_values TEXT NOT NULL
) STRICT;
CREATE INDEX call_amendments_call ON call_amendments(call_id, amended_at);

CREATE INDEX call_drafts_caller ON call_drafts(caller_id, updated_at);
CREATE INDEX call_reasons_reason ON call_reasons(reason_id);
CREATE INDEX call_offers_offer ON call_offers(offer_id);
CREATE INDEX feedback_call ON feedback(call_id);
`,
};
