import type { Migration } from './types';

/**
 * Intensive care: one enrolment per recovery (a customer recovered, lost and recovered again has
 * two), the reviews of each, the indicators imported for the next review, and the re-loss of a
 * recovered customer with how it was learnt. Reasons and offers of a re-loss are read through the
 * recovery call, so a corrected call corrects the trends too.
 */
export const migration006IntensiveCare: Migration = {
  version: 6,
  name: 'intensive care',
  up: `
CREATE TABLE care_enrolments (
  id TEXT PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  recovery_call_id TEXT NOT NULL UNIQUE REFERENCES calls(id),
  recovered_on TEXT NOT NULL,
  owner_id TEXT NOT NULL REFERENCES people(id),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'relost', 'withdrawn')),
  -- Set exactly while the customer is followed.
  next_review_on TEXT,
  enrolled_at TEXT NOT NULL,
  relost_on TEXT,
  relost_at TEXT,
  relost_by TEXT REFERENCES people(id),
  relost_source TEXT CHECK (relost_source IN ('import', 'manager')),
  relost_note TEXT NOT NULL DEFAULT '',
  -- When a correction of the recovery call took the recovery back.
  withdrawn_at TEXT,
  CHECK ((status = 'active') = (next_review_on IS NOT NULL)),
  CHECK (status <> 'relost' OR (relost_on IS NOT NULL AND relost_source IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX care_enrolments_one_active ON care_enrolments(customer_id) WHERE status = 'active';
CREATE INDEX care_enrolments_next_review ON care_enrolments(next_review_on) WHERE status = 'active';
CREATE INDEX care_enrolments_owner ON care_enrolments(owner_id, next_review_on) WHERE status = 'active';

CREATE TABLE care_reviews (
  id TEXT PRIMARY KEY,
  enrolment_id TEXT NOT NULL REFERENCES care_enrolments(id),
  due_on TEXT NOT NULL,
  reviewed_at TEXT NOT NULL,
  reviewed_on TEXT NOT NULL,
  reviewer_id TEXT NOT NULL REFERENCES people(id),
  service_contacts INTEGER CHECK (service_contacts >= 0),
  purchases INTEGER CHECK (purchases >= 0),
  spend REAL CHECK (spend >= 0),
  support_tickets INTEGER CHECK (support_tickets >= 0),
  satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
  note TEXT NOT NULL DEFAULT '',
  verdict TEXT NOT NULL CHECK (verdict IN ('healthy', 'watch', 'at_risk')),
  outreach TEXT NOT NULL CHECK (outreach IN ('phone_call', 'email', 'visit', 'message', 'offer', 'none')),
  outreach_note TEXT NOT NULL DEFAULT '',
  next_review_on TEXT NOT NULL
) STRICT;
CREATE INDEX care_reviews_enrolment ON care_reviews(enrolment_id, reviewed_at);

-- Indicators imported from a file, waiting for the next review of the enrolment; a review consumes them.
CREATE TABLE care_indicators (
  enrolment_id TEXT PRIMARY KEY REFERENCES care_enrolments(id),
  service_contacts INTEGER CHECK (service_contacts >= 0),
  purchases INTEGER CHECK (purchases >= 0),
  spend REAL CHECK (spend >= 0),
  support_tickets INTEGER CHECK (support_tickets >= 0),
  satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
  imported_at TEXT NOT NULL,
  file_name TEXT NOT NULL,
  imported_by TEXT REFERENCES people(id)
) STRICT;
`,
};
