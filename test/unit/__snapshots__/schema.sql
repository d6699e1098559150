CREATE INDEX call_amendments_call ON call_amendments(call_id, amended_at);

CREATE INDEX call_drafts_caller ON call_drafts(caller_id, updated_at);

CREATE INDEX call_facts_caller ON call_facts(caller_id, customer_id, reason_id, month, cycle_id, day, outcome, revenue_micros,
  caller_role, segment, product, team, stated_reason_id, offers_made);

CREATE INDEX call_facts_customer ON call_facts(customer_id);

CREATE INDEX call_facts_cycle ON call_facts(cycle_id, day);

CREATE INDEX call_facts_day ON call_facts(day, customer_id, revenue_micros, outcome, reason_id, caller_id, caller_role, cycle_id,
  segment, product, team, stated_reason_id, offers_made);

CREATE INDEX call_facts_reason_day ON call_facts(reason_id, day, cycle_id, outcome, revenue_micros, reason_prev_day, reason_prev_recovered_day, reason_cycle_prev_day, reason_cycle_prev_recovered_day, diagnosed_prev_day, diagnosed_prev_recovered_day,
  segment, product, team) WHERE reason_id IS NOT NULL;

CREATE INDEX call_facts_recovered_undiagnosed ON call_facts(cycle_id, segment, product, team, customer_id, revenue_micros)
  WHERE reason_id IS NULL AND outcome = 'recovered';

CREATE INDEX call_leases_expiry ON call_leases(expires_at);

CREATE INDEX call_offers_offer_answer ON call_offers(offer_id, answer);

CREATE INDEX call_openings_customer ON call_openings(customer_id, opened_at);

CREATE INDEX call_reasons_by_reason ON call_reasons(reason_id) WHERE is_primary = 1;

CREATE INDEX call_reasons_primary ON call_reasons(call_id, reason_id) WHERE is_primary = 1;

CREATE INDEX call_reasons_reason ON call_reasons(reason_id);

CREATE INDEX calls_caller ON calls(caller_id, completed_at);

CREATE INDEX calls_completed_id ON calls(completed_at, id);

CREATE INDEX calls_customer_completed ON calls(customer_id, completed_at);

CREATE INDEX calls_customer_latest ON calls(customer_id, completed_at, id, outcome, primary_reason_id);

CREATE INDEX care_enrolments_next_review ON care_enrolments(next_review_on) WHERE status = 'active';

CREATE UNIQUE INDEX care_enrolments_one_active ON care_enrolments(customer_id) WHERE status = 'active';

CREATE INDEX care_enrolments_owner ON care_enrolments(owner_id, next_review_on) WHERE status = 'active';

CREATE INDEX care_enrolments_relost ON care_enrolments(customer_id, relost_on) WHERE status = 'relost';

CREATE INDEX care_reviews_enrolment ON care_reviews(enrolment_id, reviewed_at);

CREATE INDEX consents_customer ON consents(customer_id, channel, asked_at);

CREATE INDEX customer_facts_departed ON customer_facts(departed_at);

CREATE INDEX customers_assigned ON customers(assigned_to);

CREATE INDEX customers_callbacks ON customers(callback_at) WHERE callback_at IS NOT NULL;

CREATE INDEX customers_contact_stale ON customers(id) WHERE contact_stale = 1;

CREATE INDEX customers_cycle ON customers(cycle_id);

CREATE INDEX customers_departed ON customers(departed_at);

CREATE INDEX customers_effect ON customers(cycle_id, control_group, selected, stated_reason_id, segment, returned_on, attempts);

CREATE INDEX customers_email_key ON customers(lower(trim(email)));

CREATE INDEX customers_phone_key ON customers(phone_key);

CREATE INDEX customers_queue ON customers(priority DESC, attempts, callback_at, assigned_to, cycle_id,
  segment, stated_reason_id, external_id, name, phone)
  WHERE selected = 1 AND do_not_contact = 0
    AND (last_outcome IS NULL OR last_outcome IN ('callback', 'no_answer', 'considering'));

CREATE INDEX customers_returned ON customers(returned_on) WHERE returned_on IS NOT NULL;

CREATE INDEX customers_stated_reason ON customers(stated_reason_id);

CREATE INDEX customers_unmapped_reason ON customers(stated_reason_text)
  WHERE stated_reason_id IS NULL AND stated_reason_text IS NOT NULL;

CREATE UNIQUE INDEX experiments_one_running ON experiments(base_offer_id) WHERE ended_at IS NULL;

CREATE INDEX feedback_call ON feedback(call_id);

CREATE INDEX feedback_queue ON feedback(status, frontline_team, frontline_rep, created_at);

CREATE UNIQUE INDEX guidance_experiments_one_running ON guidance_experiments(stage) WHERE ended_at IS NULL;

CREATE INDEX issue_calls_call ON issue_calls(call_id);

CREATE INDEX issue_reasons_reason ON issue_reasons(reason_id);

CREATE INDEX issues_status ON issues(status, updated_at);

CREATE INDEX offer_wins_offer ON offer_wins(offer_id);

CREATE INDEX outbox_pending ON outbox(seq) WHERE sent_at IS NULL;

CREATE INDEX outreach_members_customer ON outreach_members(customer_id);

CREATE INDEX outreach_members_outbox ON outreach_members(message_state, next_attempt_at)
  WHERE message_state IN ('queued', 'sending', 'dot');

CREATE INDEX outreach_objections_customer ON outreach_objections(external_id);

CREATE UNIQUE INDEX outreach_templates_scope ON outreach_templates(kind, coalesce(category_id, ''), coalesce(reason_id, ''))
  WHERE retired_at IS NULL;

CREATE INDEX outreaches_issue ON outreaches(issue_id, created_at);

CREATE UNIQUE INDEX pauses_open_per_person ON pauses(person_id) WHERE ended_at IS NULL;

CREATE INDEX pauses_started ON pauses(started_at);

CREATE INDEX permission_entries_value ON permission_entries(value, kind);

CREATE TABLE agreement_cells (
  period_kind TEXT NOT NULL CHECK (period_kind IN ('all', 'cycle')),
  period TEXT NOT NULL,
  segment TEXT NOT NULL,
  product TEXT NOT NULL,
  team TEXT NOT NULL,
  -- The customer's stated reason ('' when none maps to the taxonomy) and the call's primary diagnosed one.
  stated_reason_id TEXT NOT NULL,
  reason_id TEXT NOT NULL,
  calls INTEGER NOT NULL CHECK (calls >= 0),
  PRIMARY KEY (period_kind, period, stated_reason_id, reason_id, segment, product, team)
) WITHOUT ROWID, STRICT;

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

CREATE TABLE call_facts (
  call_id TEXT PRIMARY KEY,
  customer_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  month TEXT,
  -- The call's cycle, else the customer's.
  cycle_id TEXT,
  caller_id TEXT NOT NULL,
  caller_role TEXT NOT NULL,
  outcome TEXT NOT NULL,
  -- The primary diagnosed reason; NULL for calls without a diagnosis.
  reason_id TEXT,
  revenue_micros INTEGER NOT NULL,
  segment TEXT,
  product TEXT,
  team TEXT,
  stated_reason_id TEXT
, reason_prev_day TEXT, reason_prev_recovered_day TEXT, reason_cycle_prev_day TEXT, reason_cycle_prev_recovered_day TEXT, diagnosed_prev_day TEXT, diagnosed_prev_recovered_day TEXT, offers_made TEXT) STRICT;

CREATE TABLE call_leases (
  customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  call_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  leased_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;

CREATE TABLE call_offers (
  call_id TEXT NOT NULL REFERENCES calls(id),
  offer_id TEXT NOT NULL REFERENCES offers(id),
  code TEXT UNIQUE,
  answer TEXT NOT NULL CHECK (answer IN ('accepted', 'considering', 'declined', 'not_offered')),
  PRIMARY KEY (call_id, offer_id)
) STRICT;

CREATE TABLE call_openings (
  call_id TEXT PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  caller_id TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  outside_hours_reason TEXT
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

CREATE TABLE call_timings (
  call_id TEXT PRIMARY KEY REFERENCES calls(id),
  talk_ms INTEGER NOT NULL CHECK (talk_ms >= 0),
  wrap_ms INTEGER NOT NULL CHECK (wrap_ms >= 0),
  apologize_ms INTEGER NOT NULL DEFAULT 0 CHECK (apologize_ms >= 0),
  listen_ms INTEGER NOT NULL DEFAULT 0 CHECK (listen_ms >= 0),
  diagnose_ms INTEGER NOT NULL DEFAULT 0 CHECK (diagnose_ms >= 0),
  assist_ms INTEGER NOT NULL DEFAULT 0 CHECK (assist_ms >= 0),
  offer_ms INTEGER NOT NULL DEFAULT 0 CHECK (offer_ms >= 0)
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
, callback_local TEXT, summary TEXT NOT NULL DEFAULT '', offer_answers TEXT, primary_reason_id TEXT) STRICT;

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

CREATE TABLE category_names (
  category_id TEXT NOT NULL REFERENCES reason_categories(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  PRIMARY KEY (category_id, language)
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

CREATE TABLE customer_facts (
  customer_id INTEGER PRIMARY KEY,
  revenue_micros INTEGER NOT NULL,
  segment TEXT,
  product TEXT,
  team TEXT,
  departed_at TEXT,
  month TEXT,
  cycle_id TEXT,
  stated_reason_id TEXT,
  -- The stated text, only where it maps to no reason (the report shows it as written).
  stated_text TEXT,
  calls INTEGER NOT NULL,
  recovered INTEGER NOT NULL
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
, selected INTEGER NOT NULL DEFAULT 0 CHECK (selected IN (0, 1)), selected_by TEXT, value_band TEXT, priority_base REAL NOT NULL DEFAULT 0, priority_detail TEXT NOT NULL DEFAULT '{}', priority REAL GENERATED ALWAYS AS (priority_base - 10 * attempts) VIRTUAL, next_attempt_at TEXT, timezone_source TEXT, timezone_candidates TEXT, phone_key TEXT, call_blocked INTEGER NOT NULL DEFAULT 0, control_group INTEGER NOT NULL DEFAULT 0 CHECK (control_group IN (0, 1)), effect_group TEXT CHECK (effect_group IS NULL OR effect_group IN ('to_call', 'control', 'none')), returned_on TEXT, returned_revenue REAL CHECK (returned_revenue IS NULL OR returned_revenue >= 0), email_blocked INTEGER NOT NULL DEFAULT 0, post_blocked INTEGER NOT NULL DEFAULT 0, email_usable INTEGER NOT NULL DEFAULT 0, contact_stale INTEGER NOT NULL DEFAULT 1, consent_phone TEXT, consent_email TEXT, consent_post TEXT, latest_call_outcome TEXT, diagnosed_reason_id TEXT) STRICT;

CREATE TABLE cycle_controls (
  cycle_id TEXT PRIMARY KEY REFERENCES cycles(id),
  share_percent REAL NOT NULL CHECK (share_percent >= 0 AND share_percent <= 50),
  set_at TEXT NOT NULL,
  set_by TEXT REFERENCES people(id)
) STRICT;

CREATE TABLE cycles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('monthly', 'quarterly')),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE desk_presence (
  person_id TEXT PRIMARY KEY REFERENCES people(id),
  state TEXT NOT NULL CHECK (state IN ('idle', 'in_call', 'wrap_up')),
  customer_id INTEGER REFERENCES customers(id),
  call_id TEXT,
  stage TEXT CHECK (stage IS NULL OR stage IN ('apologize', 'listen', 'diagnose', 'assist', 'offer')),
  since TEXT NOT NULL,
  CHECK ((state = 'idle') = (customer_id IS NULL AND call_id IS NULL)),
  CHECK ((state = 'in_call') = (stage IS NOT NULL))
) STRICT;

CREATE TABLE diagnosed_customer_counts (
  customer_id INTEGER NOT NULL,
  period_kind TEXT NOT NULL CHECK (period_kind IN ('all', 'month', 'cycle')),
  period TEXT NOT NULL,
  reason_id TEXT NOT NULL,
  calls INTEGER NOT NULL CHECK (calls > 0),
  recovered INTEGER NOT NULL,
  PRIMARY KEY (customer_id, period_kind, period, reason_id)
) WITHOUT ROWID, STRICT;

CREATE TABLE diagnosed_reason_cells (
  period_kind TEXT NOT NULL,
  period TEXT NOT NULL,
  reason_id TEXT NOT NULL,
  segment TEXT NOT NULL,
  product TEXT NOT NULL,
  team TEXT NOT NULL,
  departed INTEGER NOT NULL,
  revenue_micros INTEGER NOT NULL,
  calls INTEGER NOT NULL,
  recovered INTEGER NOT NULL,
  recovered_revenue_micros INTEGER NOT NULL,
  PRIMARY KEY (period_kind, period, reason_id, segment, product, team)
) WITHOUT ROWID, STRICT;

CREATE TABLE effect_cells (
  cycle_id TEXT NOT NULL,
  reason_id TEXT NOT NULL,
  segment TEXT NOT NULL,
  control INTEGER NOT NULL CHECK (control IN (0, 1)),
  customers INTEGER NOT NULL CHECK (customers >= 0),
  called INTEGER NOT NULL CHECK (called >= 0),
  returned INTEGER NOT NULL CHECK (returned >= 0),
  PRIMARY KEY (cycle_id, reason_id, segment, control)
) WITHOUT ROWID, STRICT;

CREATE TABLE experiment_variants (
  experiment_id TEXT NOT NULL REFERENCES experiments(id),
  offer_id TEXT NOT NULL REFERENCES offers(id),
  weight REAL NOT NULL CHECK (weight > 0),
  PRIMARY KEY (experiment_id, offer_id)
) STRICT;

CREATE TABLE experiments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  -- The offer the rules propose; while the experiment runs, each customer sees their variant instead.
  base_offer_id TEXT NOT NULL REFERENCES offers(id),
  started_at TEXT NOT NULL,
  started_by TEXT REFERENCES people(id),
  ended_at TEXT,
  ended_by TEXT REFERENCES people(id),
  winner_offer_id TEXT REFERENCES offers(id),
  decision_note TEXT NOT NULL DEFAULT '',
  CHECK ((ended_at IS NULL) = (winner_offer_id IS NULL))
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

CREATE TABLE guidance_experiments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('apologize', 'listen', 'diagnose', 'assist', 'offer')),
  started_at TEXT NOT NULL,
  started_by TEXT REFERENCES people(id),
  ended_at TEXT,
  ended_by TEXT REFERENCES people(id),
  winner_variant_id TEXT,
  decision_note TEXT NOT NULL DEFAULT '',
  CHECK ((ended_at IS NULL) = (winner_variant_id IS NULL))
) STRICT;

CREATE TABLE guidance_variants (
  id TEXT PRIMARY KEY,
  experiment_id TEXT NOT NULL REFERENCES guidance_experiments(id),
  label TEXT NOT NULL,
  -- Empty: the stage's wording as it was when the experiment started (the playbook's, else the standard one).
  text TEXT NOT NULL,
  weight REAL NOT NULL CHECK (weight > 0),
  position INTEGER NOT NULL,
  UNIQUE (experiment_id, position)
) STRICT;

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

CREATE TABLE issue_fixes (
  issue_id TEXT PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE,
  what_changed TEXT NOT NULL,
  fixed_on TEXT NOT NULL,
  recorded_by TEXT REFERENCES people(id),
  recorded_at TEXT NOT NULL
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

CREATE TABLE offer_cells (
  period_kind TEXT NOT NULL CHECK (period_kind IN ('all', 'cycle')),
  period TEXT NOT NULL,
  segment TEXT NOT NULL,
  product TEXT NOT NULL,
  team TEXT NOT NULL,
  -- The call's primary diagnosed reason; '' for calls without one.
  reason_id TEXT NOT NULL,
  offer_id TEXT NOT NULL,
  offered INTEGER NOT NULL CHECK (offered >= 0),
  accepted INTEGER NOT NULL,
  recovered INTEGER NOT NULL,
  PRIMARY KEY (period_kind, period, reason_id, offer_id, segment, product, team)
) WITHOUT ROWID, STRICT;

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

CREATE TABLE offer_win_cells (
  period_kind TEXT NOT NULL CHECK (period_kind IN ('all', 'cycle')),
  period TEXT NOT NULL,
  offer_id TEXT NOT NULL,
  reason_id TEXT NOT NULL,
  segment TEXT NOT NULL,
  won INTEGER NOT NULL CHECK (won >= 0),
  revenue_cents INTEGER NOT NULL,
  cost_cents INTEGER NOT NULL,
  PRIMARY KEY (period_kind, period, offer_id, reason_id, segment)
) WITHOUT ROWID, STRICT;

CREATE TABLE offer_wins (
  customer_id INTEGER PRIMARY KEY,
  call_id TEXT NOT NULL,
  offer_id TEXT NOT NULL,
  reason_id TEXT,
  cycle_id TEXT,
  segment TEXT,
  won INTEGER NOT NULL CHECK (won IN (0, 1)),
  returned_on TEXT,
  relost_on TEXT,
  monthly_cents INTEGER NOT NULL,
  months_paid INTEGER NOT NULL,
  revenue_cents INTEGER NOT NULL,
  cost_cents INTEGER NOT NULL
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
, product TEXT, cost_model TEXT CHECK (cost_model IS NULL OR cost_model IN ('none', 'discount', 'free_months', 'fixed')), cost_percent REAL CHECK (cost_percent IS NULL OR (cost_percent >= 0 AND cost_percent <= 100)), cost_months INTEGER CHECK (cost_months IS NULL OR cost_months >= 0), cost_amount REAL CHECK (cost_amount IS NULL OR cost_amount >= 0)) STRICT;

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT
) STRICT;

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
  exported_at TEXT, language TEXT NOT NULL DEFAULT 'en',
  PRIMARY KEY (outreach_id, customer_id)
) STRICT;

CREATE TABLE outreach_objections (
  hub_id INTEGER PRIMARY KEY,
  external_id TEXT NOT NULL,
  message_id TEXT,
  channel TEXT NOT NULL CHECK (channel IN ('email')),
  objected_at TEXT NOT NULL,
  received_at TEXT NOT NULL
) STRICT;

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

CREATE TABLE pause_reasons (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  position INTEGER NOT NULL
) STRICT;

CREATE TABLE pauses (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id),
  reason_id TEXT NOT NULL,
  reason_label TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
) STRICT;

CREATE TABLE people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent', 'executive', 'manager')),
  created_at TEXT NOT NULL
) STRICT;

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

CREATE TABLE permission_list_values (
  value TEXT NOT NULL,
  list_id INTEGER NOT NULL REFERENCES permission_lists(id),
  PRIMARY KEY (value, list_id)
) WITHOUT ROWID, STRICT;

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

CREATE TABLE permission_outbox (
  seq INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  change TEXT NOT NULL
) STRICT;

CREATE TABLE reason_categories (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  approach TEXT NOT NULL DEFAULT '',
  recoverable INTEGER NOT NULL DEFAULT 1 CHECK (recoverable IN (0, 1)),
  sort INTEGER NOT NULL DEFAULT 0,
  retired_at TEXT
) STRICT;

CREATE TABLE reason_names (
  reason_id TEXT NOT NULL REFERENCES reasons(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  PRIMARY KEY (reason_id, language)
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

CREATE TABLE recovery_cells (
  period_kind TEXT NOT NULL CHECK (period_kind IN ('all', 'cycle')),
  period TEXT NOT NULL,
  segment TEXT NOT NULL,
  product TEXT NOT NULL,
  team TEXT NOT NULL,
  -- all: every call; caller: a person's calls; group: 'executive' or 'team'; offer: the calls it was made on.
  dim TEXT NOT NULL CHECK (dim IN ('all', 'caller', 'group', 'offer')),
  key TEXT NOT NULL,
  calls INTEGER NOT NULL CHECK (calls >= 0),
  recovered INTEGER NOT NULL,
  recovered_revenue_micros INTEGER NOT NULL,
  PRIMARY KEY (period_kind, period, segment, product, team, dim, key)
) WITHOUT ROWID, STRICT;

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

CREATE TABLE stage_guidance (
  stage TEXT PRIMARY KEY CHECK (stage IN ('apologize', 'listen', 'diagnose', 'assist', 'offer')),
  text TEXT NOT NULL CHECK (length(text) > 0),
  set_at TEXT NOT NULL,
  set_by TEXT REFERENCES people(id),
  -- The experiment whose winner this is, when one set it.
  experiment_id TEXT
) STRICT;

CREATE TABLE stated_reason_cells (
  month TEXT NOT NULL,
  cycle_id TEXT NOT NULL,
  reason_id TEXT NOT NULL,
  text TEXT NOT NULL,
  segment TEXT NOT NULL,
  product TEXT NOT NULL,
  team TEXT NOT NULL,
  departed INTEGER NOT NULL,
  revenue_micros INTEGER NOT NULL,
  calls INTEGER NOT NULL,
  recovered INTEGER NOT NULL,
  recovered_revenue_micros INTEGER NOT NULL,
  PRIMARY KEY (month, cycle_id, reason_id, text, segment, product, team)
) WITHOUT ROWID, STRICT;

CREATE TABLE value_bands (
  name TEXT PRIMARY KEY,
  min_revenue REAL NOT NULL CHECK (min_revenue >= 0),
  points REAL NOT NULL DEFAULT 0
) STRICT;

CREATE TRIGGER call_offer_answers_delete AFTER DELETE ON call_offers BEGIN
  UPDATE calls SET offer_answers = (SELECT group_concat(offer_id || char(31) || answer, char(30)) FROM (SELECT offer_id, answer FROM call_offers WHERE call_id = old.call_id ORDER BY offer_id)) WHERE id = old.call_id;
END;

CREATE TRIGGER call_offer_answers_insert AFTER INSERT ON call_offers BEGIN
  UPDATE calls SET offer_answers = (SELECT group_concat(offer_id || char(31) || answer, char(30)) FROM (SELECT offer_id, answer FROM call_offers WHERE call_id = new.call_id ORDER BY offer_id)) WHERE id = new.call_id;
END;

CREATE TRIGGER call_offer_answers_update AFTER UPDATE OF call_id, offer_id, answer ON call_offers
WHEN old.call_id IS NOT new.call_id OR old.offer_id IS NOT new.offer_id OR old.answer IS NOT new.answer
BEGIN
  UPDATE calls SET offer_answers = (SELECT group_concat(offer_id || char(31) || answer, char(30)) FROM (SELECT offer_id, answer FROM call_offers WHERE call_id = calls.id ORDER BY offer_id)) WHERE id IN (old.call_id, new.call_id);
END;

CREATE TRIGGER call_primary_reason_delete AFTER DELETE ON call_reasons WHEN old.is_primary = 1 BEGIN
  UPDATE calls SET primary_reason_id = (SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = old.call_id AND cr.is_primary = 1) WHERE id = old.call_id;
END;

CREATE TRIGGER call_primary_reason_insert AFTER INSERT ON call_reasons WHEN new.is_primary = 1 BEGIN
  UPDATE calls SET primary_reason_id = (SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = new.call_id AND cr.is_primary = 1) WHERE id = new.call_id;
END;

CREATE TRIGGER call_primary_reason_update AFTER UPDATE OF call_id, reason_id, is_primary ON call_reasons
WHEN old.is_primary = 1 OR new.is_primary = 1
BEGIN
  UPDATE calls SET primary_reason_id = (SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = calls.id AND cr.is_primary = 1) WHERE id IN (old.call_id, new.call_id);
END;

CREATE TRIGGER calls_latest_delete AFTER DELETE ON calls BEGIN
  UPDATE customers SET latest_call_outcome = (SELECT k.outcome FROM calls k WHERE k.customer_id = customers.id ORDER BY k.completed_at DESC, k.id DESC LIMIT 1), diagnosed_reason_id = (SELECT k.primary_reason_id FROM calls k WHERE k.customer_id = customers.id AND k.primary_reason_id IS NOT NULL ORDER BY k.completed_at DESC, k.id DESC LIMIT 1) WHERE id = OLD.customer_id;
END;

CREATE TRIGGER calls_latest_insert AFTER INSERT ON calls BEGIN
  UPDATE customers SET latest_call_outcome = (SELECT k.outcome FROM calls k WHERE k.customer_id = customers.id ORDER BY k.completed_at DESC, k.id DESC LIMIT 1), diagnosed_reason_id = (SELECT k.primary_reason_id FROM calls k WHERE k.customer_id = customers.id AND k.primary_reason_id IS NOT NULL ORDER BY k.completed_at DESC, k.id DESC LIMIT 1) WHERE id = NEW.customer_id;
END;

CREATE TRIGGER calls_latest_update AFTER UPDATE OF customer_id, completed_at, outcome, primary_reason_id ON calls BEGIN
  UPDATE customers SET latest_call_outcome = (SELECT k.outcome FROM calls k WHERE k.customer_id = customers.id ORDER BY k.completed_at DESC, k.id DESC LIMIT 1), diagnosed_reason_id = (SELECT k.primary_reason_id FROM calls k WHERE k.customer_id = customers.id AND k.primary_reason_id IS NOT NULL ORDER BY k.completed_at DESC, k.id DESC LIMIT 1) WHERE id = OLD.customer_id;
  UPDATE customers SET latest_call_outcome = (SELECT k.outcome FROM calls k WHERE k.customer_id = customers.id ORDER BY k.completed_at DESC, k.id DESC LIMIT 1), diagnosed_reason_id = (SELECT k.primary_reason_id FROM calls k WHERE k.customer_id = customers.id AND k.primary_reason_id IS NOT NULL ORDER BY k.completed_at DESC, k.id DESC LIMIT 1) WHERE id = NEW.customer_id;
END;

CREATE TRIGGER consents_latest_delete AFTER DELETE ON consents BEGIN
  UPDATE customers SET consent_phone = (SELECT s.answer FROM consents s WHERE s.customer_id = customers.id AND s.channel = 'phone' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1),
    consent_email = (SELECT s.answer FROM consents s WHERE s.customer_id = customers.id AND s.channel = 'email' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1), consent_post = (SELECT s.answer FROM consents s WHERE s.customer_id = customers.id AND s.channel = 'post' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1)
  WHERE id = OLD.customer_id;
END;

CREATE TRIGGER consents_latest_insert AFTER INSERT ON consents BEGIN
  UPDATE customers SET consent_phone = (SELECT s.answer FROM consents s WHERE s.customer_id = customers.id AND s.channel = 'phone' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1),
    consent_email = (SELECT s.answer FROM consents s WHERE s.customer_id = customers.id AND s.channel = 'email' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1), consent_post = (SELECT s.answer FROM consents s WHERE s.customer_id = customers.id AND s.channel = 'post' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1)
  WHERE id = NEW.customer_id;
END;

CREATE TRIGGER consents_latest_update AFTER UPDATE ON consents BEGIN
  UPDATE customers SET consent_phone = (SELECT s.answer FROM consents s WHERE s.customer_id = customers.id AND s.channel = 'phone' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1),
    consent_email = (SELECT s.answer FROM consents s WHERE s.customer_id = customers.id AND s.channel = 'email' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1), consent_post = (SELECT s.answer FROM consents s WHERE s.customer_id = customers.id AND s.channel = 'post' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1)
  WHERE id = OLD.customer_id;
  UPDATE customers SET consent_phone = (SELECT s.answer FROM consents s WHERE s.customer_id = customers.id AND s.channel = 'phone' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1),
    consent_email = (SELECT s.answer FROM consents s WHERE s.customer_id = customers.id AND s.channel = 'email' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1), consent_post = (SELECT s.answer FROM consents s WHERE s.customer_id = customers.id AND s.channel = 'post' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1)
  WHERE id = NEW.customer_id;
END;

CREATE TRIGGER customers_contact_keys_changed AFTER UPDATE OF phone, email, external_id, departed_at ON customers
WHEN NEW.phone IS NOT OLD.phone OR NEW.email IS NOT OLD.email OR NEW.external_id IS NOT OLD.external_id OR NEW.departed_at IS NOT OLD.departed_at
BEGIN
  UPDATE customers SET contact_stale = 1 WHERE id = NEW.id;
END;

CREATE TRIGGER customers_phone_key_reset AFTER UPDATE OF phone ON customers
WHEN NEW.phone IS NOT OLD.phone
BEGIN
  UPDATE customers SET phone_key = NULL WHERE id = NEW.id;
END;

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

CREATE TRIGGER effect_cells_customer_delete AFTER DELETE ON customers WHEN old.cycle_id IS NOT NULL AND (old.selected = 1 OR old.control_group = 1) BEGIN
  
  UPDATE effect_cells SET customers = customers - 1, called = called - (old.attempts > 0), returned = returned - (old.returned_on IS NOT NULL)
    WHERE old.cycle_id IS NOT NULL AND (old.selected = 1 OR old.control_group = 1) AND cycle_id = old.cycle_id AND reason_id = coalesce(old.stated_reason_id, '') AND segment = coalesce(old.segment, '') AND control = old.control_group;
  DELETE FROM effect_cells WHERE customers = 0 AND cycle_id = old.cycle_id AND reason_id = coalesce(old.stated_reason_id, '') AND segment = coalesce(old.segment, '') AND control = old.control_group;
END;

CREATE TRIGGER effect_cells_customer_insert AFTER INSERT ON customers WHEN new.cycle_id IS NOT NULL AND (new.selected = 1 OR new.control_group = 1) BEGIN
  
  INSERT INTO effect_cells (cycle_id, reason_id, segment, control, customers, called, returned)
    SELECT new.cycle_id, coalesce(new.stated_reason_id, ''), coalesce(new.segment, ''), new.control_group, 1, new.attempts > 0, new.returned_on IS NOT NULL WHERE new.cycle_id IS NOT NULL AND (new.selected = 1 OR new.control_group = 1)
    ON CONFLICT (cycle_id, reason_id, segment, control) DO UPDATE SET customers = customers + 1, called = called + excluded.called, returned = returned + excluded.returned;
END;

CREATE TRIGGER effect_cells_customer_update AFTER UPDATE OF cycle_id, selected, control_group, stated_reason_id, segment, returned_on, attempts ON customers
WHEN (old.cycle_id IS NOT NULL AND (old.selected = 1 OR old.control_group = 1) OR new.cycle_id IS NOT NULL AND (new.selected = 1 OR new.control_group = 1))
  AND ((old.cycle_id IS NOT NULL AND (old.selected = 1 OR old.control_group = 1)) IS NOT (new.cycle_id IS NOT NULL AND (new.selected = 1 OR new.control_group = 1)) OR old.cycle_id IS NOT new.cycle_id OR old.control_group IS NOT new.control_group
    OR old.stated_reason_id IS NOT new.stated_reason_id OR old.segment IS NOT new.segment
    OR (old.attempts > 0) IS NOT (new.attempts > 0) OR (old.returned_on IS NULL) IS NOT (new.returned_on IS NULL))
BEGIN
  
  UPDATE effect_cells SET customers = customers - 1, called = called - (old.attempts > 0), returned = returned - (old.returned_on IS NOT NULL)
    WHERE old.cycle_id IS NOT NULL AND (old.selected = 1 OR old.control_group = 1) AND cycle_id = old.cycle_id AND reason_id = coalesce(old.stated_reason_id, '') AND segment = coalesce(old.segment, '') AND control = old.control_group;
  DELETE FROM effect_cells WHERE customers = 0 AND cycle_id = old.cycle_id AND reason_id = coalesce(old.stated_reason_id, '') AND segment = coalesce(old.segment, '') AND control = old.control_group;
  
  INSERT INTO effect_cells (cycle_id, reason_id, segment, control, customers, called, returned)
    SELECT new.cycle_id, coalesce(new.stated_reason_id, ''), coalesce(new.segment, ''), new.control_group, 1, new.attempts > 0, new.returned_on IS NOT NULL WHERE new.cycle_id IS NOT NULL AND (new.selected = 1 OR new.control_group = 1)
    ON CONFLICT (cycle_id, reason_id, segment, control) DO UPDATE SET customers = customers + 1, called = called + excluded.called, returned = returned + excluded.returned;
END;

CREATE TRIGGER objections_block_email AFTER INSERT ON outreach_objections WHEN NEW.channel = 'email' BEGIN
  UPDATE customers SET email_blocked = 1 WHERE external_id = NEW.external_id AND email_blocked = 0;
END;

CREATE TRIGGER objections_moved AFTER UPDATE ON outreach_objections BEGIN
  UPDATE customers SET contact_stale = 1 WHERE external_id IN (OLD.external_id, NEW.external_id);
END;

CREATE TRIGGER objections_removed AFTER DELETE ON outreach_objections BEGIN
  UPDATE customers SET contact_stale = 1 WHERE external_id = OLD.external_id;
END;

CREATE TRIGGER offer_win_cells_delete AFTER DELETE ON offer_wins WHEN old.won = 1 BEGIN
  
  UPDATE offer_win_cells SET won = won - 1, revenue_cents = revenue_cents - old.revenue_cents, cost_cents = cost_cents - old.cost_cents
    WHERE old.won = 1 AND offer_id = old.offer_id AND reason_id = coalesce(old.reason_id, '') AND segment = coalesce(old.segment, '')
    AND (period_kind = 'all' OR (period_kind = 'cycle' AND period = old.cycle_id));
  DELETE FROM offer_win_cells WHERE won = 0 AND offer_id = old.offer_id AND reason_id = coalesce(old.reason_id, '') AND segment = coalesce(old.segment, '')
    AND (period_kind = 'all' OR (period_kind = 'cycle' AND period = old.cycle_id));
END;

CREATE TRIGGER offer_win_cells_insert AFTER INSERT ON offer_wins WHEN new.won = 1 BEGIN
  
  INSERT INTO offer_win_cells (period_kind, period, offer_id, reason_id, segment, won, revenue_cents, cost_cents)
    SELECT p.kind, p.period, new.offer_id, coalesce(new.reason_id, ''), coalesce(new.segment, ''), 1, new.revenue_cents, new.cost_cents
    FROM (SELECT 'all' AS kind, '' AS period UNION ALL SELECT 'cycle', new.cycle_id WHERE new.cycle_id IS NOT NULL) p WHERE new.won = 1
    ON CONFLICT (period_kind, period, offer_id, reason_id, segment) DO UPDATE SET won = won + 1, revenue_cents = revenue_cents + excluded.revenue_cents, cost_cents = cost_cents + excluded.cost_cents;
END;

CREATE TRIGGER offer_win_cells_update AFTER UPDATE ON offer_wins WHEN old.won = 1 OR new.won = 1 BEGIN
  
  UPDATE offer_win_cells SET won = won - 1, revenue_cents = revenue_cents - old.revenue_cents, cost_cents = cost_cents - old.cost_cents
    WHERE old.won = 1 AND offer_id = old.offer_id AND reason_id = coalesce(old.reason_id, '') AND segment = coalesce(old.segment, '')
    AND (period_kind = 'all' OR (period_kind = 'cycle' AND period = old.cycle_id));
  DELETE FROM offer_win_cells WHERE won = 0 AND offer_id = old.offer_id AND reason_id = coalesce(old.reason_id, '') AND segment = coalesce(old.segment, '')
    AND (period_kind = 'all' OR (period_kind = 'cycle' AND period = old.cycle_id));
  
  INSERT INTO offer_win_cells (period_kind, period, offer_id, reason_id, segment, won, revenue_cents, cost_cents)
    SELECT p.kind, p.period, new.offer_id, coalesce(new.reason_id, ''), coalesce(new.segment, ''), 1, new.revenue_cents, new.cost_cents
    FROM (SELECT 'all' AS kind, '' AS period UNION ALL SELECT 'cycle', new.cycle_id WHERE new.cycle_id IS NOT NULL) p WHERE new.won = 1
    ON CONFLICT (period_kind, period, offer_id, reason_id, segment) DO UPDATE SET won = won + 1, revenue_cents = revenue_cents + excluded.revenue_cents, cost_cents = cost_cents + excluded.cost_cents;
END;

CREATE TRIGGER offer_wins_call_delete AFTER DELETE ON calls WHEN EXISTS (SELECT 1 FROM offer_wins WHERE customer_id = old.customer_id) BEGIN
  DELETE FROM offer_wins WHERE customer_id = old.customer_id;
  INSERT INTO offer_wins SELECT * FROM offer_win_facts WHERE customer_id = old.customer_id;
END;

CREATE TRIGGER offer_wins_call_update AFTER UPDATE OF customer_id, cycle_id, completed_at, outcome, primary_reason_id ON calls
WHEN (old.customer_id IS NOT new.customer_id OR old.cycle_id IS NOT new.cycle_id OR old.completed_at IS NOT new.completed_at
      OR old.outcome IS NOT new.outcome OR old.primary_reason_id IS NOT new.primary_reason_id)
  AND EXISTS (SELECT 1 FROM call_offers WHERE call_id = new.id AND answer = 'accepted')
BEGIN
  DELETE FROM offer_wins WHERE customer_id = old.customer_id;
  INSERT INTO offer_wins SELECT * FROM offer_win_facts WHERE customer_id = old.customer_id;
  DELETE FROM offer_wins WHERE customer_id = new.customer_id;
  INSERT INTO offer_wins SELECT * FROM offer_win_facts WHERE customer_id = new.customer_id;
END;

CREATE TRIGGER offer_wins_care_delete AFTER DELETE ON care_enrolments WHEN old.status = 'relost' BEGIN
  DELETE FROM offer_wins WHERE customer_id = old.customer_id;
  INSERT INTO offer_wins SELECT * FROM offer_win_facts WHERE customer_id = old.customer_id;
END;

CREATE TRIGGER offer_wins_care_insert AFTER INSERT ON care_enrolments
WHEN new.status = 'relost' AND EXISTS (SELECT 1 FROM offer_wins WHERE customer_id = new.customer_id)
BEGIN
  DELETE FROM offer_wins WHERE customer_id = new.customer_id;
  INSERT INTO offer_wins SELECT * FROM offer_win_facts WHERE customer_id = new.customer_id;
END;

CREATE TRIGGER offer_wins_care_update AFTER UPDATE OF customer_id, status, relost_on ON care_enrolments
WHEN (old.status = 'relost' OR new.status = 'relost')
  AND (old.customer_id IS NOT new.customer_id OR old.status IS NOT new.status OR old.relost_on IS NOT new.relost_on)
BEGIN
  DELETE FROM offer_wins WHERE customer_id = old.customer_id;
  INSERT INTO offer_wins SELECT * FROM offer_win_facts WHERE customer_id = old.customer_id;
  DELETE FROM offer_wins WHERE customer_id = new.customer_id;
  INSERT INTO offer_wins SELECT * FROM offer_win_facts WHERE customer_id = new.customer_id;
END;

CREATE TRIGGER offer_wins_cost_update AFTER UPDATE OF type, percent, duration_months, cost_model, cost_percent, cost_months, cost_amount ON offers
BEGIN
  UPDATE offer_wins SET (call_id, offer_id, reason_id, cycle_id, segment, won, returned_on, relost_on, monthly_cents, months_paid, revenue_cents, cost_cents) =
    (SELECT f.call_id, f.offer_id, f.reason_id, f.cycle_id, f.segment, f.won, f.returned_on, f.relost_on, f.monthly_cents, f.months_paid, f.revenue_cents, f.cost_cents
     FROM offer_win_facts f WHERE f.customer_id = offer_wins.customer_id)
  WHERE offer_id = new.id;
END;

CREATE TRIGGER offer_wins_customer_delete AFTER DELETE ON customers BEGIN
  DELETE FROM offer_wins WHERE customer_id = old.id;
END;

CREATE TRIGGER offer_wins_customer_update AFTER UPDATE OF returned_on, returned_revenue, monthly_revenue, segment, cycle_id ON customers
WHEN (old.returned_on IS NOT new.returned_on OR old.returned_revenue IS NOT new.returned_revenue OR old.monthly_revenue IS NOT new.monthly_revenue
      OR old.segment IS NOT new.segment OR old.cycle_id IS NOT new.cycle_id)
  AND EXISTS (SELECT 1 FROM offer_wins WHERE customer_id = new.id)
BEGIN
  DELETE FROM offer_wins WHERE customer_id = new.id;
  INSERT INTO offer_wins SELECT * FROM offer_win_facts WHERE customer_id = new.id;
END;

CREATE TRIGGER offer_wins_offer_delete AFTER DELETE ON call_offers WHEN old.answer = 'accepted' BEGIN
  DELETE FROM offer_wins WHERE customer_id = (SELECT customer_id FROM calls WHERE id = old.call_id);
  INSERT INTO offer_wins SELECT * FROM offer_win_facts WHERE customer_id = (SELECT customer_id FROM calls WHERE id = old.call_id);
END;

CREATE TRIGGER offer_wins_offer_insert AFTER INSERT ON call_offers WHEN new.answer = 'accepted' BEGIN
  DELETE FROM offer_wins WHERE customer_id = (SELECT customer_id FROM calls WHERE id = new.call_id);
  INSERT INTO offer_wins SELECT * FROM offer_win_facts WHERE customer_id = (SELECT customer_id FROM calls WHERE id = new.call_id);
END;

CREATE TRIGGER offer_wins_offer_update AFTER UPDATE OF call_id, offer_id, answer ON call_offers
WHEN (old.answer = 'accepted' OR new.answer = 'accepted') AND (old.call_id IS NOT new.call_id OR old.offer_id IS NOT new.offer_id OR old.answer IS NOT new.answer)
BEGIN
  DELETE FROM offer_wins WHERE customer_id = (SELECT customer_id FROM calls WHERE id = old.call_id);
  INSERT INTO offer_wins SELECT * FROM offer_win_facts WHERE customer_id = (SELECT customer_id FROM calls WHERE id = old.call_id);
  DELETE FROM offer_wins WHERE customer_id = (SELECT customer_id FROM calls WHERE id = new.call_id);
  INSERT INTO offer_wins SELECT * FROM offer_win_facts WHERE customer_id = (SELECT customer_id FROM calls WHERE id = new.call_id);
END;

CREATE TRIGGER report_call_chains_delete AFTER DELETE ON call_facts
WHEN old.reason_id IS NOT NULL AND EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id AND g.reason_id IS NOT NULL)
BEGIN
  
  UPDATE call_facts SET (reason_prev_day, reason_prev_recovered_day, reason_cycle_prev_day, reason_cycle_prev_recovered_day, diagnosed_prev_day, diagnosed_prev_recovered_day) = (SELECT w.reason_prev_day, w.reason_prev_recovered_day, w.reason_cycle_prev_day, w.reason_cycle_prev_recovered_day, w.diagnosed_prev_day, w.diagnosed_prev_recovered_day
      FROM (
    SELECT call_id,
      max(day) OVER by_reason AS reason_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason AS reason_prev_recovered_day,
      max(day) OVER by_reason_cycle AS reason_cycle_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason_cycle AS reason_cycle_prev_recovered_day,
      max(day) OVER diagnosed AS diagnosed_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER diagnosed AS diagnosed_prev_recovered_day
    FROM call_facts WHERE reason_id IS NOT NULL AND customer_id = old.customer_id
    WINDOW by_reason AS (PARTITION BY reason_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      by_reason_cycle AS (PARTITION BY reason_id, cycle_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      diagnosed AS (ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) w WHERE w.call_id = call_facts.call_id)
    WHERE call_id IN (SELECT w.call_id FROM (
    SELECT call_id,
      max(day) OVER by_reason AS reason_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason AS reason_prev_recovered_day,
      max(day) OVER by_reason_cycle AS reason_cycle_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason_cycle AS reason_cycle_prev_recovered_day,
      max(day) OVER diagnosed AS diagnosed_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER diagnosed AS diagnosed_prev_recovered_day
    FROM call_facts WHERE reason_id IS NOT NULL AND customer_id = old.customer_id
    WINDOW by_reason AS (PARTITION BY reason_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      by_reason_cycle AS (PARTITION BY reason_id, cycle_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      diagnosed AS (ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) w JOIN call_facts f ON f.call_id = w.call_id WHERE f.reason_prev_day IS NOT w.reason_prev_day OR f.reason_prev_recovered_day IS NOT w.reason_prev_recovered_day OR f.reason_cycle_prev_day IS NOT w.reason_cycle_prev_day OR f.reason_cycle_prev_recovered_day IS NOT w.reason_cycle_prev_recovered_day OR f.diagnosed_prev_day IS NOT w.diagnosed_prev_day OR f.diagnosed_prev_recovered_day IS NOT w.diagnosed_prev_recovered_day);
END;

CREATE TRIGGER report_call_chains_insert AFTER INSERT ON call_facts
WHEN new.reason_id IS NOT NULL AND EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = new.customer_id AND g.call_id <> new.call_id AND g.reason_id IS NOT NULL)
BEGIN
  
  UPDATE call_facts SET (reason_prev_day, reason_prev_recovered_day, reason_cycle_prev_day, reason_cycle_prev_recovered_day, diagnosed_prev_day, diagnosed_prev_recovered_day) = (SELECT w.reason_prev_day, w.reason_prev_recovered_day, w.reason_cycle_prev_day, w.reason_cycle_prev_recovered_day, w.diagnosed_prev_day, w.diagnosed_prev_recovered_day
      FROM (
    SELECT call_id,
      max(day) OVER by_reason AS reason_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason AS reason_prev_recovered_day,
      max(day) OVER by_reason_cycle AS reason_cycle_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason_cycle AS reason_cycle_prev_recovered_day,
      max(day) OVER diagnosed AS diagnosed_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER diagnosed AS diagnosed_prev_recovered_day
    FROM call_facts WHERE reason_id IS NOT NULL AND customer_id = new.customer_id
    WINDOW by_reason AS (PARTITION BY reason_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      by_reason_cycle AS (PARTITION BY reason_id, cycle_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      diagnosed AS (ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) w WHERE w.call_id = call_facts.call_id)
    WHERE call_id IN (SELECT w.call_id FROM (
    SELECT call_id,
      max(day) OVER by_reason AS reason_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason AS reason_prev_recovered_day,
      max(day) OVER by_reason_cycle AS reason_cycle_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason_cycle AS reason_cycle_prev_recovered_day,
      max(day) OVER diagnosed AS diagnosed_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER diagnosed AS diagnosed_prev_recovered_day
    FROM call_facts WHERE reason_id IS NOT NULL AND customer_id = new.customer_id
    WINDOW by_reason AS (PARTITION BY reason_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      by_reason_cycle AS (PARTITION BY reason_id, cycle_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      diagnosed AS (ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) w JOIN call_facts f ON f.call_id = w.call_id WHERE f.reason_prev_day IS NOT w.reason_prev_day OR f.reason_prev_recovered_day IS NOT w.reason_prev_recovered_day OR f.reason_cycle_prev_day IS NOT w.reason_cycle_prev_day OR f.reason_cycle_prev_recovered_day IS NOT w.reason_cycle_prev_recovered_day OR f.diagnosed_prev_day IS NOT w.diagnosed_prev_day OR f.diagnosed_prev_recovered_day IS NOT w.diagnosed_prev_recovered_day);
END;

CREATE TRIGGER report_call_chains_move AFTER UPDATE OF customer_id ON call_facts WHEN old.customer_id IS NOT new.customer_id BEGIN
  
  UPDATE call_facts SET reason_prev_day = NULL, reason_prev_recovered_day = NULL, reason_cycle_prev_day = NULL, reason_cycle_prev_recovered_day = NULL, diagnosed_prev_day = NULL, diagnosed_prev_recovered_day = NULL
    WHERE call_id = new.call_id AND new.reason_id IS NULL AND coalesce(reason_prev_day, reason_prev_recovered_day, reason_cycle_prev_day, reason_cycle_prev_recovered_day, diagnosed_prev_day, diagnosed_prev_recovered_day) IS NOT NULL;
  
  UPDATE call_facts SET (reason_prev_day, reason_prev_recovered_day, reason_cycle_prev_day, reason_cycle_prev_recovered_day, diagnosed_prev_day, diagnosed_prev_recovered_day) = (SELECT w.reason_prev_day, w.reason_prev_recovered_day, w.reason_cycle_prev_day, w.reason_cycle_prev_recovered_day, w.diagnosed_prev_day, w.diagnosed_prev_recovered_day
      FROM (
    SELECT call_id,
      max(day) OVER by_reason AS reason_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason AS reason_prev_recovered_day,
      max(day) OVER by_reason_cycle AS reason_cycle_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason_cycle AS reason_cycle_prev_recovered_day,
      max(day) OVER diagnosed AS diagnosed_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER diagnosed AS diagnosed_prev_recovered_day
    FROM call_facts WHERE reason_id IS NOT NULL AND customer_id = old.customer_id
    WINDOW by_reason AS (PARTITION BY reason_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      by_reason_cycle AS (PARTITION BY reason_id, cycle_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      diagnosed AS (ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) w WHERE w.call_id = call_facts.call_id)
    WHERE call_id IN (SELECT w.call_id FROM (
    SELECT call_id,
      max(day) OVER by_reason AS reason_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason AS reason_prev_recovered_day,
      max(day) OVER by_reason_cycle AS reason_cycle_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason_cycle AS reason_cycle_prev_recovered_day,
      max(day) OVER diagnosed AS diagnosed_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER diagnosed AS diagnosed_prev_recovered_day
    FROM call_facts WHERE reason_id IS NOT NULL AND customer_id = old.customer_id
    WINDOW by_reason AS (PARTITION BY reason_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      by_reason_cycle AS (PARTITION BY reason_id, cycle_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      diagnosed AS (ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) w JOIN call_facts f ON f.call_id = w.call_id WHERE f.reason_prev_day IS NOT w.reason_prev_day OR f.reason_prev_recovered_day IS NOT w.reason_prev_recovered_day OR f.reason_cycle_prev_day IS NOT w.reason_cycle_prev_day OR f.reason_cycle_prev_recovered_day IS NOT w.reason_cycle_prev_recovered_day OR f.diagnosed_prev_day IS NOT w.diagnosed_prev_day OR f.diagnosed_prev_recovered_day IS NOT w.diagnosed_prev_recovered_day);
  
  UPDATE call_facts SET (reason_prev_day, reason_prev_recovered_day, reason_cycle_prev_day, reason_cycle_prev_recovered_day, diagnosed_prev_day, diagnosed_prev_recovered_day) = (SELECT w.reason_prev_day, w.reason_prev_recovered_day, w.reason_cycle_prev_day, w.reason_cycle_prev_recovered_day, w.diagnosed_prev_day, w.diagnosed_prev_recovered_day
      FROM (
    SELECT call_id,
      max(day) OVER by_reason AS reason_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason AS reason_prev_recovered_day,
      max(day) OVER by_reason_cycle AS reason_cycle_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason_cycle AS reason_cycle_prev_recovered_day,
      max(day) OVER diagnosed AS diagnosed_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER diagnosed AS diagnosed_prev_recovered_day
    FROM call_facts WHERE reason_id IS NOT NULL AND customer_id = new.customer_id
    WINDOW by_reason AS (PARTITION BY reason_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      by_reason_cycle AS (PARTITION BY reason_id, cycle_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      diagnosed AS (ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) w WHERE w.call_id = call_facts.call_id)
    WHERE call_id IN (SELECT w.call_id FROM (
    SELECT call_id,
      max(day) OVER by_reason AS reason_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason AS reason_prev_recovered_day,
      max(day) OVER by_reason_cycle AS reason_cycle_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason_cycle AS reason_cycle_prev_recovered_day,
      max(day) OVER diagnosed AS diagnosed_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER diagnosed AS diagnosed_prev_recovered_day
    FROM call_facts WHERE reason_id IS NOT NULL AND customer_id = new.customer_id
    WINDOW by_reason AS (PARTITION BY reason_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      by_reason_cycle AS (PARTITION BY reason_id, cycle_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      diagnosed AS (ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) w JOIN call_facts f ON f.call_id = w.call_id WHERE f.reason_prev_day IS NOT w.reason_prev_day OR f.reason_prev_recovered_day IS NOT w.reason_prev_recovered_day OR f.reason_cycle_prev_day IS NOT w.reason_cycle_prev_day OR f.reason_cycle_prev_recovered_day IS NOT w.reason_cycle_prev_recovered_day OR f.diagnosed_prev_day IS NOT w.diagnosed_prev_day OR f.diagnosed_prev_recovered_day IS NOT w.diagnosed_prev_recovered_day);
END;

CREATE TRIGGER report_call_chains_update AFTER UPDATE OF call_id, day, cycle_id, outcome, reason_id ON call_facts
WHEN old.customer_id IS new.customer_id AND EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = new.customer_id AND g.call_id <> new.call_id AND g.reason_id IS NOT NULL) AND (old.call_id IS NOT new.call_id OR old.day IS NOT new.day
  OR old.cycle_id IS NOT new.cycle_id OR old.outcome IS NOT new.outcome OR old.reason_id IS NOT new.reason_id)
BEGIN
  
  UPDATE call_facts SET reason_prev_day = NULL, reason_prev_recovered_day = NULL, reason_cycle_prev_day = NULL, reason_cycle_prev_recovered_day = NULL, diagnosed_prev_day = NULL, diagnosed_prev_recovered_day = NULL
    WHERE call_id = new.call_id AND new.reason_id IS NULL AND coalesce(reason_prev_day, reason_prev_recovered_day, reason_cycle_prev_day, reason_cycle_prev_recovered_day, diagnosed_prev_day, diagnosed_prev_recovered_day) IS NOT NULL;
  
  UPDATE call_facts SET (reason_prev_day, reason_prev_recovered_day, reason_cycle_prev_day, reason_cycle_prev_recovered_day, diagnosed_prev_day, diagnosed_prev_recovered_day) = (SELECT w.reason_prev_day, w.reason_prev_recovered_day, w.reason_cycle_prev_day, w.reason_cycle_prev_recovered_day, w.diagnosed_prev_day, w.diagnosed_prev_recovered_day
      FROM (
    SELECT call_id,
      max(day) OVER by_reason AS reason_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason AS reason_prev_recovered_day,
      max(day) OVER by_reason_cycle AS reason_cycle_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason_cycle AS reason_cycle_prev_recovered_day,
      max(day) OVER diagnosed AS diagnosed_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER diagnosed AS diagnosed_prev_recovered_day
    FROM call_facts WHERE reason_id IS NOT NULL AND customer_id = new.customer_id
    WINDOW by_reason AS (PARTITION BY reason_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      by_reason_cycle AS (PARTITION BY reason_id, cycle_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      diagnosed AS (ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) w WHERE w.call_id = call_facts.call_id)
    WHERE call_id IN (SELECT w.call_id FROM (
    SELECT call_id,
      max(day) OVER by_reason AS reason_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason AS reason_prev_recovered_day,
      max(day) OVER by_reason_cycle AS reason_cycle_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER by_reason_cycle AS reason_cycle_prev_recovered_day,
      max(day) OVER diagnosed AS diagnosed_prev_day,
      max(CASE WHEN outcome = 'recovered' THEN day ELSE NULL END) OVER diagnosed AS diagnosed_prev_recovered_day
    FROM call_facts WHERE reason_id IS NOT NULL AND customer_id = new.customer_id
    WINDOW by_reason AS (PARTITION BY reason_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      by_reason_cycle AS (PARTITION BY reason_id, cycle_id ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      diagnosed AS (ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) w JOIN call_facts f ON f.call_id = w.call_id WHERE f.reason_prev_day IS NOT w.reason_prev_day OR f.reason_prev_recovered_day IS NOT w.reason_prev_recovered_day OR f.reason_cycle_prev_day IS NOT w.reason_cycle_prev_day OR f.reason_cycle_prev_recovered_day IS NOT w.reason_cycle_prev_recovered_day OR f.diagnosed_prev_day IS NOT w.diagnosed_prev_day OR f.diagnosed_prev_recovered_day IS NOT w.diagnosed_prev_recovered_day);
END;

CREATE TRIGGER report_call_delete AFTER DELETE ON calls BEGIN
  DELETE FROM call_facts WHERE call_id = old.id;
END;

CREATE TRIGGER report_call_facts_delete AFTER DELETE ON call_facts BEGIN
  UPDATE customer_facts SET calls = calls - 1, recovered = recovered - (old.outcome = 'recovered') WHERE customer_id = old.customer_id;
  
  DELETE FROM diagnosed_customer_counts
    WHERE old.reason_id IS NOT NULL AND customer_id = old.customer_id AND calls = 1
      AND (period_kind, period, reason_id) IN (
    SELECT 'all' AS period_kind, '' AS period, old.reason_id AS reason_id
    UNION ALL SELECT 'month', coalesce(old.month, ''), old.reason_id
    UNION ALL SELECT 'cycle', coalesce(old.cycle_id, ''), old.reason_id
    UNION ALL SELECT 'all', '', ''
    UNION ALL SELECT 'cycle', coalesce(old.cycle_id, ''), '');
  UPDATE diagnosed_customer_counts SET calls = calls - 1, recovered = recovered - (old.outcome = 'recovered')
    WHERE old.reason_id IS NOT NULL AND customer_id = old.customer_id
      AND (period_kind, period, reason_id) IN (
    SELECT 'all' AS period_kind, '' AS period, old.reason_id AS reason_id
    UNION ALL SELECT 'month', coalesce(old.month, ''), old.reason_id
    UNION ALL SELECT 'cycle', coalesce(old.cycle_id, ''), old.reason_id
    UNION ALL SELECT 'all', '', ''
    UNION ALL SELECT 'cycle', coalesce(old.cycle_id, ''), '');
END;

CREATE TRIGGER report_call_facts_insert AFTER INSERT ON call_facts BEGIN
  UPDATE customer_facts SET calls = calls + 1, recovered = recovered + (new.outcome = 'recovered') WHERE customer_id = new.customer_id;
  
  INSERT INTO diagnosed_customer_counts (customer_id, period_kind, period, reason_id, calls, recovered)
    SELECT new.customer_id, k.period_kind, k.period, k.reason_id, 1, new.outcome = 'recovered' FROM (
    SELECT 'all' AS period_kind, '' AS period, new.reason_id AS reason_id
    UNION ALL SELECT 'month', coalesce(new.month, ''), new.reason_id
    UNION ALL SELECT 'cycle', coalesce(new.cycle_id, ''), new.reason_id
    UNION ALL SELECT 'all', '', ''
    UNION ALL SELECT 'cycle', coalesce(new.cycle_id, ''), '') k
    WHERE new.reason_id IS NOT NULL
    ON CONFLICT (customer_id, period_kind, period, reason_id) DO UPDATE SET calls = calls + 1, recovered = recovered + excluded.recovered;
END;

CREATE TRIGGER report_call_facts_update AFTER UPDATE OF customer_id, month, cycle_id, outcome, reason_id ON call_facts
WHEN old.customer_id IS NOT new.customer_id OR old.month IS NOT new.month OR old.cycle_id IS NOT new.cycle_id
  OR old.outcome IS NOT new.outcome OR old.reason_id IS NOT new.reason_id
BEGIN
  UPDATE customer_facts SET calls = calls - 1, recovered = recovered - (old.outcome = 'recovered')
    WHERE customer_id = old.customer_id AND (old.customer_id IS NOT new.customer_id OR old.outcome IS NOT new.outcome);
  UPDATE customer_facts SET calls = calls + 1, recovered = recovered + (new.outcome = 'recovered')
    WHERE customer_id = new.customer_id AND (old.customer_id IS NOT new.customer_id OR old.outcome IS NOT new.outcome);
  
  DELETE FROM diagnosed_customer_counts
    WHERE old.reason_id IS NOT NULL AND customer_id = old.customer_id AND calls = 1
      AND (period_kind, period, reason_id) IN (
    SELECT 'all' AS period_kind, '' AS period, old.reason_id AS reason_id
    UNION ALL SELECT 'month', coalesce(old.month, ''), old.reason_id
    UNION ALL SELECT 'cycle', coalesce(old.cycle_id, ''), old.reason_id
    UNION ALL SELECT 'all', '', ''
    UNION ALL SELECT 'cycle', coalesce(old.cycle_id, ''), '');
  UPDATE diagnosed_customer_counts SET calls = calls - 1, recovered = recovered - (old.outcome = 'recovered')
    WHERE old.reason_id IS NOT NULL AND customer_id = old.customer_id
      AND (period_kind, period, reason_id) IN (
    SELECT 'all' AS period_kind, '' AS period, old.reason_id AS reason_id
    UNION ALL SELECT 'month', coalesce(old.month, ''), old.reason_id
    UNION ALL SELECT 'cycle', coalesce(old.cycle_id, ''), old.reason_id
    UNION ALL SELECT 'all', '', ''
    UNION ALL SELECT 'cycle', coalesce(old.cycle_id, ''), '');
  
  INSERT INTO diagnosed_customer_counts (customer_id, period_kind, period, reason_id, calls, recovered)
    SELECT new.customer_id, k.period_kind, k.period, k.reason_id, 1, new.outcome = 'recovered' FROM (
    SELECT 'all' AS period_kind, '' AS period, new.reason_id AS reason_id
    UNION ALL SELECT 'month', coalesce(new.month, ''), new.reason_id
    UNION ALL SELECT 'cycle', coalesce(new.cycle_id, ''), new.reason_id
    UNION ALL SELECT 'all', '', ''
    UNION ALL SELECT 'cycle', coalesce(new.cycle_id, ''), '') k
    WHERE new.reason_id IS NOT NULL
    ON CONFLICT (customer_id, period_kind, period, reason_id) DO UPDATE SET calls = calls + 1, recovered = recovered + excluded.recovered;
END;

CREATE TRIGGER report_call_insert AFTER INSERT ON calls BEGIN
  INSERT INTO call_facts (call_id, customer_id, day, month, cycle_id, caller_id, caller_role, outcome, reason_id, revenue_micros,
      segment, product, team, stated_reason_id)
    SELECT new.id, new.customer_id, substr(new.completed_at, 1, 10), nullif(substr(new.completed_at, 1, 7), ''), coalesce(new.cycle_id, cf.cycle_id),
      new.caller_id, new.caller_role, new.outcome,
      (SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = new.id AND cr.is_primary = 1),
      cf.revenue_micros, cf.segment, cf.product, cf.team, cf.stated_reason_id
    FROM customer_facts cf WHERE cf.customer_id = new.customer_id;
END;

CREATE TRIGGER report_call_reason_delete AFTER DELETE ON call_reasons WHEN old.is_primary = 1 BEGIN
  UPDATE call_facts SET reason_id = (SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = old.call_id AND cr.is_primary = 1)
    WHERE call_id = old.call_id;
END;

CREATE TRIGGER report_call_reason_insert AFTER INSERT ON call_reasons WHEN new.is_primary = 1 BEGIN
  UPDATE call_facts SET reason_id = (SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = new.call_id AND cr.is_primary = 1)
    WHERE call_id = new.call_id;
END;

CREATE TRIGGER report_call_reason_update AFTER UPDATE OF call_id, reason_id, is_primary ON call_reasons
WHEN old.is_primary = 1 OR new.is_primary = 1 BEGIN
  UPDATE call_facts SET reason_id = (SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = call_facts.call_id AND cr.is_primary = 1)
    WHERE call_id IN (old.call_id, new.call_id);
END;

CREATE TRIGGER report_call_update AFTER UPDATE OF id, customer_id, caller_id, caller_role, cycle_id, completed_at, outcome ON calls
WHEN old.id IS NOT new.id OR old.customer_id IS NOT new.customer_id OR old.caller_id IS NOT new.caller_id
  OR old.caller_role IS NOT new.caller_role OR old.cycle_id IS NOT new.cycle_id OR old.completed_at IS NOT new.completed_at
  OR old.outcome IS NOT new.outcome
BEGIN
  DELETE FROM call_facts WHERE call_id = old.id;
  INSERT INTO call_facts (call_id, customer_id, day, month, cycle_id, caller_id, caller_role, outcome, reason_id, revenue_micros,
      segment, product, team, stated_reason_id)
    SELECT new.id, new.customer_id, substr(new.completed_at, 1, 10), nullif(substr(new.completed_at, 1, 7), ''), coalesce(new.cycle_id, cf.cycle_id),
      new.caller_id, new.caller_role, new.outcome,
      (SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = new.id AND cr.is_primary = 1),
      cf.revenue_micros, cf.segment, cf.product, cf.team, cf.stated_reason_id
    FROM customer_facts cf WHERE cf.customer_id = new.customer_id;
END;

CREATE TRIGGER report_customer_delete AFTER DELETE ON customers BEGIN
  DELETE FROM call_facts WHERE customer_id = old.id;
  DELETE FROM customer_facts WHERE customer_id = old.id;
END;

CREATE TRIGGER report_customer_facts_delete AFTER DELETE ON customer_facts BEGIN
  
  UPDATE stated_reason_cells SET departed = departed - 1, revenue_micros = revenue_micros - old.revenue_micros,
      calls = calls - old.calls, recovered = recovered - old.recovered,
      recovered_revenue_micros = recovered_revenue_micros - CASE WHEN old.recovered > 0 THEN old.revenue_micros ELSE 0 END
    WHERE month = coalesce(old.month, '') AND cycle_id = coalesce(old.cycle_id, '') AND reason_id = coalesce(old.stated_reason_id, '')
    AND text = coalesce(old.stated_text, '') AND segment = coalesce(old.segment, '') AND product = coalesce(old.product, '')
    AND team = coalesce(old.team, '');
  DELETE FROM stated_reason_cells WHERE month = coalesce(old.month, '') AND cycle_id = coalesce(old.cycle_id, '') AND reason_id = coalesce(old.stated_reason_id, '')
    AND text = coalesce(old.stated_text, '') AND segment = coalesce(old.segment, '') AND product = coalesce(old.product, '')
    AND team = coalesce(old.team, '') AND departed = 0;
END;

CREATE TRIGGER report_customer_facts_diagnosed_move AFTER UPDATE OF revenue_micros, segment, product, team ON customer_facts
WHEN old.revenue_micros IS NOT new.revenue_micros OR old.segment IS NOT new.segment OR old.product IS NOT new.product OR old.team IS NOT new.team
BEGIN
  UPDATE diagnosed_reason_cells SET (departed, revenue_micros, calls, recovered, recovered_revenue_micros) = (SELECT diagnosed_reason_cells.departed - 1,
        diagnosed_reason_cells.revenue_micros - old.revenue_micros,
        diagnosed_reason_cells.calls - d.calls,
        diagnosed_reason_cells.recovered - d.recovered,
        diagnosed_reason_cells.recovered_revenue_micros - CASE WHEN d.recovered > 0 THEN old.revenue_micros ELSE 0 END
      FROM diagnosed_customer_counts d WHERE d.customer_id = old.customer_id AND diagnosed_reason_cells.period_kind = d.period_kind
        AND diagnosed_reason_cells.period = d.period
        AND diagnosed_reason_cells.reason_id = d.reason_id
        AND diagnosed_reason_cells.segment = coalesce(old.segment, '')
        AND diagnosed_reason_cells.product = coalesce(old.product, '')
        AND diagnosed_reason_cells.team = coalesce(old.team, ''))
    WHERE (period_kind, period, reason_id, segment, product, team) IN (SELECT d.period_kind, d.period, d.reason_id, coalesce(old.segment, ''), coalesce(old.product, ''), coalesce(old.team, '') FROM diagnosed_customer_counts d WHERE d.customer_id = old.customer_id);
  DELETE FROM diagnosed_reason_cells
    WHERE departed = 0 AND segment = coalesce(old.segment, '') AND product = coalesce(old.product, '') AND team = coalesce(old.team, '')
      AND (period_kind, period, reason_id) IN (SELECT period_kind, period, reason_id FROM diagnosed_customer_counts WHERE customer_id = old.customer_id);
  INSERT INTO diagnosed_reason_cells (period_kind, period, reason_id, segment, product, team, departed, revenue_micros, calls, recovered, recovered_revenue_micros)
    SELECT d.period_kind, d.period, d.reason_id, coalesce(new.segment, ''), coalesce(new.product, ''), coalesce(new.team, ''),
      1, new.revenue_micros, d.calls, d.recovered, CASE WHEN d.recovered > 0 THEN new.revenue_micros ELSE 0 END
    FROM diagnosed_customer_counts d WHERE d.customer_id = new.customer_id
    ON CONFLICT (period_kind, period, reason_id, segment, product, team) DO UPDATE SET departed = departed + excluded.departed, revenue_micros = revenue_micros + excluded.revenue_micros,
    calls = calls + excluded.calls, recovered = recovered + excluded.recovered,
    recovered_revenue_micros = recovered_revenue_micros + excluded.recovered_revenue_micros;
END;

CREATE TRIGGER report_customer_facts_insert AFTER INSERT ON customer_facts
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'reports.factsDeferred')
BEGIN
  
  INSERT INTO stated_reason_cells (month, cycle_id, reason_id, text, segment, product, team, departed, revenue_micros, calls, recovered, recovered_revenue_micros)
    VALUES (coalesce(new.month, ''), coalesce(new.cycle_id, ''), coalesce(new.stated_reason_id, ''), coalesce(new.stated_text, ''),
    coalesce(new.segment, ''), coalesce(new.product, ''), coalesce(new.team, ''), 1, new.revenue_micros, new.calls, new.recovered, CASE WHEN new.recovered > 0 THEN new.revenue_micros ELSE 0 END)
    ON CONFLICT (month, cycle_id, reason_id, text, segment, product, team) DO UPDATE SET departed = departed + excluded.departed, revenue_micros = revenue_micros + excluded.revenue_micros,
    calls = calls + excluded.calls, recovered = recovered + excluded.recovered,
    recovered_revenue_micros = recovered_revenue_micros + excluded.recovered_revenue_micros;
END;

CREATE TRIGGER report_customer_facts_stated_move
AFTER UPDATE OF month, cycle_id, stated_reason_id, stated_text, segment, product, team ON customer_facts
WHEN old.month IS NOT new.month OR old.cycle_id IS NOT new.cycle_id OR old.stated_reason_id IS NOT new.stated_reason_id
    OR old.stated_text IS NOT new.stated_text OR old.segment IS NOT new.segment OR old.product IS NOT new.product OR old.team IS NOT new.team
BEGIN
  
  UPDATE stated_reason_cells SET departed = departed - 1, revenue_micros = revenue_micros - old.revenue_micros,
      calls = calls - old.calls, recovered = recovered - old.recovered,
      recovered_revenue_micros = recovered_revenue_micros - CASE WHEN old.recovered > 0 THEN old.revenue_micros ELSE 0 END
    WHERE month = coalesce(old.month, '') AND cycle_id = coalesce(old.cycle_id, '') AND reason_id = coalesce(old.stated_reason_id, '')
    AND text = coalesce(old.stated_text, '') AND segment = coalesce(old.segment, '') AND product = coalesce(old.product, '')
    AND team = coalesce(old.team, '');
  DELETE FROM stated_reason_cells WHERE month = coalesce(old.month, '') AND cycle_id = coalesce(old.cycle_id, '') AND reason_id = coalesce(old.stated_reason_id, '')
    AND text = coalesce(old.stated_text, '') AND segment = coalesce(old.segment, '') AND product = coalesce(old.product, '')
    AND team = coalesce(old.team, '') AND departed = 0;
  
  INSERT INTO stated_reason_cells (month, cycle_id, reason_id, text, segment, product, team, departed, revenue_micros, calls, recovered, recovered_revenue_micros)
    VALUES (coalesce(new.month, ''), coalesce(new.cycle_id, ''), coalesce(new.stated_reason_id, ''), coalesce(new.stated_text, ''),
    coalesce(new.segment, ''), coalesce(new.product, ''), coalesce(new.team, ''), 1, new.revenue_micros, new.calls, new.recovered, CASE WHEN new.recovered > 0 THEN new.revenue_micros ELSE 0 END)
    ON CONFLICT (month, cycle_id, reason_id, text, segment, product, team) DO UPDATE SET departed = departed + excluded.departed, revenue_micros = revenue_micros + excluded.revenue_micros,
    calls = calls + excluded.calls, recovered = recovered + excluded.recovered,
    recovered_revenue_micros = recovered_revenue_micros + excluded.recovered_revenue_micros;
END;

CREATE TRIGGER report_customer_facts_stated_sums AFTER UPDATE OF revenue_micros, calls, recovered ON customer_facts
WHEN NOT (old.month IS NOT new.month OR old.cycle_id IS NOT new.cycle_id OR old.stated_reason_id IS NOT new.stated_reason_id
    OR old.stated_text IS NOT new.stated_text OR old.segment IS NOT new.segment OR old.product IS NOT new.product OR old.team IS NOT new.team)
  AND (old.revenue_micros IS NOT new.revenue_micros OR old.calls IS NOT new.calls OR old.recovered IS NOT new.recovered)
BEGIN
  UPDATE stated_reason_cells SET revenue_micros = revenue_micros + new.revenue_micros - old.revenue_micros,
      calls = calls + new.calls - old.calls, recovered = recovered + new.recovered - old.recovered,
      recovered_revenue_micros = recovered_revenue_micros + CASE WHEN new.recovered > 0 THEN new.revenue_micros ELSE 0 END - CASE WHEN old.recovered > 0 THEN old.revenue_micros ELSE 0 END
    WHERE month = coalesce(new.month, '') AND cycle_id = coalesce(new.cycle_id, '') AND reason_id = coalesce(new.stated_reason_id, '')
    AND text = coalesce(new.stated_text, '') AND segment = coalesce(new.segment, '') AND product = coalesce(new.product, '')
    AND team = coalesce(new.team, '');
END;

CREATE TRIGGER report_customer_insert AFTER INSERT ON customers
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'reports.factsDeferred')
BEGIN
  INSERT INTO customer_facts (customer_id, revenue_micros, segment, product, team, departed_at, month, cycle_id, stated_reason_id,
      stated_text, calls, recovered)
    VALUES (new.id, CAST(round(coalesce(new.monthly_revenue, 0) * 1000000) AS INTEGER), new.segment, new.product, new.frontline_team, new.departed_at,
      nullif(substr(new.departed_at, 1, 7), ''), new.cycle_id, new.stated_reason_id, CASE WHEN new.stated_reason_id IS NULL THEN nullif(trim(new.stated_reason_text), '') END, 0, 0);
END;

CREATE TRIGGER report_customer_update
AFTER UPDATE OF monthly_revenue, segment, product, frontline_team, departed_at, cycle_id, stated_reason_id, stated_reason_text ON customers
WHEN old.monthly_revenue IS NOT new.monthly_revenue OR old.segment IS NOT new.segment OR old.product IS NOT new.product
  OR old.frontline_team IS NOT new.frontline_team OR old.departed_at IS NOT new.departed_at OR old.cycle_id IS NOT new.cycle_id
  OR old.stated_reason_id IS NOT new.stated_reason_id OR old.stated_reason_text IS NOT new.stated_reason_text
BEGIN
  UPDATE customer_facts SET revenue_micros = CAST(round(coalesce(new.monthly_revenue, 0) * 1000000) AS INTEGER), segment = new.segment, product = new.product,
      team = new.frontline_team, departed_at = new.departed_at, month = nullif(substr(new.departed_at, 1, 7), ''), cycle_id = new.cycle_id,
      stated_reason_id = new.stated_reason_id, stated_text = CASE WHEN new.stated_reason_id IS NULL THEN nullif(trim(new.stated_reason_text), '') END
    WHERE customer_id = new.id;
  UPDATE call_facts SET revenue_micros = CAST(round(coalesce(new.monthly_revenue, 0) * 1000000) AS INTEGER), segment = new.segment, product = new.product,
      team = new.frontline_team, stated_reason_id = new.stated_reason_id,
      cycle_id = coalesce((SELECT k.cycle_id FROM calls k WHERE k.id = call_facts.call_id), new.cycle_id)
    WHERE customer_id = new.id AND (old.monthly_revenue IS NOT new.monthly_revenue OR old.segment IS NOT new.segment
      OR old.product IS NOT new.product OR old.frontline_team IS NOT new.frontline_team OR old.cycle_id IS NOT new.cycle_id
      OR old.stated_reason_id IS NOT new.stated_reason_id);
END;

CREATE TRIGGER report_diagnosed_count_delete AFTER DELETE ON diagnosed_customer_counts BEGIN
  UPDATE diagnosed_reason_cells SET (departed, revenue_micros, calls, recovered, recovered_revenue_micros) = (SELECT diagnosed_reason_cells.departed - 1,
        diagnosed_reason_cells.revenue_micros - cf.revenue_micros,
        diagnosed_reason_cells.calls - old.calls,
        diagnosed_reason_cells.recovered - old.recovered,
        diagnosed_reason_cells.recovered_revenue_micros - CASE WHEN old.recovered > 0 THEN cf.revenue_micros ELSE 0 END
      FROM customer_facts cf WHERE cf.customer_id = old.customer_id AND diagnosed_reason_cells.period_kind = old.period_kind
        AND diagnosed_reason_cells.period = old.period
        AND diagnosed_reason_cells.reason_id = old.reason_id
        AND diagnosed_reason_cells.segment = coalesce(cf.segment, '')
        AND diagnosed_reason_cells.product = coalesce(cf.product, '')
        AND diagnosed_reason_cells.team = coalesce(cf.team, ''))
    WHERE (period_kind, period, reason_id, segment, product, team) IN (SELECT old.period_kind, old.period, old.reason_id, coalesce(cf.segment, ''), coalesce(cf.product, ''), coalesce(cf.team, '') FROM customer_facts cf WHERE cf.customer_id = old.customer_id);
  DELETE FROM diagnosed_reason_cells WHERE period_kind = old.period_kind AND period = old.period AND reason_id = old.reason_id AND departed = 0;
END;

CREATE TRIGGER report_diagnosed_count_insert AFTER INSERT ON diagnosed_customer_counts BEGIN
  INSERT INTO diagnosed_reason_cells (period_kind, period, reason_id, segment, product, team, departed, revenue_micros, calls, recovered, recovered_revenue_micros)
    SELECT new.period_kind, new.period, new.reason_id, coalesce(cf.segment, ''), coalesce(cf.product, ''), coalesce(cf.team, ''),
      1, cf.revenue_micros, new.calls, new.recovered, CASE WHEN new.recovered > 0 THEN cf.revenue_micros ELSE 0 END
    FROM customer_facts cf WHERE cf.customer_id = new.customer_id
    ON CONFLICT (period_kind, period, reason_id, segment, product, team) DO UPDATE SET departed = departed + excluded.departed, revenue_micros = revenue_micros + excluded.revenue_micros,
    calls = calls + excluded.calls, recovered = recovered + excluded.recovered,
    recovered_revenue_micros = recovered_revenue_micros + excluded.recovered_revenue_micros;
END;

CREATE TRIGGER report_diagnosed_count_update AFTER UPDATE OF calls, recovered ON diagnosed_customer_counts BEGIN
  UPDATE diagnosed_reason_cells SET (calls, recovered, recovered_revenue_micros) = (SELECT diagnosed_reason_cells.calls + new.calls - old.calls,
        diagnosed_reason_cells.recovered + new.recovered - old.recovered,
        diagnosed_reason_cells.recovered_revenue_micros + ((new.recovered > 0) - (old.recovered > 0)) * cf.revenue_micros
      FROM customer_facts cf WHERE cf.customer_id = new.customer_id AND diagnosed_reason_cells.period_kind = new.period_kind
        AND diagnosed_reason_cells.period = new.period
        AND diagnosed_reason_cells.reason_id = new.reason_id
        AND diagnosed_reason_cells.segment = coalesce(cf.segment, '')
        AND diagnosed_reason_cells.product = coalesce(cf.product, '')
        AND diagnosed_reason_cells.team = coalesce(cf.team, ''))
    WHERE (period_kind, period, reason_id, segment, product, team) IN (SELECT new.period_kind, new.period, new.reason_id, coalesce(cf.segment, ''), coalesce(cf.product, ''), coalesce(cf.team, '') FROM customer_facts cf WHERE cf.customer_id = new.customer_id);
END;

CREATE TRIGGER report_recovery_call_delete AFTER DELETE ON call_facts BEGIN
  
  UPDATE recovery_cells SET (calls, recovered, recovered_revenue_micros) = (SELECT recovery_cells.calls - 1,
        recovery_cells.recovered - (k.outcome = 'recovered'),
        recovery_cells.recovered_revenue_micros - CASE WHEN k.outcome = 'recovered' AND NOT (k.won_before AND EXISTS (SELECT 1 FROM call_facts g
    WHERE g.customer_id = k.customer_id AND g.call_id <> k.call_id AND g.outcome = 'recovered' AND g.revenue_micros = k.revenue_micros
      AND coalesce(g.segment, '') = k.segment AND coalesce(g.product, '') = k.product AND coalesce(g.team, '') = k.team
      AND (k.period_kind = 'all' OR coalesce(g.cycle_id, '') = k.period)
      AND CASE k.dim WHEN 'all' THEN 1 WHEN 'caller' THEN g.caller_id = k.key WHEN 'group' THEN CASE WHEN g.caller_role = 'executive' THEN 'executive' ELSE 'team' END = k.key
        ELSE EXISTS (SELECT 1 FROM call_offers go WHERE go.call_id = g.call_id AND go.offer_id = k.key AND go.answer <> 'not_offered') END)) THEN k.revenue_micros ELSE 0 END
      FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, dn.dim AS dim, CASE dn.dim WHEN 'caller' THEN old.caller_id WHEN 'group' THEN CASE WHEN old.caller_role = 'executive' THEN 'executive' ELSE 'team' END ELSE '' END AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, (SELECT 'all' AS dim UNION ALL SELECT 'caller' UNION ALL SELECT 'group') dn WHERE 1) k WHERE 1 AND recovery_cells.period_kind = k.period_kind
        AND recovery_cells.period = k.period
        AND recovery_cells.segment = k.segment
        AND recovery_cells.product = k.product
        AND recovery_cells.team = k.team
        AND recovery_cells.dim = k.dim
        AND recovery_cells.key = k.key)
    WHERE (period_kind, period, segment, product, team, dim, key) IN (SELECT k.period_kind, k.period, k.segment, k.product, k.team, k.dim, k.key FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, dn.dim AS dim, CASE dn.dim WHEN 'caller' THEN old.caller_id WHEN 'group' THEN CASE WHEN old.caller_role = 'executive' THEN 'executive' ELSE 'team' END ELSE '' END AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, (SELECT 'all' AS dim UNION ALL SELECT 'caller' UNION ALL SELECT 'group') dn WHERE 1) k WHERE 1);
  DELETE FROM recovery_cells WHERE calls = 0 AND (period_kind, period, segment, product, team, dim, key) IN (SELECT period_kind, period, segment, product, team, dim, key FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, dn.dim AS dim, CASE dn.dim WHEN 'caller' THEN old.caller_id WHEN 'group' THEN CASE WHEN old.caller_role = 'executive' THEN 'executive' ELSE 'team' END ELSE '' END AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, (SELECT 'all' AS dim UNION ALL SELECT 'caller' UNION ALL SELECT 'group') dn WHERE 1) k);
END;

CREATE TRIGGER report_recovery_call_delete_diagnosed AFTER DELETE ON call_facts WHEN old.reason_id IS NOT NULL BEGIN
  
  UPDATE agreement_cells SET calls = calls - 1 WHERE (period_kind, period, segment, product, team, stated_reason_id, reason_id) IN (SELECT period_kind, period, segment, product, team, stated_reason_id, reason_id FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.stated_reason_id, '') AS stated_reason_id, old.reason_id AS reason_id
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE old.reason_id IS NOT NULL) k);
  DELETE FROM agreement_cells WHERE calls = 0 AND (period_kind, period, segment, product, team, stated_reason_id, reason_id) IN (SELECT period_kind, period, segment, product, team, stated_reason_id, reason_id FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.stated_reason_id, '') AS stated_reason_id, old.reason_id AS reason_id
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE old.reason_id IS NOT NULL) k);
END;

CREATE TRIGGER report_recovery_call_delete_offers AFTER DELETE ON call_facts WHEN EXISTS (SELECT 1 FROM call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') BEGIN
  
  UPDATE recovery_cells SET (calls, recovered, recovered_revenue_micros) = (SELECT recovery_cells.calls - 1,
        recovery_cells.recovered - (k.outcome = 'recovered'),
        recovery_cells.recovered_revenue_micros - CASE WHEN k.outcome = 'recovered' AND NOT (k.won_before AND EXISTS (SELECT 1 FROM call_facts g
    WHERE g.customer_id = k.customer_id AND g.call_id <> k.call_id AND g.outcome = 'recovered' AND g.revenue_micros = k.revenue_micros
      AND coalesce(g.segment, '') = k.segment AND coalesce(g.product, '') = k.product AND coalesce(g.team, '') = k.team
      AND (k.period_kind = 'all' OR coalesce(g.cycle_id, '') = k.period)
      AND CASE k.dim WHEN 'all' THEN 1 WHEN 'caller' THEN g.caller_id = k.key WHEN 'group' THEN CASE WHEN g.caller_role = 'executive' THEN 'executive' ELSE 'team' END = k.key
        ELSE EXISTS (SELECT 1 FROM call_offers go WHERE go.call_id = g.call_id AND go.offer_id = k.key AND go.answer <> 'not_offered') END)) THEN k.revenue_micros ELSE 0 END
      FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, o.offer_id AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k WHERE 1 AND recovery_cells.period_kind = k.period_kind
        AND recovery_cells.period = k.period
        AND recovery_cells.segment = k.segment
        AND recovery_cells.product = k.product
        AND recovery_cells.team = k.team
        AND recovery_cells.dim = k.dim
        AND recovery_cells.key = k.key)
    WHERE (period_kind, period, segment, product, team, dim, key) IN (SELECT k.period_kind, k.period, k.segment, k.product, k.team, k.dim, k.key FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, o.offer_id AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k WHERE 1);
  DELETE FROM recovery_cells WHERE calls = 0 AND (period_kind, period, segment, product, team, dim, key) IN (SELECT period_kind, period, segment, product, team, dim, key FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, o.offer_id AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k);
  
  UPDATE offer_cells SET (offered, accepted, recovered) = (SELECT offer_cells.offered - 1,
        offer_cells.accepted - k.accepted,
        offer_cells.recovered - (k.outcome = 'recovered')
      FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.reason_id, '') AS reason_id, o.offer_id AS offer_id, o.answer = 'accepted' AS accepted
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k WHERE 1 AND offer_cells.period_kind = k.period_kind
        AND offer_cells.period = k.period
        AND offer_cells.reason_id = k.reason_id
        AND offer_cells.offer_id = k.offer_id
        AND offer_cells.segment = k.segment
        AND offer_cells.product = k.product
        AND offer_cells.team = k.team)
    WHERE (period_kind, period, reason_id, offer_id, segment, product, team) IN (SELECT k.period_kind, k.period, k.reason_id, k.offer_id, k.segment, k.product, k.team FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.reason_id, '') AS reason_id, o.offer_id AS offer_id, o.answer = 'accepted' AS accepted
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k WHERE 1);
  DELETE FROM offer_cells WHERE offered = 0 AND (period_kind, period, segment, product, team, reason_id, offer_id) IN (SELECT period_kind, period, segment, product, team, reason_id, offer_id FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.reason_id, '') AS reason_id, o.offer_id AS offer_id, o.answer = 'accepted' AS accepted
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k);
END;

CREATE TRIGGER report_recovery_call_diagnose AFTER UPDATE OF reason_id ON call_facts
WHEN new.reason_id IS NOT NULL AND old.reason_id IS NOT new.reason_id AND old.call_id IS new.call_id AND old.customer_id IS new.customer_id AND old.cycle_id IS new.cycle_id AND old.caller_id IS new.caller_id AND old.caller_role IS new.caller_role AND old.outcome IS new.outcome AND old.revenue_micros IS new.revenue_micros AND old.segment IS new.segment AND old.product IS new.product AND old.team IS new.team AND old.stated_reason_id IS new.stated_reason_id
BEGIN
  
  INSERT INTO agreement_cells (period_kind, period, segment, product, team, stated_reason_id, reason_id, calls) SELECT period_kind, period, segment, product, team, stated_reason_id, reason_id, 1 FROM (SELECT new.call_id AS call_id, new.customer_id AS customer_id, new.outcome AS outcome,
      new.revenue_micros AS revenue_micros, coalesce(new.segment, '') AS segment, coalesce(new.product, '') AS product,
      coalesce(new.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(new.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = new.customer_id AND g.call_id <> new.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(new.stated_reason_id, '') AS stated_reason_id, new.reason_id AS reason_id
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE new.reason_id IS NOT NULL) k WHERE 1
    ON CONFLICT (period_kind, period, stated_reason_id, reason_id, segment, product, team) DO UPDATE SET calls = calls + 1;
END;

CREATE TRIGGER report_recovery_call_insert AFTER INSERT ON call_facts BEGIN
  
  INSERT INTO recovery_cells (period_kind, period, segment, product, team, dim, key, calls, recovered, recovered_revenue_micros)
    SELECT period_kind, period, segment, product, team, dim, key, 1, outcome = 'recovered', CASE WHEN k.outcome = 'recovered' AND NOT (k.won_before AND EXISTS (SELECT 1 FROM call_facts g
    WHERE g.customer_id = k.customer_id AND g.call_id <> k.call_id AND g.outcome = 'recovered' AND g.revenue_micros = k.revenue_micros
      AND coalesce(g.segment, '') = k.segment AND coalesce(g.product, '') = k.product AND coalesce(g.team, '') = k.team
      AND (k.period_kind = 'all' OR coalesce(g.cycle_id, '') = k.period)
      AND CASE k.dim WHEN 'all' THEN 1 WHEN 'caller' THEN g.caller_id = k.key WHEN 'group' THEN CASE WHEN g.caller_role = 'executive' THEN 'executive' ELSE 'team' END = k.key
        ELSE EXISTS (SELECT 1 FROM call_offers go WHERE go.call_id = g.call_id AND go.offer_id = k.key AND go.answer <> 'not_offered') END)) THEN k.revenue_micros ELSE 0 END FROM (SELECT new.call_id AS call_id, new.customer_id AS customer_id, new.outcome AS outcome,
      new.revenue_micros AS revenue_micros, coalesce(new.segment, '') AS segment, coalesce(new.product, '') AS product,
      coalesce(new.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(new.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = new.customer_id AND g.call_id <> new.call_id
        AND g.outcome = 'recovered') AS won_before, dn.dim AS dim, CASE dn.dim WHEN 'caller' THEN new.caller_id WHEN 'group' THEN CASE WHEN new.caller_role = 'executive' THEN 'executive' ELSE 'team' END ELSE '' END AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, (SELECT 'all' AS dim UNION ALL SELECT 'caller' UNION ALL SELECT 'group') dn WHERE 1) k WHERE 1
    ON CONFLICT (period_kind, period, segment, product, team, dim, key) DO UPDATE SET calls = calls + excluded.calls, recovered = recovered + excluded.recovered,
      recovered_revenue_micros = recovered_revenue_micros + excluded.recovered_revenue_micros;
END;

CREATE TRIGGER report_recovery_call_insert_diagnosed AFTER INSERT ON call_facts WHEN new.reason_id IS NOT NULL BEGIN
  
  INSERT INTO agreement_cells (period_kind, period, segment, product, team, stated_reason_id, reason_id, calls) SELECT period_kind, period, segment, product, team, stated_reason_id, reason_id, 1 FROM (SELECT new.call_id AS call_id, new.customer_id AS customer_id, new.outcome AS outcome,
      new.revenue_micros AS revenue_micros, coalesce(new.segment, '') AS segment, coalesce(new.product, '') AS product,
      coalesce(new.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(new.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = new.customer_id AND g.call_id <> new.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(new.stated_reason_id, '') AS stated_reason_id, new.reason_id AS reason_id
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE new.reason_id IS NOT NULL) k WHERE 1
    ON CONFLICT (period_kind, period, stated_reason_id, reason_id, segment, product, team) DO UPDATE SET calls = calls + 1;
END;

CREATE TRIGGER report_recovery_call_insert_offers AFTER INSERT ON call_facts WHEN EXISTS (SELECT 1 FROM call_offers o WHERE o.call_id = new.call_id AND o.answer <> 'not_offered') BEGIN
  
  UPDATE call_facts SET offers_made = (SELECT CASE WHEN count(*) > 0 THEN json_group_array(json_array(offer_id, answer)) END FROM (SELECT offer_id, answer FROM call_offers WHERE call_id = new.call_id AND answer <> 'not_offered' ORDER BY offer_id)) WHERE call_id = new.call_id AND offers_made IS NOT (SELECT CASE WHEN count(*) > 0 THEN json_group_array(json_array(offer_id, answer)) END FROM (SELECT offer_id, answer FROM call_offers WHERE call_id = new.call_id AND answer <> 'not_offered' ORDER BY offer_id));
  
  INSERT INTO recovery_cells (period_kind, period, segment, product, team, dim, key, calls, recovered, recovered_revenue_micros)
    SELECT period_kind, period, segment, product, team, dim, key, 1, outcome = 'recovered', CASE WHEN k.outcome = 'recovered' AND NOT (k.won_before AND EXISTS (SELECT 1 FROM call_facts g
    WHERE g.customer_id = k.customer_id AND g.call_id <> k.call_id AND g.outcome = 'recovered' AND g.revenue_micros = k.revenue_micros
      AND coalesce(g.segment, '') = k.segment AND coalesce(g.product, '') = k.product AND coalesce(g.team, '') = k.team
      AND (k.period_kind = 'all' OR coalesce(g.cycle_id, '') = k.period)
      AND CASE k.dim WHEN 'all' THEN 1 WHEN 'caller' THEN g.caller_id = k.key WHEN 'group' THEN CASE WHEN g.caller_role = 'executive' THEN 'executive' ELSE 'team' END = k.key
        ELSE EXISTS (SELECT 1 FROM call_offers go WHERE go.call_id = g.call_id AND go.offer_id = k.key AND go.answer <> 'not_offered') END)) THEN k.revenue_micros ELSE 0 END FROM (SELECT new.call_id AS call_id, new.customer_id AS customer_id, new.outcome AS outcome,
      new.revenue_micros AS revenue_micros, coalesce(new.segment, '') AS segment, coalesce(new.product, '') AS product,
      coalesce(new.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(new.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = new.customer_id AND g.call_id <> new.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, o.offer_id AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = new.call_id AND o.answer <> 'not_offered') k WHERE 1
    ON CONFLICT (period_kind, period, segment, product, team, dim, key) DO UPDATE SET calls = calls + excluded.calls, recovered = recovered + excluded.recovered,
      recovered_revenue_micros = recovered_revenue_micros + excluded.recovered_revenue_micros;
  
  INSERT INTO offer_cells (period_kind, period, segment, product, team, reason_id, offer_id, offered, accepted, recovered)
    SELECT period_kind, period, segment, product, team, reason_id, offer_id, 1, accepted, outcome = 'recovered' FROM (SELECT new.call_id AS call_id, new.customer_id AS customer_id, new.outcome AS outcome,
      new.revenue_micros AS revenue_micros, coalesce(new.segment, '') AS segment, coalesce(new.product, '') AS product,
      coalesce(new.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(new.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = new.customer_id AND g.call_id <> new.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(new.reason_id, '') AS reason_id, o.offer_id AS offer_id, o.answer = 'accepted' AS accepted
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = new.call_id AND o.answer <> 'not_offered') k WHERE 1
    ON CONFLICT (period_kind, period, reason_id, offer_id, segment, product, team) DO UPDATE SET offered = offered + 1, accepted = accepted + excluded.accepted, recovered = recovered + excluded.recovered;
END;

CREATE TRIGGER report_recovery_call_reason_offers AFTER UPDATE OF reason_id ON call_facts
WHEN old.reason_id IS NOT new.reason_id AND old.call_id IS new.call_id AND old.customer_id IS new.customer_id AND old.cycle_id IS new.cycle_id AND old.caller_id IS new.caller_id AND old.caller_role IS new.caller_role AND old.outcome IS new.outcome AND old.revenue_micros IS new.revenue_micros AND old.segment IS new.segment AND old.product IS new.product AND old.team IS new.team AND old.stated_reason_id IS new.stated_reason_id AND EXISTS (SELECT 1 FROM call_offers o WHERE o.call_id = new.call_id AND o.answer <> 'not_offered')
BEGIN
  
  UPDATE offer_cells SET (offered, accepted, recovered) = (SELECT offer_cells.offered - 1,
        offer_cells.accepted - k.accepted,
        offer_cells.recovered - (k.outcome = 'recovered')
      FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.reason_id, '') AS reason_id, o.offer_id AS offer_id, o.answer = 'accepted' AS accepted
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k WHERE 1 AND offer_cells.period_kind = k.period_kind
        AND offer_cells.period = k.period
        AND offer_cells.reason_id = k.reason_id
        AND offer_cells.offer_id = k.offer_id
        AND offer_cells.segment = k.segment
        AND offer_cells.product = k.product
        AND offer_cells.team = k.team)
    WHERE (period_kind, period, reason_id, offer_id, segment, product, team) IN (SELECT k.period_kind, k.period, k.reason_id, k.offer_id, k.segment, k.product, k.team FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.reason_id, '') AS reason_id, o.offer_id AS offer_id, o.answer = 'accepted' AS accepted
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k WHERE 1);
  DELETE FROM offer_cells WHERE offered = 0 AND (period_kind, period, segment, product, team, reason_id, offer_id) IN (SELECT period_kind, period, segment, product, team, reason_id, offer_id FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.reason_id, '') AS reason_id, o.offer_id AS offer_id, o.answer = 'accepted' AS accepted
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k);
  
  INSERT INTO offer_cells (period_kind, period, segment, product, team, reason_id, offer_id, offered, accepted, recovered)
    SELECT period_kind, period, segment, product, team, reason_id, offer_id, 1, accepted, outcome = 'recovered' FROM (SELECT new.call_id AS call_id, new.customer_id AS customer_id, new.outcome AS outcome,
      new.revenue_micros AS revenue_micros, coalesce(new.segment, '') AS segment, coalesce(new.product, '') AS product,
      coalesce(new.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(new.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = new.customer_id AND g.call_id <> new.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(new.reason_id, '') AS reason_id, o.offer_id AS offer_id, o.answer = 'accepted' AS accepted
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = new.call_id AND o.answer <> 'not_offered') k WHERE 1
    ON CONFLICT (period_kind, period, reason_id, offer_id, segment, product, team) DO UPDATE SET offered = offered + 1, accepted = accepted + excluded.accepted, recovered = recovered + excluded.recovered;
END;

CREATE TRIGGER report_recovery_call_undiagnose AFTER UPDATE OF reason_id ON call_facts
WHEN old.reason_id IS NOT NULL AND old.reason_id IS NOT new.reason_id AND old.call_id IS new.call_id AND old.customer_id IS new.customer_id AND old.cycle_id IS new.cycle_id AND old.caller_id IS new.caller_id AND old.caller_role IS new.caller_role AND old.outcome IS new.outcome AND old.revenue_micros IS new.revenue_micros AND old.segment IS new.segment AND old.product IS new.product AND old.team IS new.team AND old.stated_reason_id IS new.stated_reason_id
BEGIN
  
  UPDATE agreement_cells SET calls = calls - 1 WHERE (period_kind, period, segment, product, team, stated_reason_id, reason_id) IN (SELECT period_kind, period, segment, product, team, stated_reason_id, reason_id FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.stated_reason_id, '') AS stated_reason_id, old.reason_id AS reason_id
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE old.reason_id IS NOT NULL) k);
  DELETE FROM agreement_cells WHERE calls = 0 AND (period_kind, period, segment, product, team, stated_reason_id, reason_id) IN (SELECT period_kind, period, segment, product, team, stated_reason_id, reason_id FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.stated_reason_id, '') AS stated_reason_id, old.reason_id AS reason_id
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE old.reason_id IS NOT NULL) k);
END;

CREATE TRIGGER report_recovery_call_update AFTER UPDATE OF call_id, customer_id, cycle_id, caller_id, caller_role, outcome, reason_id, revenue_micros, segment, product, team, stated_reason_id ON call_facts
WHEN NOT (old.call_id IS new.call_id AND old.customer_id IS new.customer_id AND old.cycle_id IS new.cycle_id AND old.caller_id IS new.caller_id AND old.caller_role IS new.caller_role AND old.outcome IS new.outcome AND old.revenue_micros IS new.revenue_micros AND old.segment IS new.segment AND old.product IS new.product AND old.team IS new.team AND old.stated_reason_id IS new.stated_reason_id)
BEGIN
  
  UPDATE recovery_cells SET (calls, recovered, recovered_revenue_micros) = (SELECT recovery_cells.calls - 1,
        recovery_cells.recovered - (k.outcome = 'recovered'),
        recovery_cells.recovered_revenue_micros - CASE WHEN k.outcome = 'recovered' AND NOT (k.won_before AND EXISTS (SELECT 1 FROM call_facts g
    WHERE g.customer_id = k.customer_id AND g.call_id <> k.call_id AND g.outcome = 'recovered' AND g.revenue_micros = k.revenue_micros
      AND coalesce(g.segment, '') = k.segment AND coalesce(g.product, '') = k.product AND coalesce(g.team, '') = k.team
      AND (k.period_kind = 'all' OR coalesce(g.cycle_id, '') = k.period)
      AND CASE k.dim WHEN 'all' THEN 1 WHEN 'caller' THEN g.caller_id = k.key WHEN 'group' THEN CASE WHEN g.caller_role = 'executive' THEN 'executive' ELSE 'team' END = k.key
        ELSE EXISTS (SELECT 1 FROM call_offers go WHERE go.call_id = g.call_id AND go.offer_id = k.key AND go.answer <> 'not_offered') END)) THEN k.revenue_micros ELSE 0 END
      FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, dn.dim AS dim, CASE dn.dim WHEN 'caller' THEN old.caller_id WHEN 'group' THEN CASE WHEN old.caller_role = 'executive' THEN 'executive' ELSE 'team' END ELSE '' END AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, (SELECT 'all' AS dim UNION ALL SELECT 'caller' UNION ALL SELECT 'group') dn WHERE 1) k WHERE 1 AND recovery_cells.period_kind = k.period_kind
        AND recovery_cells.period = k.period
        AND recovery_cells.segment = k.segment
        AND recovery_cells.product = k.product
        AND recovery_cells.team = k.team
        AND recovery_cells.dim = k.dim
        AND recovery_cells.key = k.key)
    WHERE (period_kind, period, segment, product, team, dim, key) IN (SELECT k.period_kind, k.period, k.segment, k.product, k.team, k.dim, k.key FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, dn.dim AS dim, CASE dn.dim WHEN 'caller' THEN old.caller_id WHEN 'group' THEN CASE WHEN old.caller_role = 'executive' THEN 'executive' ELSE 'team' END ELSE '' END AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, (SELECT 'all' AS dim UNION ALL SELECT 'caller' UNION ALL SELECT 'group') dn WHERE 1) k WHERE 1);
  DELETE FROM recovery_cells WHERE calls = 0 AND (period_kind, period, segment, product, team, dim, key) IN (SELECT period_kind, period, segment, product, team, dim, key FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, dn.dim AS dim, CASE dn.dim WHEN 'caller' THEN old.caller_id WHEN 'group' THEN CASE WHEN old.caller_role = 'executive' THEN 'executive' ELSE 'team' END ELSE '' END AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, (SELECT 'all' AS dim UNION ALL SELECT 'caller' UNION ALL SELECT 'group') dn WHERE 1) k);
  
  UPDATE recovery_cells SET (calls, recovered, recovered_revenue_micros) = (SELECT recovery_cells.calls - 1,
        recovery_cells.recovered - (k.outcome = 'recovered'),
        recovery_cells.recovered_revenue_micros - CASE WHEN k.outcome = 'recovered' AND NOT (k.won_before AND EXISTS (SELECT 1 FROM call_facts g
    WHERE g.customer_id = k.customer_id AND g.call_id <> k.call_id AND g.outcome = 'recovered' AND g.revenue_micros = k.revenue_micros
      AND coalesce(g.segment, '') = k.segment AND coalesce(g.product, '') = k.product AND coalesce(g.team, '') = k.team
      AND (k.period_kind = 'all' OR coalesce(g.cycle_id, '') = k.period)
      AND CASE k.dim WHEN 'all' THEN 1 WHEN 'caller' THEN g.caller_id = k.key WHEN 'group' THEN CASE WHEN g.caller_role = 'executive' THEN 'executive' ELSE 'team' END = k.key
        ELSE EXISTS (SELECT 1 FROM call_offers go WHERE go.call_id = g.call_id AND go.offer_id = k.key AND go.answer <> 'not_offered') END)) THEN k.revenue_micros ELSE 0 END
      FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, o.offer_id AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k WHERE 1 AND recovery_cells.period_kind = k.period_kind
        AND recovery_cells.period = k.period
        AND recovery_cells.segment = k.segment
        AND recovery_cells.product = k.product
        AND recovery_cells.team = k.team
        AND recovery_cells.dim = k.dim
        AND recovery_cells.key = k.key)
    WHERE (period_kind, period, segment, product, team, dim, key) IN (SELECT k.period_kind, k.period, k.segment, k.product, k.team, k.dim, k.key FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, o.offer_id AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k WHERE 1);
  DELETE FROM recovery_cells WHERE calls = 0 AND (period_kind, period, segment, product, team, dim, key) IN (SELECT period_kind, period, segment, product, team, dim, key FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, o.offer_id AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k);
  
  UPDATE offer_cells SET (offered, accepted, recovered) = (SELECT offer_cells.offered - 1,
        offer_cells.accepted - k.accepted,
        offer_cells.recovered - (k.outcome = 'recovered')
      FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.reason_id, '') AS reason_id, o.offer_id AS offer_id, o.answer = 'accepted' AS accepted
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k WHERE 1 AND offer_cells.period_kind = k.period_kind
        AND offer_cells.period = k.period
        AND offer_cells.reason_id = k.reason_id
        AND offer_cells.offer_id = k.offer_id
        AND offer_cells.segment = k.segment
        AND offer_cells.product = k.product
        AND offer_cells.team = k.team)
    WHERE (period_kind, period, reason_id, offer_id, segment, product, team) IN (SELECT k.period_kind, k.period, k.reason_id, k.offer_id, k.segment, k.product, k.team FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.reason_id, '') AS reason_id, o.offer_id AS offer_id, o.answer = 'accepted' AS accepted
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k WHERE 1);
  DELETE FROM offer_cells WHERE offered = 0 AND (period_kind, period, segment, product, team, reason_id, offer_id) IN (SELECT period_kind, period, segment, product, team, reason_id, offer_id FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.reason_id, '') AS reason_id, o.offer_id AS offer_id, o.answer = 'accepted' AS accepted
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = old.call_id AND o.answer <> 'not_offered') k);
  
  UPDATE agreement_cells SET calls = calls - 1 WHERE (period_kind, period, segment, product, team, stated_reason_id, reason_id) IN (SELECT period_kind, period, segment, product, team, stated_reason_id, reason_id FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.stated_reason_id, '') AS stated_reason_id, old.reason_id AS reason_id
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE old.reason_id IS NOT NULL) k);
  DELETE FROM agreement_cells WHERE calls = 0 AND (period_kind, period, segment, product, team, stated_reason_id, reason_id) IN (SELECT period_kind, period, segment, product, team, stated_reason_id, reason_id FROM (SELECT old.call_id AS call_id, old.customer_id AS customer_id, old.outcome AS outcome,
      old.revenue_micros AS revenue_micros, coalesce(old.segment, '') AS segment, coalesce(old.product, '') AS product,
      coalesce(old.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(old.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = old.customer_id AND g.call_id <> old.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(old.stated_reason_id, '') AS stated_reason_id, old.reason_id AS reason_id
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE old.reason_id IS NOT NULL) k);
  
  INSERT INTO recovery_cells (period_kind, period, segment, product, team, dim, key, calls, recovered, recovered_revenue_micros)
    SELECT period_kind, period, segment, product, team, dim, key, 1, outcome = 'recovered', CASE WHEN k.outcome = 'recovered' AND NOT (k.won_before AND EXISTS (SELECT 1 FROM call_facts g
    WHERE g.customer_id = k.customer_id AND g.call_id <> k.call_id AND g.outcome = 'recovered' AND g.revenue_micros = k.revenue_micros
      AND coalesce(g.segment, '') = k.segment AND coalesce(g.product, '') = k.product AND coalesce(g.team, '') = k.team
      AND (k.period_kind = 'all' OR coalesce(g.cycle_id, '') = k.period)
      AND CASE k.dim WHEN 'all' THEN 1 WHEN 'caller' THEN g.caller_id = k.key WHEN 'group' THEN CASE WHEN g.caller_role = 'executive' THEN 'executive' ELSE 'team' END = k.key
        ELSE EXISTS (SELECT 1 FROM call_offers go WHERE go.call_id = g.call_id AND go.offer_id = k.key AND go.answer <> 'not_offered') END)) THEN k.revenue_micros ELSE 0 END FROM (SELECT new.call_id AS call_id, new.customer_id AS customer_id, new.outcome AS outcome,
      new.revenue_micros AS revenue_micros, coalesce(new.segment, '') AS segment, coalesce(new.product, '') AS product,
      coalesce(new.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(new.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = new.customer_id AND g.call_id <> new.call_id
        AND g.outcome = 'recovered') AS won_before, dn.dim AS dim, CASE dn.dim WHEN 'caller' THEN new.caller_id WHEN 'group' THEN CASE WHEN new.caller_role = 'executive' THEN 'executive' ELSE 'team' END ELSE '' END AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, (SELECT 'all' AS dim UNION ALL SELECT 'caller' UNION ALL SELECT 'group') dn WHERE 1) k WHERE 1
    ON CONFLICT (period_kind, period, segment, product, team, dim, key) DO UPDATE SET calls = calls + excluded.calls, recovered = recovered + excluded.recovered,
      recovered_revenue_micros = recovered_revenue_micros + excluded.recovered_revenue_micros;
  
  INSERT INTO recovery_cells (period_kind, period, segment, product, team, dim, key, calls, recovered, recovered_revenue_micros)
    SELECT period_kind, period, segment, product, team, dim, key, 1, outcome = 'recovered', CASE WHEN k.outcome = 'recovered' AND NOT (k.won_before AND EXISTS (SELECT 1 FROM call_facts g
    WHERE g.customer_id = k.customer_id AND g.call_id <> k.call_id AND g.outcome = 'recovered' AND g.revenue_micros = k.revenue_micros
      AND coalesce(g.segment, '') = k.segment AND coalesce(g.product, '') = k.product AND coalesce(g.team, '') = k.team
      AND (k.period_kind = 'all' OR coalesce(g.cycle_id, '') = k.period)
      AND CASE k.dim WHEN 'all' THEN 1 WHEN 'caller' THEN g.caller_id = k.key WHEN 'group' THEN CASE WHEN g.caller_role = 'executive' THEN 'executive' ELSE 'team' END = k.key
        ELSE EXISTS (SELECT 1 FROM call_offers go WHERE go.call_id = g.call_id AND go.offer_id = k.key AND go.answer <> 'not_offered') END)) THEN k.revenue_micros ELSE 0 END FROM (SELECT new.call_id AS call_id, new.customer_id AS customer_id, new.outcome AS outcome,
      new.revenue_micros AS revenue_micros, coalesce(new.segment, '') AS segment, coalesce(new.product, '') AS product,
      coalesce(new.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(new.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = new.customer_id AND g.call_id <> new.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, o.offer_id AS key
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = new.call_id AND o.answer <> 'not_offered') k WHERE 1
    ON CONFLICT (period_kind, period, segment, product, team, dim, key) DO UPDATE SET calls = calls + excluded.calls, recovered = recovered + excluded.recovered,
      recovered_revenue_micros = recovered_revenue_micros + excluded.recovered_revenue_micros;
  
  INSERT INTO offer_cells (period_kind, period, segment, product, team, reason_id, offer_id, offered, accepted, recovered)
    SELECT period_kind, period, segment, product, team, reason_id, offer_id, 1, accepted, outcome = 'recovered' FROM (SELECT new.call_id AS call_id, new.customer_id AS customer_id, new.outcome AS outcome,
      new.revenue_micros AS revenue_micros, coalesce(new.segment, '') AS segment, coalesce(new.product, '') AS product,
      coalesce(new.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(new.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = new.customer_id AND g.call_id <> new.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(new.reason_id, '') AS reason_id, o.offer_id AS offer_id, o.answer = 'accepted' AS accepted
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk, call_offers o WHERE o.call_id = new.call_id AND o.answer <> 'not_offered') k WHERE 1
    ON CONFLICT (period_kind, period, reason_id, offer_id, segment, product, team) DO UPDATE SET offered = offered + 1, accepted = accepted + excluded.accepted, recovered = recovered + excluded.recovered;
  
  INSERT INTO agreement_cells (period_kind, period, segment, product, team, stated_reason_id, reason_id, calls) SELECT period_kind, period, segment, product, team, stated_reason_id, reason_id, 1 FROM (SELECT new.call_id AS call_id, new.customer_id AS customer_id, new.outcome AS outcome,
      new.revenue_micros AS revenue_micros, coalesce(new.segment, '') AS segment, coalesce(new.product, '') AS product,
      coalesce(new.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(new.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = new.customer_id AND g.call_id <> new.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(new.stated_reason_id, '') AS stated_reason_id, new.reason_id AS reason_id
    FROM (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE new.reason_id IS NOT NULL) k WHERE 1
    ON CONFLICT (period_kind, period, stated_reason_id, reason_id, segment, product, team) DO UPDATE SET calls = calls + 1;
END;

CREATE TRIGGER report_recovery_offer_delete AFTER DELETE ON call_offers WHEN old.answer <> 'not_offered' BEGIN
  
  UPDATE call_facts SET offers_made = (SELECT CASE WHEN count(*) > 0 THEN json_group_array(json_array(offer_id, answer)) END FROM (SELECT offer_id, answer FROM call_offers WHERE call_id = old.call_id AND answer <> 'not_offered' ORDER BY offer_id)) WHERE call_id = old.call_id AND offers_made IS NOT (SELECT CASE WHEN count(*) > 0 THEN json_group_array(json_array(offer_id, answer)) END FROM (SELECT offer_id, answer FROM call_offers WHERE call_id = old.call_id AND answer <> 'not_offered' ORDER BY offer_id));
  
  UPDATE recovery_cells SET (calls, recovered, recovered_revenue_micros) = (SELECT recovery_cells.calls - 1,
        recovery_cells.recovered - (k.outcome = 'recovered'),
        recovery_cells.recovered_revenue_micros - CASE WHEN k.outcome = 'recovered' AND NOT (k.won_before AND EXISTS (SELECT 1 FROM call_facts g
    WHERE g.customer_id = k.customer_id AND g.call_id <> k.call_id AND g.outcome = 'recovered' AND g.revenue_micros = k.revenue_micros
      AND coalesce(g.segment, '') = k.segment AND coalesce(g.product, '') = k.product AND coalesce(g.team, '') = k.team
      AND (k.period_kind = 'all' OR coalesce(g.cycle_id, '') = k.period)
      AND CASE k.dim WHEN 'all' THEN 1 WHEN 'caller' THEN g.caller_id = k.key WHEN 'group' THEN CASE WHEN g.caller_role = 'executive' THEN 'executive' ELSE 'team' END = k.key
        ELSE EXISTS (SELECT 1 FROM call_offers go WHERE go.call_id = g.call_id AND go.offer_id = k.key AND go.answer <> 'not_offered') END)) THEN k.revenue_micros ELSE 0 END
      FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, old.offer_id AS key
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = old.call_id AND old.answer <> 'not_offered') k WHERE 1 AND recovery_cells.period_kind = k.period_kind
        AND recovery_cells.period = k.period
        AND recovery_cells.segment = k.segment
        AND recovery_cells.product = k.product
        AND recovery_cells.team = k.team
        AND recovery_cells.dim = k.dim
        AND recovery_cells.key = k.key)
    WHERE (period_kind, period, segment, product, team, dim, key) IN (SELECT k.period_kind, k.period, k.segment, k.product, k.team, k.dim, k.key FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, old.offer_id AS key
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = old.call_id AND old.answer <> 'not_offered') k WHERE 1);
  DELETE FROM recovery_cells WHERE calls = 0 AND (period_kind, period, segment, product, team, dim, key) IN (SELECT period_kind, period, segment, product, team, dim, key FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, old.offer_id AS key
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = old.call_id AND old.answer <> 'not_offered') k);
  
  UPDATE offer_cells SET (offered, accepted, recovered) = (SELECT offer_cells.offered - 1,
        offer_cells.accepted - k.accepted,
        offer_cells.recovered - (k.outcome = 'recovered')
      FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(r.reason_id, '') AS reason_id, old.offer_id AS offer_id, old.answer = 'accepted' AS accepted
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = old.call_id AND old.answer <> 'not_offered') k WHERE 1 AND offer_cells.period_kind = k.period_kind
        AND offer_cells.period = k.period
        AND offer_cells.reason_id = k.reason_id
        AND offer_cells.offer_id = k.offer_id
        AND offer_cells.segment = k.segment
        AND offer_cells.product = k.product
        AND offer_cells.team = k.team)
    WHERE (period_kind, period, reason_id, offer_id, segment, product, team) IN (SELECT k.period_kind, k.period, k.reason_id, k.offer_id, k.segment, k.product, k.team FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(r.reason_id, '') AS reason_id, old.offer_id AS offer_id, old.answer = 'accepted' AS accepted
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = old.call_id AND old.answer <> 'not_offered') k WHERE 1);
  DELETE FROM offer_cells WHERE offered = 0 AND (period_kind, period, segment, product, team, reason_id, offer_id) IN (SELECT period_kind, period, segment, product, team, reason_id, offer_id FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(r.reason_id, '') AS reason_id, old.offer_id AS offer_id, old.answer = 'accepted' AS accepted
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = old.call_id AND old.answer <> 'not_offered') k);
END;

CREATE TRIGGER report_recovery_offer_insert AFTER INSERT ON call_offers WHEN new.answer <> 'not_offered' BEGIN
  
  UPDATE call_facts SET offers_made = (SELECT CASE WHEN count(*) > 0 THEN json_group_array(json_array(offer_id, answer)) END FROM (SELECT offer_id, answer FROM call_offers WHERE call_id = new.call_id AND answer <> 'not_offered' ORDER BY offer_id)) WHERE call_id = new.call_id AND offers_made IS NOT (SELECT CASE WHEN count(*) > 0 THEN json_group_array(json_array(offer_id, answer)) END FROM (SELECT offer_id, answer FROM call_offers WHERE call_id = new.call_id AND answer <> 'not_offered' ORDER BY offer_id));
  
  INSERT INTO recovery_cells (period_kind, period, segment, product, team, dim, key, calls, recovered, recovered_revenue_micros)
    SELECT period_kind, period, segment, product, team, dim, key, 1, outcome = 'recovered', CASE WHEN k.outcome = 'recovered' AND NOT (k.won_before AND EXISTS (SELECT 1 FROM call_facts g
    WHERE g.customer_id = k.customer_id AND g.call_id <> k.call_id AND g.outcome = 'recovered' AND g.revenue_micros = k.revenue_micros
      AND coalesce(g.segment, '') = k.segment AND coalesce(g.product, '') = k.product AND coalesce(g.team, '') = k.team
      AND (k.period_kind = 'all' OR coalesce(g.cycle_id, '') = k.period)
      AND CASE k.dim WHEN 'all' THEN 1 WHEN 'caller' THEN g.caller_id = k.key WHEN 'group' THEN CASE WHEN g.caller_role = 'executive' THEN 'executive' ELSE 'team' END = k.key
        ELSE EXISTS (SELECT 1 FROM call_offers go WHERE go.call_id = g.call_id AND go.offer_id = k.key AND go.answer <> 'not_offered') END)) THEN k.revenue_micros ELSE 0 END FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, new.offer_id AS key
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = new.call_id AND new.answer <> 'not_offered') k WHERE 1
    ON CONFLICT (period_kind, period, segment, product, team, dim, key) DO UPDATE SET calls = calls + excluded.calls, recovered = recovered + excluded.recovered,
      recovered_revenue_micros = recovered_revenue_micros + excluded.recovered_revenue_micros;
  
  INSERT INTO offer_cells (period_kind, period, segment, product, team, reason_id, offer_id, offered, accepted, recovered)
    SELECT period_kind, period, segment, product, team, reason_id, offer_id, 1, accepted, outcome = 'recovered' FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(r.reason_id, '') AS reason_id, new.offer_id AS offer_id, new.answer = 'accepted' AS accepted
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = new.call_id AND new.answer <> 'not_offered') k WHERE 1
    ON CONFLICT (period_kind, period, reason_id, offer_id, segment, product, team) DO UPDATE SET offered = offered + 1, accepted = accepted + excluded.accepted, recovered = recovered + excluded.recovered;
END;

CREATE TRIGGER report_recovery_offer_update AFTER UPDATE OF call_id, offer_id, answer ON call_offers
WHEN old.call_id IS NOT new.call_id OR old.offer_id IS NOT new.offer_id OR old.answer IS NOT new.answer
BEGIN
  
  UPDATE call_facts SET offers_made = (SELECT CASE WHEN count(*) > 0 THEN json_group_array(json_array(offer_id, answer)) END FROM (SELECT offer_id, answer FROM call_offers WHERE call_id = old.call_id AND answer <> 'not_offered' ORDER BY offer_id)) WHERE call_id = old.call_id AND offers_made IS NOT (SELECT CASE WHEN count(*) > 0 THEN json_group_array(json_array(offer_id, answer)) END FROM (SELECT offer_id, answer FROM call_offers WHERE call_id = old.call_id AND answer <> 'not_offered' ORDER BY offer_id));
  
  UPDATE call_facts SET offers_made = (SELECT CASE WHEN count(*) > 0 THEN json_group_array(json_array(offer_id, answer)) END FROM (SELECT offer_id, answer FROM call_offers WHERE call_id = new.call_id AND answer <> 'not_offered' ORDER BY offer_id)) WHERE call_id = new.call_id AND offers_made IS NOT (SELECT CASE WHEN count(*) > 0 THEN json_group_array(json_array(offer_id, answer)) END FROM (SELECT offer_id, answer FROM call_offers WHERE call_id = new.call_id AND answer <> 'not_offered' ORDER BY offer_id));
  
  UPDATE recovery_cells SET (calls, recovered, recovered_revenue_micros) = (SELECT recovery_cells.calls - 1,
        recovery_cells.recovered - (k.outcome = 'recovered'),
        recovery_cells.recovered_revenue_micros - CASE WHEN k.outcome = 'recovered' AND NOT (k.won_before AND EXISTS (SELECT 1 FROM call_facts g
    WHERE g.customer_id = k.customer_id AND g.call_id <> k.call_id AND g.outcome = 'recovered' AND g.revenue_micros = k.revenue_micros
      AND coalesce(g.segment, '') = k.segment AND coalesce(g.product, '') = k.product AND coalesce(g.team, '') = k.team
      AND (k.period_kind = 'all' OR coalesce(g.cycle_id, '') = k.period)
      AND CASE k.dim WHEN 'all' THEN 1 WHEN 'caller' THEN g.caller_id = k.key WHEN 'group' THEN CASE WHEN g.caller_role = 'executive' THEN 'executive' ELSE 'team' END = k.key
        ELSE EXISTS (SELECT 1 FROM call_offers go WHERE go.call_id = g.call_id AND go.offer_id = k.key AND go.answer <> 'not_offered') END)) THEN k.revenue_micros ELSE 0 END
      FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, old.offer_id AS key
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = old.call_id AND old.answer <> 'not_offered') k WHERE 1 AND recovery_cells.period_kind = k.period_kind
        AND recovery_cells.period = k.period
        AND recovery_cells.segment = k.segment
        AND recovery_cells.product = k.product
        AND recovery_cells.team = k.team
        AND recovery_cells.dim = k.dim
        AND recovery_cells.key = k.key)
    WHERE (period_kind, period, segment, product, team, dim, key) IN (SELECT k.period_kind, k.period, k.segment, k.product, k.team, k.dim, k.key FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, old.offer_id AS key
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = old.call_id AND old.answer <> 'not_offered') k WHERE 1);
  DELETE FROM recovery_cells WHERE calls = 0 AND (period_kind, period, segment, product, team, dim, key) IN (SELECT period_kind, period, segment, product, team, dim, key FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, old.offer_id AS key
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = old.call_id AND old.answer <> 'not_offered') k);
  
  UPDATE offer_cells SET (offered, accepted, recovered) = (SELECT offer_cells.offered - 1,
        offer_cells.accepted - k.accepted,
        offer_cells.recovered - (k.outcome = 'recovered')
      FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(r.reason_id, '') AS reason_id, old.offer_id AS offer_id, old.answer = 'accepted' AS accepted
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = old.call_id AND old.answer <> 'not_offered') k WHERE 1 AND offer_cells.period_kind = k.period_kind
        AND offer_cells.period = k.period
        AND offer_cells.reason_id = k.reason_id
        AND offer_cells.offer_id = k.offer_id
        AND offer_cells.segment = k.segment
        AND offer_cells.product = k.product
        AND offer_cells.team = k.team)
    WHERE (period_kind, period, reason_id, offer_id, segment, product, team) IN (SELECT k.period_kind, k.period, k.reason_id, k.offer_id, k.segment, k.product, k.team FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(r.reason_id, '') AS reason_id, old.offer_id AS offer_id, old.answer = 'accepted' AS accepted
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = old.call_id AND old.answer <> 'not_offered') k WHERE 1);
  DELETE FROM offer_cells WHERE offered = 0 AND (period_kind, period, segment, product, team, reason_id, offer_id) IN (SELECT period_kind, period, segment, product, team, reason_id, offer_id FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(r.reason_id, '') AS reason_id, old.offer_id AS offer_id, old.answer = 'accepted' AS accepted
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = old.call_id AND old.answer <> 'not_offered') k);
  
  INSERT INTO recovery_cells (period_kind, period, segment, product, team, dim, key, calls, recovered, recovered_revenue_micros)
    SELECT period_kind, period, segment, product, team, dim, key, 1, outcome = 'recovered', CASE WHEN k.outcome = 'recovered' AND NOT (k.won_before AND EXISTS (SELECT 1 FROM call_facts g
    WHERE g.customer_id = k.customer_id AND g.call_id <> k.call_id AND g.outcome = 'recovered' AND g.revenue_micros = k.revenue_micros
      AND coalesce(g.segment, '') = k.segment AND coalesce(g.product, '') = k.product AND coalesce(g.team, '') = k.team
      AND (k.period_kind = 'all' OR coalesce(g.cycle_id, '') = k.period)
      AND CASE k.dim WHEN 'all' THEN 1 WHEN 'caller' THEN g.caller_id = k.key WHEN 'group' THEN CASE WHEN g.caller_role = 'executive' THEN 'executive' ELSE 'team' END = k.key
        ELSE EXISTS (SELECT 1 FROM call_offers go WHERE go.call_id = g.call_id AND go.offer_id = k.key AND go.answer <> 'not_offered') END)) THEN k.revenue_micros ELSE 0 END FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, 'offer' AS dim, new.offer_id AS key
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = new.call_id AND new.answer <> 'not_offered') k WHERE 1
    ON CONFLICT (period_kind, period, segment, product, team, dim, key) DO UPDATE SET calls = calls + excluded.calls, recovered = recovered + excluded.recovered,
      recovered_revenue_micros = recovered_revenue_micros + excluded.recovered_revenue_micros;
  
  INSERT INTO offer_cells (period_kind, period, segment, product, team, reason_id, offer_id, offered, accepted, recovered)
    SELECT period_kind, period, segment, product, team, reason_id, offer_id, 1, accepted, outcome = 'recovered' FROM (SELECT r.call_id AS call_id, r.customer_id AS customer_id, r.outcome AS outcome,
      r.revenue_micros AS revenue_micros, coalesce(r.segment, '') AS segment, coalesce(r.product, '') AS product,
      coalesce(r.team, '') AS team, pk.period_kind AS period_kind,
      CASE WHEN pk.period_kind = 'all' THEN '' ELSE coalesce(r.cycle_id, '') END AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = r.customer_id AND g.call_id <> r.call_id
        AND g.outcome = 'recovered') AS won_before, coalesce(r.reason_id, '') AS reason_id, new.offer_id AS offer_id, new.answer = 'accepted' AS accepted
    FROM call_facts r, (SELECT 'all' AS period_kind UNION ALL SELECT 'cycle') pk WHERE r.call_id = new.call_id AND new.answer <> 'not_offered') k WHERE 1
    ON CONFLICT (period_kind, period, reason_id, offer_id, segment, product, team) DO UPDATE SET offered = offered + 1, accepted = accepted + excluded.accepted, recovered = recovered + excluded.recovered;
END;

CREATE VIEW offer_win_base AS
SELECT c.id AS customer_id, k.id AS call_id, o.offer_id, k.primary_reason_id AS reason_id, coalesce(k.cycle_id, c.cycle_id) AS cycle_id, c.segment,
  coalesce(c.returned_on, CASE WHEN k.outcome = 'recovered' THEN substr(k.completed_at, 1, 10) END) AS returned_on,
  (SELECT min(e.relost_on) FROM care_enrolments e WHERE e.customer_id = c.id AND e.status = 'relost'
     AND e.relost_on >= coalesce(c.returned_on, CASE WHEN k.outcome = 'recovered' THEN substr(k.completed_at, 1, 10) END)) AS relost_on,
  CAST(round(coalesce(c.returned_revenue, c.monthly_revenue, 0) * 100) AS INTEGER) AS monthly_cents,
  CASE WHEN f.cost_model IS NOT NULL THEN f.cost_model
       WHEN f.type = 'discount' AND f.percent IS NOT NULL AND f.duration_months IS NOT NULL THEN 'discount' ELSE 'none' END AS model,
  CAST(round(CASE WHEN f.cost_model = 'discount' THEN coalesce(f.cost_percent, f.percent, 0) ELSE coalesce(f.percent, 0) END * 100) AS INTEGER) AS basis_points,
  CASE WHEN f.cost_model = 'discount' THEN coalesce(f.cost_months, f.duration_months, 0)
       WHEN f.cost_model = 'free_months' THEN coalesce(f.cost_months, 0) ELSE coalesce(f.duration_months, 0) END AS cost_months,
  CAST(round(coalesce(f.cost_amount, 0) * 100) AS INTEGER) AS fixed_cents
FROM customers c
JOIN call_offers o ON o.rowid = (SELECT o2.rowid FROM calls k2 JOIN call_offers o2 ON o2.call_id = k2.id
      WHERE k2.customer_id = c.id AND o2.answer = 'accepted'
      ORDER BY k2.completed_at DESC, k2.id DESC, o2.offer_id LIMIT 1)
JOIN calls k ON k.id = o.call_id
JOIN offers f ON f.id = o.offer_id;

CREATE VIEW offer_win_facts AS
SELECT m.customer_id, m.call_id, m.offer_id, m.reason_id, m.cycle_id, m.segment, m.returned_on IS NOT NULL AS won, m.returned_on, m.relost_on,
  m.monthly_cents, m.months_paid, m.monthly_cents * m.months_paid AS revenue_cents,
  CASE WHEN m.returned_on IS NULL THEN 0
       WHEN m.model = 'discount' THEN (m.monthly_cents * m.basis_points * min(m.cost_months, m.months_paid) + 5000) / 10000
       WHEN m.model = 'free_months' THEN m.monthly_cents * min(m.cost_months, m.months_paid)
       WHEN m.model = 'fixed' THEN m.fixed_cents ELSE 0 END AS cost_cents
FROM (SELECT b.*, CASE WHEN b.returned_on IS NULL THEN 0 WHEN b.relost_on IS NULL THEN 12 ELSE max(0, min(12,
      (CAST(substr(b.relost_on, 1, 4) AS INTEGER) * 12 + CAST(substr(b.relost_on, 6, 2) AS INTEGER))
    - (CAST(substr(b.returned_on, 1, 4) AS INTEGER) * 12 + CAST(substr(b.returned_on, 6, 2) AS INTEGER))
    + (CAST(substr(b.returned_on, 9, 2) AS INTEGER) < CAST(substr(b.relost_on, 9, 2) AS INTEGER)))) END AS months_paid FROM offer_win_base b) m;
