import type Database from 'better-sqlite3';

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
];
