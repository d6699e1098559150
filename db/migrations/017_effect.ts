import type { Migration } from './types';

/**
 * What the recovery programme wins, measured.
 *
 * - `cycle_controls`: the share of a cycle's eligible departed customers held out as a control
 *   group (not called). Who is held out follows from a hash of the customer id and the cycle
 *   (shared/domain/effect.ts), so every desk and the hub agree without a list travelling.
 * - `customers.control_group`: set by the selection pass for an eligible customer the hash holds
 *   out; such a customer has `selected = 0`, so queues and assignments leave them out unchanged.
 * - `customers.returned_on`, `returned_revenue`: from the returns import (a file of current
 *   customers), for called and held-out customers alike; the revenue they pay since.
 * - `offers.cost_*`: what an offer costs per customer who takes it; NULL model means "from the
 *   offer": a discount offer with a percent and months costs that discount, any other nothing.
 * - `experiments`, `experiment_variants`: variants of an offer shown by the same hash, each with a
 *   weight; ending one keeps the winner in the offer rules and records the decision.
 * - `call_timings`: each call's talk, wrap and per-stage time, from the guided call's clock.
 */
export const migration017Effect: Migration = {
  version: 17,
  name: 'control groups, returns, offer costs, experiments and handle time',
  up: `
-- Offer economics looks up each won-back customer's re-loss: without it, a scan per customer.
CREATE INDEX care_enrolments_relost ON care_enrolments(customer_id, relost_on) WHERE status = 'relost';

CREATE TABLE cycle_controls (
  cycle_id TEXT PRIMARY KEY REFERENCES cycles(id),
  share_percent REAL NOT NULL CHECK (share_percent >= 0 AND share_percent <= 50),
  set_at TEXT NOT NULL,
  set_by TEXT REFERENCES people(id)
) STRICT;

ALTER TABLE customers ADD COLUMN control_group INTEGER NOT NULL DEFAULT 0 CHECK (control_group IN (0, 1));
-- The group ('to_call', 'control', 'none') last sent to the hub, so only changes travel.
ALTER TABLE customers ADD COLUMN effect_group TEXT CHECK (effect_group IS NULL OR effect_group IN ('to_call', 'control', 'none'));
ALTER TABLE customers ADD COLUMN returned_on TEXT;
ALTER TABLE customers ADD COLUMN returned_revenue REAL CHECK (returned_revenue IS NULL OR returned_revenue >= 0);
-- The called-vs-control report reads only this index (eligible customers by cycle and group).
CREATE INDEX customers_effect ON customers(cycle_id, control_group, selected, stated_reason_id, segment, returned_on, attempts);
CREATE INDEX customers_returned ON customers(returned_on) WHERE returned_on IS NOT NULL;

ALTER TABLE offers ADD COLUMN cost_model TEXT CHECK (cost_model IS NULL OR cost_model IN ('none', 'discount', 'free_months', 'fixed'));
ALTER TABLE offers ADD COLUMN cost_percent REAL CHECK (cost_percent IS NULL OR (cost_percent >= 0 AND cost_percent <= 100));
ALTER TABLE offers ADD COLUMN cost_months INTEGER CHECK (cost_months IS NULL OR cost_months >= 0);
ALTER TABLE offers ADD COLUMN cost_amount REAL CHECK (cost_amount IS NULL OR cost_amount >= 0);

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
CREATE UNIQUE INDEX experiments_one_running ON experiments(base_offer_id) WHERE ended_at IS NULL;

CREATE TABLE experiment_variants (
  experiment_id TEXT NOT NULL REFERENCES experiments(id),
  offer_id TEXT NOT NULL REFERENCES offers(id),
  weight REAL NOT NULL CHECK (weight > 0),
  PRIMARY KEY (experiment_id, offer_id)
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
`,
};
