CREATE INDEX call_amendments_call ON call_amendments(call_id, amended_at);

CREATE INDEX call_drafts_caller ON call_drafts(caller_id, updated_at);

CREATE INDEX call_offers_offer ON call_offers(offer_id);

CREATE INDEX call_reasons_reason ON call_reasons(reason_id);

CREATE INDEX calls_completed ON calls(completed_at);

CREATE INDEX calls_customer ON calls(customer_id);

CREATE INDEX customers_assigned ON customers(assigned_to);

CREATE INDEX customers_cycle ON customers(cycle_id);

CREATE INDEX customers_revenue ON customers(monthly_revenue DESC);

CREATE INDEX customers_stated_reason ON customers(stated_reason_id);

CREATE INDEX feedback_call ON feedback(call_id);

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
) STRICT;

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

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
