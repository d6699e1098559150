import type { Migration } from './types';

/**
 * Offer economics kept per customer, and experiments over a stage's guidance.
 *
 * - `offer_wins`: for each customer who accepted an offer, the offer accepted on their last call
 *   with an accepted offer, whether they came back, and what that return is worth and cost, in
 *   cents, by the rules of shared/domain/effect.ts (monthsPaid, wonBackCents). Finding that offer
 *   among a year of calls took the report 2.3 s over a million calls; the triggers below keep the
 *   row exact in the transaction of every write that changes it (a call's offers, outcome, reason
 *   or cycle; the returns import; a re-loss; a customer's revenue or segment; an offer's cost), so
 *   the report sums one covering index. `offer_win_facts` is the one definition of a row: the
 *   triggers and the backfill read it for one customer at a time.
 * - `guidance_experiments`, `guidance_variants`: two or more wordings of one stage's guidance,
 *   each with a weight, shown by the same hash as offer experiments.
 * - `stage_guidance`: the playbook's wording of a stage where it replaces the standard one; ending
 *   a guidance experiment keeps the winner here.
 *
 * Triggers use nothing newer than SQLite 3.31 (see 011_portable_triggers_sql.ts): no UPDATE FROM,
 * no iif, no upsert, no CTE (which triggers never allow).
 */

/** The months paid, as monthsPaid computes them: whole months from the return to the re-loss, one more when the re-loss falls after the return's day of the month, at most 12. */
const MONTHS_PAID = `CASE WHEN b.returned_on IS NULL THEN 0 WHEN b.relost_on IS NULL THEN 12 ELSE max(0, min(12,
      (CAST(substr(b.relost_on, 1, 4) AS INTEGER) * 12 + CAST(substr(b.relost_on, 6, 2) AS INTEGER))
    - (CAST(substr(b.returned_on, 1, 4) AS INTEGER) * 12 + CAST(substr(b.returned_on, 6, 2) AS INTEGER))
    + (CAST(substr(b.returned_on, 9, 2) AS INTEGER) < CAST(substr(b.relost_on, 9, 2) AS INTEGER)))) END`;

/** A customer's best accepted offer: on their latest call with one, the first by offer id. */
const BEST_ACCEPTED = `(SELECT o2.rowid FROM calls k2 JOIN call_offers o2 ON o2.call_id = k2.id
      WHERE k2.customer_id = c.id AND o2.answer = 'accepted'
      ORDER BY k2.completed_at DESC, k2.id DESC, o2.offer_id LIMIT 1)`;

const REFRESH = (customer: string) => `DELETE FROM offer_wins WHERE customer_id = ${customer};
  INSERT INTO offer_wins SELECT * FROM offer_win_facts WHERE customer_id = ${customer};`;

export const EFFECT_SUMMARY_SQL = `
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
-- The report: won-back customers by offer, reason and segment (in that order, so GROUP BY streams).
CREATE INDEX offer_wins_report ON offer_wins(won, offer_id, reason_id, segment, cycle_id, revenue_cents, cost_cents);
CREATE INDEX offer_wins_offer ON offer_wins(offer_id);

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
JOIN call_offers o ON o.rowid = ${BEST_ACCEPTED}
JOIN calls k ON k.id = o.call_id
JOIN offers f ON f.id = o.offer_id;

CREATE VIEW offer_win_facts AS
SELECT m.customer_id, m.call_id, m.offer_id, m.reason_id, m.cycle_id, m.segment, m.returned_on IS NOT NULL AS won, m.returned_on, m.relost_on,
  m.monthly_cents, m.months_paid, m.monthly_cents * m.months_paid AS revenue_cents,
  CASE WHEN m.returned_on IS NULL THEN 0
       WHEN m.model = 'discount' THEN (m.monthly_cents * m.basis_points * min(m.cost_months, m.months_paid) + 5000) / 10000
       WHEN m.model = 'free_months' THEN m.monthly_cents * min(m.cost_months, m.months_paid)
       WHEN m.model = 'fixed' THEN m.fixed_cents ELSE 0 END AS cost_cents
FROM (SELECT b.*, ${MONTHS_PAID} AS months_paid FROM offer_win_base b) m;

CREATE TRIGGER offer_wins_offer_insert AFTER INSERT ON call_offers WHEN new.answer = 'accepted' BEGIN
  ${REFRESH('(SELECT customer_id FROM calls WHERE id = new.call_id)')}
END;
CREATE TRIGGER offer_wins_offer_update AFTER UPDATE OF call_id, offer_id, answer ON call_offers
WHEN (old.answer = 'accepted' OR new.answer = 'accepted') AND (old.call_id IS NOT new.call_id OR old.offer_id IS NOT new.offer_id OR old.answer IS NOT new.answer)
BEGIN
  ${REFRESH('(SELECT customer_id FROM calls WHERE id = old.call_id)')}
  ${REFRESH('(SELECT customer_id FROM calls WHERE id = new.call_id)')}
END;
CREATE TRIGGER offer_wins_offer_delete AFTER DELETE ON call_offers WHEN old.answer = 'accepted' BEGIN
  ${REFRESH('(SELECT customer_id FROM calls WHERE id = old.call_id)')}
END;

CREATE TRIGGER offer_wins_call_update AFTER UPDATE OF customer_id, cycle_id, completed_at, outcome, primary_reason_id ON calls
WHEN (old.customer_id IS NOT new.customer_id OR old.cycle_id IS NOT new.cycle_id OR old.completed_at IS NOT new.completed_at
      OR old.outcome IS NOT new.outcome OR old.primary_reason_id IS NOT new.primary_reason_id)
  AND EXISTS (SELECT 1 FROM call_offers WHERE call_id = new.id AND answer = 'accepted')
BEGIN
  ${REFRESH('old.customer_id')}
  ${REFRESH('new.customer_id')}
END;
CREATE TRIGGER offer_wins_call_delete AFTER DELETE ON calls WHEN EXISTS (SELECT 1 FROM offer_wins WHERE customer_id = old.customer_id) BEGIN
  ${REFRESH('old.customer_id')}
END;

CREATE TRIGGER offer_wins_customer_update AFTER UPDATE OF returned_on, returned_revenue, monthly_revenue, segment, cycle_id ON customers
WHEN (old.returned_on IS NOT new.returned_on OR old.returned_revenue IS NOT new.returned_revenue OR old.monthly_revenue IS NOT new.monthly_revenue
      OR old.segment IS NOT new.segment OR old.cycle_id IS NOT new.cycle_id)
  AND EXISTS (SELECT 1 FROM offer_wins WHERE customer_id = new.id)
BEGIN
  ${REFRESH('new.id')}
END;
CREATE TRIGGER offer_wins_customer_delete AFTER DELETE ON customers BEGIN
  DELETE FROM offer_wins WHERE customer_id = old.id;
END;

CREATE TRIGGER offer_wins_care_insert AFTER INSERT ON care_enrolments
WHEN new.status = 'relost' AND EXISTS (SELECT 1 FROM offer_wins WHERE customer_id = new.customer_id)
BEGIN
  ${REFRESH('new.customer_id')}
END;
CREATE TRIGGER offer_wins_care_update AFTER UPDATE OF customer_id, status, relost_on ON care_enrolments
WHEN (old.status = 'relost' OR new.status = 'relost')
  AND (old.customer_id IS NOT new.customer_id OR old.status IS NOT new.status OR old.relost_on IS NOT new.relost_on)
BEGIN
  ${REFRESH('old.customer_id')}
  ${REFRESH('new.customer_id')}
END;
CREATE TRIGGER offer_wins_care_delete AFTER DELETE ON care_enrolments WHEN old.status = 'relost' BEGIN
  ${REFRESH('old.customer_id')}
END;

CREATE TRIGGER offer_wins_cost_update AFTER UPDATE OF type, percent, duration_months, cost_model, cost_percent, cost_months, cost_amount ON offers
BEGIN
  INSERT OR REPLACE INTO offer_wins SELECT * FROM offer_win_facts
  WHERE customer_id IN (SELECT customer_id FROM offer_wins WHERE offer_id = new.id);
END;
`;

export const GUIDANCE_EXPERIMENT_SQL = `
CREATE TABLE stage_guidance (
  stage TEXT PRIMARY KEY CHECK (stage IN ('apologize', 'listen', 'diagnose', 'assist', 'offer')),
  text TEXT NOT NULL CHECK (length(text) > 0),
  set_at TEXT NOT NULL,
  set_by TEXT REFERENCES people(id),
  -- The experiment whose winner this is, when one set it.
  experiment_id TEXT
) STRICT;

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
CREATE UNIQUE INDEX guidance_experiments_one_running ON guidance_experiments(stage) WHERE ended_at IS NULL;

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
`;

export const migration019EffectSummaries: Migration = {
  // Numbered 20 among the migrations in flight; it is the 18th on this line of work.
  version: 19,
  name: 'offer economics per customer, guidance experiments',
  up: `${EFFECT_SUMMARY_SQL}
INSERT INTO offer_wins SELECT * FROM offer_win_facts;
${GUIDANCE_EXPERIMENT_SQL}`,
};
