import type { Migration } from './types';

/**
 * Import, selection and the queue: saved column mappings, the history of imports, the manager's
 * selection rules, value bands and segment points, and on each customer the result of the last
 * selection pass (selected, by which rule, value band, priority). The queue index is partial and
 * covering, so a page of a 200,000-customer queue is an index walk (test/bench/queue-200k.ts).
 */
export const migration003ImportQueue: Migration = {
  version: 3,
  name: 'import, selection and queue',
  up: `
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

-- A customer is queued when any enabled rule matches all its conditions (JSON, see shared/domain/selection.ts).
CREATE TABLE selection_rules (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  conditions TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  sort INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE value_bands (
  name TEXT PRIMARY KEY,
  min_revenue REAL NOT NULL CHECK (min_revenue >= 0),
  points REAL NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE segment_points (
  segment TEXT PRIMARY KEY,
  points REAL NOT NULL
) STRICT;

ALTER TABLE customers ADD COLUMN selected INTEGER NOT NULL DEFAULT 0 CHECK (selected IN (0, 1));
ALTER TABLE customers ADD COLUMN selected_by TEXT;
ALTER TABLE customers ADD COLUMN value_band TEXT;
ALTER TABLE customers ADD COLUMN priority_base REAL NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN priority_detail TEXT NOT NULL DEFAULT '{}';
-- Attempts are written by the call screen; the penalty follows them without another pass.
ALTER TABLE customers ADD COLUMN priority REAL GENERATED ALWAYS AS (priority_base - 10 * attempts) VIRTUAL;

-- The part of "could be called now" that only the selection pass and the call screen change is
-- the WHERE of one covering index, ordered by priority: a queue page, its count, its filters and
-- its search read this index and touch the table only for the rows on the page.
CREATE INDEX customers_queue ON customers(priority DESC, attempts, callback_at, assigned_to, cycle_id,
  segment, stated_reason_id, external_id, name, phone)
  WHERE selected = 1 AND do_not_contact = 0
    AND (last_outcome IS NULL OR last_outcome IN ('callback', 'no_answer', 'considering'));
CREATE INDEX customers_callbacks ON customers(callback_at) WHERE callback_at IS NOT NULL;
CREATE INDEX customers_unmapped_reason ON customers(stated_reason_text)
  WHERE stated_reason_id IS NULL AND stated_reason_text IS NOT NULL;
CREATE INDEX calls_customer_completed ON calls(customer_id, completed_at);

-- Customers from before this version get their first selection pass when the queue is next read.
INSERT INTO settings (key, value) VALUES ('queue.stale', 'true') ON CONFLICT(key) DO UPDATE SET value = 'true';

-- Whoever adds or changes a customer (an import, the demo, a sync) marks the selection stale; the
-- queue runs the selection pass again before it answers.
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
`,
};
