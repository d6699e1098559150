import type Database from 'better-sqlite3';
import { migration015Permissions } from '../../db/migrations/015_permissions';
import { migration016CallLeases } from '../../db/migrations/016_call_leases';
import { migration017Effect } from '../../db/migrations/017_effect';
import { migration018KeepInTouch } from '../../db/migrations/018_keep_in_touch';
import { migration019EffectSummaries } from '../../db/migrations/019_effect_summaries';
import { migration023TaxonomyNames } from '../../db/migrations/023_taxonomy_names';

/**
 * Representative rows as a console at an older schema version would hold them, for
 * test/unit/migrations-upgrade.test.ts. Each seed is plain SQL written against the schema of the
 * version it names (never through today's repositories, which follow the newest schema), and runs
 * on every database built at that version or later.
 *
 * When a migration adds a table, add a seed with `since` set to its version that puts at least one
 * row in it: the upgrade test fails, naming the table, until every table of every earlier version
 * has rows to carry across the later migrations.
 */
export interface MigrationSeed {
  since: number;
  name: string;
  seed: (db: Database.Database) => void;
}

const NOW = '2026-10-02T14:30:00.000Z';

export const MIGRATION_SEEDS: MigrationSeed[] = [
  {
    since: 1,
    name: 'a console with one completed call and everything around it',
    seed: (db) => {
      db.exec(`
        INSERT INTO settings (key, value) VALUES ('console.currentUserId', '"seed-agent"'), ('contact.callingHoursEnforced', 'true');
        INSERT INTO people (id, name, role, created_at) VALUES
          ('seed-agent', 'Seed Agent', 'agent', '${NOW}'),
          ('seed-manager', 'Seed Manager', 'manager', '${NOW}');
        INSERT INTO cycles (id, name, kind, starts_on, ends_on, created_at) VALUES
          ('2026-10', 'October 2026', 'monthly', '2026-10-01', '2026-10-31', '${NOW}');
        INSERT INTO reason_categories (id, name, approach, recoverable, sort) VALUES
          ('seed-category', 'Seeded category', 'Listen first.', 1, 99);
        INSERT INTO reasons (id, category_id, name, sort) VALUES ('seed-category.reason', 'seed-category', 'Seeded reason', 0);
        INSERT INTO reason_phrases (phrase, reason_id) VALUES ('seeded phrasing', 'seed-category.reason');
        INSERT INTO customers (id, external_id, name, company, phone, email, timezone, segment, product, monthly_revenue,
          tenure_months, departed_at, last_activity_at, stated_reason_text, stated_reason_id, frontline_rep, frontline_team,
          notes, cycle_id, assigned_to, do_not_contact, attempts, last_outcome, callback_at, created_at, updated_at)
        VALUES
          (1, 'SEED-1', 'Ada Seed', 'Seed Ltd', '+1 555-0101', 'ada@example.invalid', 'Europe/Berlin', 'Month-to-month',
            'Fiber optic', 89.95, 14, '2026-10-01', '2026-09-28', 'Seeded phrasing', 'seed-category.reason', 'Rep Seed',
            'Team Seed', 'Prefers mornings', '2026-10', 'seed-agent', 0, 1, 'considering', NULL, '${NOW}', '${NOW}'),
          (2, 'SEED-2', 'Bruno Seed', NULL, '+1 555-0102', NULL, NULL, 'One year', 'DSL', NULL, NULL, NULL, NULL, NULL, NULL,
            NULL, NULL, NULL, NULL, NULL, 1, 0, NULL, NULL, '${NOW}', '${NOW}');
        INSERT INTO offers (id, name, type, talking_points, percent, duration_months, generates_code) VALUES
          ('seed-offer', 'Seeded discount', 'discount', 'Twenty percent for three months.', 20, 3, 1);
        INSERT INTO offer_rules (id, priority, category_id, reason_id, product, segment, min_revenue, max_revenue, offer_id) VALUES
          ('seed-rule', 5, 'seed-category', NULL, 'Fiber optic', NULL, 50, NULL, 'seed-offer');
        INSERT INTO calls (id, customer_id, caller_id, caller_role, cycle_id, started_at, completed_at, outcome, callback_at,
          reactivation_until, customer_words, reason_confirmed, offer_skipped_because)
        VALUES ('seed-call', 1, 'seed-agent', 'agent', '2026-10', '2026-10-02T14:00:00Z', '2026-10-02T14:20:00Z', 'considering',
          NULL, '2026-11-02', 'The price went up twice.', 1, NULL);
        INSERT INTO call_stages (call_id, stage, note, detail) VALUES
          ('seed-call', 'apologize', 'Apologised for the price rise.', '{}'),
          ('seed-call', 'listen', 'Price went up twice this year.', '{"minutes":4}'),
          ('seed-call', 'diagnose', '', '{"confirmed":true}'),
          ('seed-call', 'assist', 'Explained the plans.', '{}'),
          ('seed-call', 'offer', 'Offered the discount.', '{"offerId":"seed-offer"}');
        INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES ('seed-call', 'seed-category.reason', 1);
        INSERT INTO call_offers (call_id, offer_id, code, answer) VALUES ('seed-call', 'seed-offer', 'WB-SEED-0001', 'considering');
        INSERT INTO call_drafts (customer_id, caller_id, state, updated_at) VALUES (2, 'seed-agent', '{"stage":"listen","notes":"half way"}', '${NOW}');
        INSERT INTO feedback (id, call_id, customer_id, frontline_rep, frontline_team, text, status, created_at) VALUES
          ('seed-feedback', 'seed-call', 1, 'Rep Seed', 'Team Seed', 'Announce price rises before the bill.', 'shared', '${NOW}');
        INSERT INTO outbox (id, kind, payload, created_at, sent_at) VALUES
          ('00000000-0000-4000-8000-000000000001', 'call.completed', '{"callId":"seed-call"}', '${NOW}', NULL),
          ('00000000-0000-4000-8000-000000000002', 'customer.departed', '{"externalId":"SEED-1"}', '${NOW}', '${NOW}');
        INSERT INTO audit_log (at, actor_id, action, entity, entity_id, detail) VALUES
          ('${NOW}', 'seed-agent', 'call.complete', 'call', 'seed-call', '{"outcome":"considering"}');
      `);
    },
  },
  {
    since: 2,
    name: 'rows that point into the default taxonomy and playbook',
    seed: (db) => {
      db.exec(`
        INSERT INTO customers (id, external_id, name, phone, segment, monthly_revenue, stated_reason_text, stated_reason_id,
          cycle_id, attempts, last_outcome, created_at, updated_at)
        VALUES (3, 'SEED-3', 'Chioma Seed', '+1 555-0103', 'Two year', 104.2, 'Price too high', 'price.too-expensive',
          '2026-10', 1, 'recovered', '${NOW}', '${NOW}');
        INSERT INTO calls (id, customer_id, caller_id, caller_role, cycle_id, started_at, completed_at, outcome, customer_words, reason_confirmed)
        VALUES ('seed-call-2', 3, 'seed-manager', 'manager', '2026-10', '2026-10-03T09:00:00Z', '2026-10-03T09:12:00Z', 'recovered',
          'A competitor offered more.', 1);
        INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES ('seed-call-2', 'competitor.better-offer', 1),
          ('seed-call-2', 'price.too-expensive', 0);
      `);
    },
  },
  {
    since: 3,
    name: 'an import with its saved mapping, selection rules, value bands, segment points and a selected customer',
    seed: (db) => {
      db.exec(`
        INSERT INTO import_mappings (name, mapping, updated_at) VALUES ('CRM export',
          '{"columns":{"externalId":"Customer ID","name":"Name","phone":"Phone","monthlyRevenue":"MonthlyCharges"},"departedWhen":{"column":"Churn","equals":"Yes"}}',
          '${NOW}');
        INSERT INTO imports (id, file_name, at, actor_id, imported, updated, skipped, invalid, no_contact, unmapped) VALUES
          ('seed-import', 'departures-october.csv', '${NOW}', 'seed-manager', 120, 4, 2, 1, 3, 5);
        INSERT INTO selection_rules (id, name, conditions, enabled, sort, updated_at) VALUES
          ('seed-rule-high', 'High value', '[{"field":"monthlyRevenue","op":">=","value":80}]', 1, 0, '${NOW}'),
          ('seed-rule-fiber', 'Fiber leavers', '[{"field":"product","op":"is","value":"Fiber optic"},{"field":"departedWithinDays","op":"<=","value":60}]', 0, 1, '${NOW}');
        INSERT INTO value_bands (name, min_revenue, points) VALUES ('Gold', 100, 15), ('Silver', 50, 5.5);
        INSERT INTO segment_points (segment, points) VALUES ('Two year', 10), ('Month-to-month', -2.5);
        INSERT INTO customers (id, external_id, name, phone, segment, product, monthly_revenue, departed_at, stated_reason_id,
          cycle_id, selected, selected_by, value_band, priority_base, priority_detail, created_at, updated_at)
        VALUES (4, 'SEED-4', 'Dara Seed', '+1 555-0104', 'Two year', 'Fiber optic', 112.5, '2026-09-30', 'price.too-expensive',
          '2026-10', 1, 'High value', 'Gold', 71.25, '{"revenue":40,"recency":6.3,"band":15,"segment":10}', '${NOW}', '${NOW}');
      `);
    },
  },
  {
    since: 4,
    name: 'an amended call with a customer-local callback, a summary and an alternative-product offer',
    seed: (db) => {
      db.exec(`
        INSERT INTO offers (id, name, type, talking_points, product, generates_code) VALUES
          ('seed-offer-product', 'Move to DSL', 'alternative_product', 'Same service, a smaller bill.', 'DSL', 0);
        INSERT INTO calls (id, customer_id, caller_id, caller_role, cycle_id, started_at, completed_at, outcome, callback_at,
          callback_local, summary, customer_words, reason_confirmed)
        VALUES ('seed-call-3', 4, 'seed-agent', 'agent', '2026-10', '2026-10-04T10:00:00Z', '2026-10-04T10:09:00Z', 'callback',
          '2026-10-06T15:00:00Z', '2026-10-06T17:00', 'Wants to talk it over at home.', 'Call me on Tuesday.', 0);
        INSERT INTO call_offers (call_id, offer_id, code, answer) VALUES ('seed-call-3', 'seed-offer-product', NULL, 'considering');
        INSERT INTO call_amendments (id, call_id, amended_at, amended_by, note, old_values, new_values) VALUES
          ('seed-amendment', 'seed-call', '2026-10-05T08:00:00Z', 'seed-manager', 'The customer confirmed the reason later.',
            '{"reasonConfirmed":false}', '{"reasonConfirmed":true}');
        UPDATE customers SET callback_at = '2026-10-06T15:00:00Z', last_outcome = 'callback', attempts = 1 WHERE id = 4;
      `);
    },
  },
  {
    since: 5,
    name: 'an issue to fix linked to a reason and a call, and feedback whose status was changed',
    seed: (db) => {
      db.exec(`
        INSERT INTO issues (id, title, owner, description, status, created_by, created_at, updated_at, fixed_at) VALUES
          ('seed-issue', 'Price rises announced too late', 'Billing', 'Customers learn of rises from the bill.', 'in_progress',
            'seed-manager', '${NOW}', '2026-10-06T09:00:00Z', NULL),
          ('seed-issue-fixed', 'Outage credits missing', 'Network', '', 'fixed', 'seed-manager', '${NOW}',
            '2026-10-07T09:00:00Z', '2026-10-07T09:00:00Z');
        INSERT INTO issue_reasons (issue_id, reason_id) VALUES ('seed-issue', 'price.too-expensive'), ('seed-issue', 'seed-category.reason');
        INSERT INTO issue_calls (issue_id, call_id) VALUES ('seed-issue', 'seed-call'), ('seed-issue', 'seed-call-2');
        UPDATE feedback SET status = 'coached', status_changed_at = '2026-10-06T09:30:00Z', status_changed_by = 'seed-manager'
          WHERE id = 'seed-feedback';
      `);
    },
  },
  {
    since: 6,
    name: 'a recovered customer in intensive care with a review and imported indicators, and one lost again',
    seed: (db) => {
      db.exec(`
        INSERT INTO care_enrolments (id, customer_id, recovery_call_id, recovered_on, owner_id, status, next_review_on, enrolled_at,
          relost_on, relost_at, relost_by, relost_source, relost_note, withdrawn_at)
        VALUES
          ('seed-enrolment', 3, 'seed-call-2', '2026-10-03', 'seed-manager', 'active', '2026-11-03', '2026-10-03T09:12:00Z',
            NULL, NULL, NULL, NULL, '', NULL),
          ('seed-enrolment-relost', 1, 'seed-call', '2026-10-02', 'seed-agent', 'relost', NULL, '2026-10-02T14:20:00Z',
            '2026-10-20', '2026-10-21T08:00:00Z', 'seed-manager', 'import', 'Left again in the October export.', NULL);
        INSERT INTO care_reviews (id, enrolment_id, due_on, reviewed_at, reviewed_on, reviewer_id, service_contacts, purchases, spend,
          support_tickets, satisfaction, note, verdict, outreach, outreach_note, next_review_on)
        VALUES ('seed-review', 'seed-enrolment', '2026-10-17', '2026-10-17T10:00:00Z', '2026-10-17', 'seed-manager', 2, 1, 104.2,
          0, 4, 'Settled in on the new plan.', 'healthy', 'phone_call', 'Thanked them for staying.', '2026-11-03');
        INSERT INTO care_indicators (enrolment_id, service_contacts, purchases, spend, support_tickets, satisfaction, imported_at,
          file_name, imported_by)
        VALUES ('seed-enrolment', 1, 0, 98.5, 1, NULL, '2026-10-30T07:00:00Z', 'care-indicators-october.csv', 'seed-manager');
      `);
    },
  },
  {
    since: 7,
    name: 'report summaries: a customer with an unmapped stated text and a call corrected after it was made',
    // The summary tables of version 7 (customer_facts, call_facts, diagnosed_customer_counts and the
    // reason cells) are written by its triggers from these rows, as a console of that version writes them.
    seed: (db) => {
      db.exec(`
        INSERT INTO customers (id, external_id, name, phone, segment, product, monthly_revenue, departed_at, stated_reason_text,
          stated_reason_id, frontline_team, cycle_id, attempts, last_outcome, created_at, updated_at)
        VALUES (70, 'SEED-70', 'Dara Seed', '+1 555-0170', 'One year', 'DSL', 42.75, '2026-10-12', 'Left because of the dog', NULL,
          'Team Seed', '2026-10', 1, 'recovered', '${NOW}', '${NOW}');
        INSERT INTO calls (id, customer_id, caller_id, caller_role, cycle_id, started_at, completed_at, outcome, customer_words, reason_confirmed)
        VALUES ('seed-call-70', 70, 'seed-agent', 'agent', NULL, '2026-10-14T10:00:00Z', '2026-10-14T10:09:00Z', 'declined',
          'We moved to the countryside.', 1);
        INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES ('seed-call-70', 'price.too-expensive', 1);
        UPDATE calls SET outcome = 'recovered' WHERE id = 'seed-call-70';
        DELETE FROM call_reasons WHERE call_id = 'seed-call-70';
        INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES ('seed-call-70', 'changed-needs.moved', 1);
      `);
    },
  },
  {
    since: 12,
    name: 'a fixed issue with its note, an outreach by call and email, one message sent, and an unsubscribe from the hub',
    seed: (db) => {
      db.exec(`
        INSERT INTO issue_fixes (issue_id, what_changed, fixed_on, recorded_by, recorded_at)
        VALUES ('seed-issue-fixed', 'Outage credits now appear on the next bill by themselves.', '2026-10-07', 'seed-manager', '${NOW}');
        INSERT INTO outreaches (id, name, issue_id, kind, what_changed, fixed_on, by_call, message_channel, codes_valid_until,
          window_closes_on, excluded, created_by, created_at)
        VALUES ('seed-outreach', 'Outage credits fixed', 'seed-issue-fixed', 'what_changed',
          'Outage credits now appear on the next bill by themselves.', '2026-10-07', 1, 'email', '2026-11-06', NULL,
          '{"Marked do not contact":1}', 'seed-manager', '${NOW}');
        INSERT INTO outreach_members (outreach_id, customer_id, by_call, requeued, message_state, problem, template_id, to_address,
          subject, body, message_id, offer_id, code, code_expires_on, unsubscribe_url, composed_at, attempts, uncertain,
          next_attempt_at, sent_at, exported_at)
        VALUES ('seed-outreach', 1, 1, 0, 'sent', NULL, NULL, 'ada@example.invalid', 'We fixed what you told us about',
          'Dear Ada, outage credits now appear by themselves.', '<seed-outreach-1@winback.invalid>', NULL, NULL, NULL, NULL,
          '${NOW}', 1, 0, NULL, '${NOW}', NULL);
        INSERT INTO outreach_objections (hub_id, external_id, message_id, channel, objected_at, received_at)
        VALUES (1, 'SEED-1', '<seed-outreach-1@winback.invalid>', 'email', '2026-10-08T08:00:00Z', '2026-10-08T08:05:00Z');
      `);
    },
  },
  {
    since: 13,
    name: 'presence and pauses: an agent back from coaching, in a call at Listen',
    seed: (db) => {
      db.exec(`
        INSERT INTO pauses (id, person_id, reason_id, reason_label, started_at, ended_at)
        VALUES ('seed-pause', 'seed-agent', 'coaching', 'Coaching', '2026-10-02T13:00:00.000Z', '2026-10-02T13:25:00.000Z');
        INSERT INTO desk_presence (person_id, state, customer_id, call_id, stage, since)
        VALUES ('seed-agent', 'in_call', 70, 'seed-open-call', 'listen', '2026-10-02T14:28:00.000Z');
      `);
    },
  },
  {
    since: 14,
    name: 'a call opened outside calling hours with a reason, a customer waiting for the retry cadence, an inferred zone',
    seed: (db) => {
      db.exec(`
        INSERT INTO call_openings (call_id, customer_id, caller_id, opened_at, outside_hours_reason)
        VALUES ('seed-opening', 1, 'seed-agent', '${NOW}', 'Customer asked for an early call.');
        UPDATE customers SET next_attempt_at = '2026-10-02T16:30:00.000Z', timezone_source = 'phone',
          timezone_candidates = '["America/New_York","America/Chicago"]' WHERE id = 2;
      `);
    },
  },
  {
    since: migration015Permissions.version,
    name: 'a ledger with a manager entry, an expired one, an imported list and a change waiting for the hub; a consent given on a call',
    seed: (db) => {
      db.exec(`
        INSERT INTO permission_entries (id, uid, kind, value, scope, source, note, added_at, added_by, expires_at, expired_at, expired_by) VALUES
          (1, 'seed-entry-1', 'phone', '+15550102', 'call', 'manager', 'Asked by letter', '${NOW}', 'Seed Manager', NULL, NULL, NULL),
          (2, 'seed-entry-2', 'customer', 'SEED-1', 'email', 'customer', NULL, '${NOW}', 'Seed Agent', NULL, '${NOW}', 'Seed Manager');
        INSERT INTO permission_lists (id, uid, name, scope, registry, size, added_at, added_by) VALUES
          (1, 'seed-list', 'Registry extract', 'call', 1, 1, '${NOW}', 'Seed Manager');
        INSERT INTO permission_list_values (value, list_id) VALUES ('+15550199', 1);
        INSERT INTO permission_outbox (seq, uid, change) VALUES (1, 'seed-change', '{"type":"entry"}');
        INSERT INTO consents (customer_id, call_id, channel, answer, wording, asked_at, agent_id, agent_name)
        VALUES (1, 'seed-call', 'email', 'yes', 'May we email you about our services and offers?', '${NOW}', 'seed-agent', 'Seed Agent');
        UPDATE customers SET phone_key = '+15550102', call_blocked = 1 WHERE id = 2;
      `);
    },
  },
  {
    since: migration016CallLeases.version,
    name: 'a customer leased by an open call',
    seed: (db) => {
      db.exec(`
        INSERT INTO call_leases (customer_id, call_id, person_id, leased_at, expires_at)
        VALUES (1, 'seed-lease-call', 'seed-agent', '${NOW}', '2026-10-01T16:30:00.000Z');
      `);
    },
  },
  {
    since: migration017Effect.version,
    name: 'a cycle with a 10% control group, a returned customer, a costed offer, an experiment and a timed call',
    seed: (db) => {
      db.exec(`
        INSERT INTO cycle_controls (cycle_id, share_percent, set_at, set_by) VALUES ('2026-10', 10, '${NOW}', 'seed-manager');
        UPDATE customers SET returned_on = '2026-10-20', returned_revenue = 79.95 WHERE id = 1;
        UPDATE offers SET cost_model = 'discount', cost_percent = 20, cost_months = 3 WHERE id = 'seed-offer';
        INSERT INTO experiments (id, name, base_offer_id, started_at, started_by) VALUES ('seed-experiment', 'Seeded discount or not', 'seed-offer', '${NOW}', 'seed-manager');
        INSERT INTO experiment_variants (experiment_id, offer_id, weight) VALUES ('seed-experiment', 'seed-offer', 1);
        INSERT INTO call_timings (call_id, talk_ms, wrap_ms, apologize_ms, listen_ms, diagnose_ms, assist_ms, offer_ms)
        VALUES ('seed-call', 1080000, 120000, 60000, 480000, 240000, 180000, 120000);
      `);
    },
  },
  {
    since: migration018KeepInTouch.version,
    name: 'a declined customer told by an outreach email, with a consent answer',
    seed: (db) => {
      db.exec(`
        INSERT INTO consents (customer_id, call_id, channel, answer, wording, asked_at, agent_id, agent_name)
        VALUES (1, 'seed-call', 'email', 'yes', 'May we email you when something changes?', '${NOW}', 'seed-agent', 'Seed Agent');
      `);
    },
  },
  {
    since: migration019EffectSummaries.version,
    name: 'an accepted offer kept in the per-customer summary, and a guidance experiment whose winner is in the playbook',
    seed: (db) => {
      db.exec(`
        UPDATE call_offers SET answer = 'accepted' WHERE call_id = 'seed-call';
        INSERT INTO guidance_experiments (id, name, stage, started_at, started_by, ended_at, ended_by, winner_variant_id, decision_note)
        VALUES ('seed-guidance', 'Shorter apology', 'apologize', '${NOW}', 'seed-manager', '${NOW}', 'seed-manager', 'seed-guidance-b', 'Shorter won.');
        INSERT INTO guidance_variants (id, experiment_id, label, text, weight, position) VALUES
          ('seed-guidance-a', 'seed-guidance', 'Standard', '', 1, 0),
          ('seed-guidance-b', 'seed-guidance', 'Shorter', 'Say sorry in one sentence, then ask what happened.', 1, 1);
        INSERT INTO stage_guidance (stage, text, set_at, set_by, experiment_id)
        VALUES ('apologize', 'Say sorry in one sentence, then ask what happened.', '${NOW}', 'seed-manager', 'seed-guidance');
      `);
    },
  },
  {
    since: migration023TaxonomyNames.version,
    name: "a manager's own names for a reason and a category in other languages",
    seed: (db) => {
      db.exec(`
        INSERT INTO reason_names (reason_id, language, name) VALUES ('seed-category.reason', 'es', 'Motivo sembrado'), ('price.too-expensive', 'de', 'Zu teuer für uns');
        INSERT INTO category_names (category_id, language, name) VALUES ('seed-category', 'fr', 'Catégorie semée');
      `);
    },
  },
];
