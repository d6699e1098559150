CREATE INDEX call_amendments_call ON call_amendments(call_id, amended_at);

CREATE INDEX call_drafts_caller ON call_drafts(caller_id, updated_at);

CREATE INDEX call_offers_offer ON call_offers(offer_id);

CREATE INDEX call_offers_offer_answer ON call_offers(offer_id, answer);

CREATE INDEX call_reasons_by_reason ON call_reasons(reason_id) WHERE is_primary = 1;

CREATE INDEX call_reasons_primary ON call_reasons(call_id, reason_id) WHERE is_primary = 1;

CREATE INDEX call_reasons_reason ON call_reasons(reason_id);

CREATE INDEX calls_caller ON calls(caller_id, completed_at);

CREATE INDEX calls_completed ON calls(completed_at);

CREATE INDEX calls_customer ON calls(customer_id);

CREATE INDEX calls_customer_completed ON calls(customer_id, completed_at);

CREATE INDEX care_enrolments_next_review ON care_enrolments(next_review_on) WHERE status = 'active';

CREATE UNIQUE INDEX care_enrolments_one_active ON care_enrolments(customer_id) WHERE status = 'active';

CREATE INDEX care_enrolments_owner ON care_enrolments(owner_id, next_review_on) WHERE status = 'active';

CREATE INDEX care_reviews_enrolment ON care_reviews(enrolment_id, reviewed_at);

CREATE INDEX customers_assigned ON customers(assigned_to);

CREATE INDEX customers_callbacks ON customers(callback_at) WHERE callback_at IS NOT NULL;

CREATE INDEX customers_cycle ON customers(cycle_id);

CREATE INDEX customers_departed ON customers(departed_at);

CREATE INDEX customers_queue ON customers(priority DESC, attempts, callback_at, assigned_to, cycle_id,
  segment, stated_reason_id, external_id, name, phone)
  WHERE selected = 1 AND do_not_contact = 0
    AND (last_outcome IS NULL OR last_outcome IN ('callback', 'no_answer', 'considering'));

CREATE INDEX customers_revenue ON customers(monthly_revenue DESC);

CREATE INDEX customers_stated_reason ON customers(stated_reason_id);

CREATE INDEX customers_unmapped_reason ON customers(stated_reason_text)
  WHERE stated_reason_id IS NULL AND stated_reason_text IS NOT NULL;

CREATE INDEX feedback_call ON feedback(call_id);

CREATE INDEX feedback_queue ON feedback(status, frontline_team, frontline_rep, created_at);

CREATE INDEX issue_calls_call ON issue_calls(call_id);

CREATE INDEX issue_reasons_reason ON issue_reasons(reason_id);

CREATE INDEX issues_status ON issues(status, updated_at);

CREATE INDEX outbox_pending ON outbox(seq) WHERE sent_at IS NULL;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  detail TEXT NOT NULL DEFAULT '{}'
) STRICT;

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

CREATE TABLE call_drafts (
  customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
  caller_id TEXT NOT NULL REFERENCES people(id),
  state TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE call_offers (
  call_id TEXT NOT NULL REFERENCES calls(id),
  offer_id TEXT NOT NULL REFERENCES offers(id),
  code TEXT UNIQUE,
  answer TEXT NOT NULL CHECK (answer IN ('accepted', 'considering', 'declined', 'not_offered')),
  PRIMARY KEY (call_id, offer_id)
) STRICT;

CREATE TABLE call_reasons (
  call_id TEXT NOT NULL REFERENCES calls(id),
  reason_id TEXT NOT NULL REFERENCES reasons(id),
  is_primary INTEGER NOT NULL CHECK (is_primary IN (0, 1)),
  PRIMARY KEY (call_id, reason_id)
) STRICT;

CREATE TABLE call_stages (
  call_id TEXT NOT NULL REFERENCES calls(id),
  stage TEXT NOT NULL CHECK (stage IN ('apologize', 'listen', 'diagnose', 'assist', 'offer')),
  note TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (call_id, stage)
) STRICT;

CREATE TABLE calls (
  id TEXT PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  caller_id TEXT NOT NULL REFERENCES people(id),
  caller_role TEXT NOT NULL CHECK (caller_role IN ('agent', 'executive', 'manager')),
  cycle_id TEXT REFERENCES cycles(id),
  started_at TEXT NOT NULL,
  completed_at TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('recovered', 'considering', 'declined', 'callback',
    'no_answer', 'wrong_number', 'do_not_contact')),
  callback_at TEXT,
  reactivation_until TEXT,
  customer_words TEXT NOT NULL DEFAULT '',
  reason_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (reason_confirmed IN (0, 1)),
  offer_skipped_because TEXT
, callback_local TEXT, summary TEXT NOT NULL DEFAULT '') STRICT;

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

CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  name TEXT,
  company TEXT,
  phone TEXT,
  email TEXT,
  timezone TEXT,
  segment TEXT,
  product TEXT,
  monthly_revenue REAL,
  tenure_months INTEGER,
  departed_at TEXT,
  last_activity_at TEXT,
  stated_reason_text TEXT,
  stated_reason_id TEXT REFERENCES reasons(id),
  frontline_rep TEXT,
  frontline_team TEXT,
  notes TEXT,
  cycle_id TEXT REFERENCES cycles(id),
  assigned_to TEXT REFERENCES people(id),
  do_not_contact INTEGER NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1)),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_outcome TEXT,
  callback_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
, selected INTEGER NOT NULL DEFAULT 0 CHECK (selected IN (0, 1)), selected_by TEXT, value_band TEXT, priority_base REAL NOT NULL DEFAULT 0, priority_detail TEXT NOT NULL DEFAULT '{}', priority REAL GENERATED ALWAYS AS (priority_base - 10 * attempts) VIRTUAL) STRICT;

CREATE TABLE cycles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('monthly', 'quarterly')),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE feedback (
  id TEXT PRIMARY KEY,
  call_id TEXT NOT NULL REFERENCES calls(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  frontline_rep TEXT,
  frontline_team TEXT,
  text TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'shared', 'coached', 'closed')),
  created_at TEXT NOT NULL
, status_changed_at TEXT, status_changed_by TEXT REFERENCES people(id)) STRICT;

CREATE TABLE import_mappings (
  name TEXT PRIMARY KEY,
  mapping TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE imports (
  id TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_id TEXT REFERENCES people(id),
  imported INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  invalid INTEGER NOT NULL,
  no_contact INTEGER NOT NULL,
  unmapped INTEGER NOT NULL
) STRICT;

CREATE TABLE issue_calls (
  issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
  call_id TEXT NOT NULL REFERENCES calls(id),
  PRIMARY KEY (issue_id, call_id)
) STRICT;

CREATE TABLE issue_reasons (
  issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
  reason_id TEXT NOT NULL REFERENCES reasons(id),
  PRIMARY KEY (issue_id, reason_id)
) STRICT;

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

CREATE TABLE offer_rules (
  id TEXT PRIMARY KEY,
  priority INTEGER NOT NULL DEFAULT 100,
  category_id TEXT REFERENCES reason_categories(id),
  reason_id TEXT REFERENCES reasons(id),
  product TEXT,
  segment TEXT,
  min_revenue REAL,
  max_revenue REAL,
  offer_id TEXT NOT NULL REFERENCES offers(id)
) STRICT;

CREATE TABLE offers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('discount', 'plan_change', 'alternative_product', 'pause',
    'reactivation_period', 'walkthrough', 'custom')),
  talking_points TEXT NOT NULL DEFAULT '',
  percent REAL,
  duration_months INTEGER,
  generates_code INTEGER NOT NULL DEFAULT 0 CHECK (generates_code IN (0, 1)),
  retired_at TEXT
, product TEXT) STRICT;

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT
) STRICT;

CREATE TABLE people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent', 'executive', 'manager')),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE reason_categories (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  approach TEXT NOT NULL DEFAULT '',
  recoverable INTEGER NOT NULL DEFAULT 1 CHECK (recoverable IN (0, 1)),
  sort INTEGER NOT NULL DEFAULT 0,
  retired_at TEXT
) STRICT;

CREATE TABLE reason_phrases (
  phrase TEXT PRIMARY KEY,
  reason_id TEXT NOT NULL REFERENCES reasons(id)
) STRICT;

CREATE TABLE reasons (
  id TEXT PRIMARY KEY,
  category_id TEXT NOT NULL REFERENCES reason_categories(id),
  name TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0,
  retired_at TEXT
) STRICT;

CREATE TABLE segment_points (
  segment TEXT PRIMARY KEY,
  points REAL NOT NULL
) STRICT;

CREATE TABLE selection_rules (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  conditions TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  sort INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE value_bands (
  name TEXT PRIMARY KEY,
  min_revenue REAL NOT NULL CHECK (min_revenue >= 0),
  points REAL NOT NULL DEFAULT 0
) STRICT;

CREATE TRIGGER customers_selection_stale_insert AFTER INSERT ON customers
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'queue.stale' AND value = 'true')
BEGIN
  INSERT INTO settings (key, value) VALUES ('queue.stale', 'true')
    ON CONFLICT(key) DO UPDATE SET value = 'true';
END;

CREATE TRIGGER customers_selection_stale_update
AFTER UPDATE OF monthly_revenue, segment, product, tenure_months, departed_at, stated_reason_id, phone, email, cycle_id
ON customers
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'queue.stale' AND value = 'true')
BEGIN
  INSERT INTO settings (key, value) VALUES ('queue.stale', 'true')
    ON CONFLICT(key) DO UPDATE SET value = 'true';
END;
