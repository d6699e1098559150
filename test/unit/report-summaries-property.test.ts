import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { openDatabase, type Db } from '../../db/open';
import { prepareCustomerUpsert, type CustomerInput } from '../../db/repos/customers';
import { mapReasonText } from '../../db/repos/unmappedReasons';
import { filterCombinations, reportsDifferingFromRaw, summaryDifferences } from '../helpers/reportSummaries';

/**
 * Random histories of a console, written the way every writer writes (the import's upsert, the call
 * screen's rows, amendments rewriting them and answering offers again, mapping a stated text later,
 * and a few changes no screen makes today but a later one or a sync might), with every outcome, no
 * answer and wrong number included: after each step the summary tables (and the call chains) equal a
 * rebuild from scratch, and at the end every report equals the report as computed before the
 * summaries existed, under every filter, over ranges of days and one person's calls among others'.
 */

const SEGMENTS = ['Month-to-month', 'One year', null] as const;
const PRODUCTS = ['DSL', 'Fiber optic', null] as const;
const TEAMS = ['Billing desk', null] as const;
const REVENUES = [null, 0, 10.5, 20.25, 33.33, 99.99, 0.1, 0.2] as const;
const CYCLES = ['2026-10', '2026-11', null] as const;
const DAYS = [null, '2026-10-03', '2026-10-20', '2026-11-02', '2026-11-15'] as const;
const REASONS = ['price.too-expensive', 'price.extra-charges', 'competitor.better-offer', 'service.support-attitude'] as const;
const TEXTS = ['Moved', 'moved', 'Пропал интернет', '  ', null] as const;
const CALLERS = [
  { id: 'p-agent', role: 'agent' },
  { id: 'p-exec', role: 'executive' },
  { id: 'p-manager', role: 'manager' },
] as const;
const OUTCOMES = ['recovered', 'declined', 'no_answer', 'wrong_number', 'considering', 'callback'] as const;
const CALL_TIMES = ['2026-10-05T10:00:00.000Z', '2026-10-15T23:59:59.000Z', '2026-10-16T00:00:00.000Z', '2026-11-03T08:00:00.000Z', '2026-11-10T12:00:00.000Z'];
const OFFERS = ['offer.loyalty-discount', 'offer.differentiators', 'offer.pause'] as const;
const ANSWERS = ['accepted', 'declined', 'not_offered'] as const;

const customerFacts = fc.record({
  segment: fc.constantFrom(...SEGMENTS),
  product: fc.constantFrom(...PRODUCTS),
  team: fc.constantFrom(...TEAMS),
  revenue: fc.constantFrom(...REVENUES),
  cycle: fc.constantFrom(...CYCLES),
  departed: fc.constantFrom(...DAYS),
  stated: fc.oneof(fc.constantFrom(...REASONS), fc.constant(null)),
  text: fc.constantFrom(...TEXTS),
});

const step = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('customer' as const), facts: customerFacts }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reimport' as const), who: fc.nat(), facts: customerFacts }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('call' as const),
      who: fc.nat(),
      caller: fc.nat(CALLERS.length - 1),
      outcome: fc.constantFrom(...OUTCOMES),
      at: fc.constantFrom(...CALL_TIMES),
      ownCycle: fc.constantFrom(...CYCLES),
      primary: fc.oneof(fc.constantFrom(...REASONS), fc.constant(null)),
      secondary: fc.oneof(fc.constantFrom(...REASONS), fc.constant(null)),
      offer: fc.record({ id: fc.constantFrom(...OFFERS), answer: fc.constantFrom(...ANSWERS) }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('amend' as const),
      which: fc.nat(),
      outcome: fc.option(fc.constantFrom(...OUTCOMES), { nil: undefined }),
      primary: fc.option(fc.oneof(fc.constantFrom(...REASONS), fc.constant(null)), { nil: undefined }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('offer' as const),
      which: fc.nat(),
      offer: fc.record({ id: fc.constantFrom(...OFFERS), answer: fc.constantFrom(...ANSWERS) }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('map' as const), text: fc.constantFrom('moved', 'Пропал интернет'), reason: fc.constantFrom(...REASONS) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('odd' as const),
      which: fc.nat(),
      who: fc.nat(),
      what: fc.constantFrom('move call', 'redate call', 'recycle call', 'delete call', 'new caller', 'stated text only', 'withdraw offer'),
    }),
  },
);

/** A console at the newest schema, or (version) at an older one, to be upgraded after its history. */
function freshDb(version?: number): Db {
  let db: Db;
  if (version === undefined) db = openDatabase(':memory:');
  else {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, version));
  }
  db.exec(`
    INSERT INTO people (id, name, role, created_at) VALUES
      ('p-agent', 'Ann Agent', 'agent', '2026-10-01'), ('p-exec', 'Eve Executive', 'executive', '2026-10-01'),
      ('p-manager', 'Mia Manager', 'manager', '2026-10-01');
    INSERT INTO cycles (id, name, kind, starts_on, ends_on, created_at) VALUES
      ('2026-10', 'October 2026', 'monthly', '2026-10-01', '2026-10-31', '2026-10-01'),
      ('2026-11', 'November 2026', 'monthly', '2026-11-01', '2026-11-30', '2026-10-01');
  `);
  return db;
}

type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;
type Facts = Extract<Step, { kind: 'customer' }>['facts'];

function input(externalId: string, f: Facts): CustomerInput {
  return {
    externalId,
    name: `Customer ${externalId}`,
    company: null,
    phone: '+1 555-0100',
    email: null,
    timezone: null,
    segment: f.segment,
    product: f.product,
    monthlyRevenue: f.revenue,
    tenureMonths: null,
    departedAt: f.departed,
    lastActivityAt: null,
    statedReasonText: f.stated === null ? f.text : 'as stated',
    statedReasonId: f.stated,
    frontlineRep: null,
    frontlineTeam: f.team,
    notes: null,
    cycleId: f.cycle,
  };
}

function apply(db: Db, s: Step, n: number): void {
  const customers = db.prepare('SELECT external_id FROM customers ORDER BY id').pluck().all() as string[];
  const calls = db.prepare('SELECT id FROM calls ORDER BY rowid').pluck().all() as string[];
  const customerAt = (i: number) => customers[i % Math.max(1, customers.length)];
  const callAt = (i: number) => calls[i % Math.max(1, calls.length)];
  const writeReasons = (callId: string, primary: string | null, secondary: string | null) => {
    if (primary) db.prepare('INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES (?, ?, 1)').run(callId, primary);
    if (secondary && secondary !== primary) db.prepare('INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES (?, ?, 0)').run(callId, secondary);
  };
  db.transaction(() => {
    switch (s.kind) {
      case 'customer':
        prepareCustomerUpsert(db)(input(`C${n}`, s.facts), '2026-10-01T00:00:00Z');
        return;
      case 'reimport': {
        const who = customerAt(s.who);
        if (who) prepareCustomerUpsert(db)(input(who, s.facts), '2026-11-01T00:00:00Z');
        return;
      }
      case 'call': {
        const who = customerAt(s.who);
        const caller = CALLERS[s.caller] ?? CALLERS[0];
        if (!who) return;
        const id = `K${n}`;
        // As the call screen writes it: the call first, then its reasons and offers.
        db.prepare(
          `INSERT INTO calls (id, customer_id, caller_id, caller_role, cycle_id, started_at, completed_at, outcome)
           VALUES (?, (SELECT id FROM customers WHERE external_id = ?), ?, ?, ?, ?, ?, ?)`,
        ).run(id, who, caller.id, caller.role, s.ownCycle, s.at, s.at, s.outcome);
        writeReasons(id, s.primary, s.secondary);
        db.prepare('INSERT INTO call_offers (call_id, offer_id, answer) VALUES (?, ?, ?)').run(id, s.offer.id, s.offer.answer);
        return;
      }
      case 'amend': {
        const id = callAt(s.which);
        if (!id) return;
        // As amendCall writes it: the outcome in place, the reasons deleted and written again.
        if (s.outcome) db.prepare('UPDATE calls SET outcome = ? WHERE id = ?').run(s.outcome, id);
        if (s.primary !== undefined) {
          db.prepare('DELETE FROM call_reasons WHERE call_id = ?').run(id);
          writeReasons(id, s.primary, null);
        }
        return;
      }
      case 'offer': {
        // As amendCall writes an offer answered on a correction: a new row, or the answer changed.
        const id = callAt(s.which);
        if (!id) return;
        db.prepare(
          `INSERT INTO call_offers (call_id, offer_id, answer) VALUES (?, ?, ?)
           ON CONFLICT(call_id, offer_id) DO UPDATE SET answer = excluded.answer`,
        ).run(id, s.offer.id, s.offer.answer);
        return;
      }
      case 'map':
        mapReasonText(db, s.text, s.reason, '2026-11-05T00:00:00Z');
        return;
      case 'odd': {
        const id = callAt(s.which);
        const who = customerAt(s.who);
        if (s.what === 'stated text only' && who) {
          db.prepare("UPDATE customers SET stated_reason_text = stated_reason_text || ' again' WHERE external_id = ?").run(who);
        }
        if (!id || !who) return;
        if (s.what === 'move call') db.prepare('UPDATE calls SET customer_id = (SELECT id FROM customers WHERE external_id = ?) WHERE id = ?').run(who, id);
        if (s.what === 'redate call') db.prepare("UPDATE calls SET completed_at = '2026-11-20T09:00:00.000Z' WHERE id = ?").run(id);
        if (s.what === 'recycle call') db.prepare('UPDATE calls SET cycle_id = CASE WHEN cycle_id IS NULL THEN ? ELSE NULL END WHERE id = ?').run('2026-10', id);
        if (s.what === 'new caller') db.prepare("UPDATE calls SET caller_id = 'p-exec', caller_role = 'executive' WHERE id = ?").run(id);
        if (s.what === 'withdraw offer') db.prepare('DELETE FROM call_offers WHERE call_id = ? AND rowid = (SELECT min(rowid) FROM call_offers WHERE call_id = ?)').run(id, id);
        if (s.what === 'delete call') {
          for (const t of ['call_offers', 'call_reasons', 'call_stages']) db.prepare(`DELETE FROM ${t} WHERE call_id = ?`).run(id);
          db.prepare('DELETE FROM calls WHERE id = ?').run(id);
        }
        return;
      }
    }
  })();
}

const FILTER_VALUES = {
  cycleId: '2026-10',
  segment: 'Month-to-month',
  product: 'DSL',
  team: 'Billing desk',
  callerId: 'p-agent',
  from: '2026-10-15',
  to: '2026-11-10',
};
// Also one person's calls over a range of days, a customer filter over a range, and open ranges within a cycle.
const FILTERS = [
  ...filterCombinations(FILTER_VALUES),
  { callerId: FILTER_VALUES.callerId, from: FILTER_VALUES.from, to: FILTER_VALUES.to },
  { segment: FILTER_VALUES.segment, from: FILTER_VALUES.from, to: FILTER_VALUES.to },
  { cycleId: FILTER_VALUES.cycleId, from: FILTER_VALUES.from },
  { cycleId: FILTER_VALUES.cycleId, to: FILTER_VALUES.to, product: FILTER_VALUES.product },
];

describe('the report summaries under random histories', () => {
  it('stay equal to a rebuild after every step, and every report equals the one read from the raw rows', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 45 }), (steps) => {
        const db = freshDb();
        try {
          steps.forEach((s, i) => {
            apply(db, s, i);
            expect(summaryDifferences(db), `after step ${i}: ${JSON.stringify(s)}`).toEqual([]);
          });
          expect(reportsDifferingFromRaw(db, FILTERS)).toEqual([]);
        } finally {
          db.close();
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('built from such a history by the upgrade from version 7, equal a rebuild, and every report equals the one read from the raw rows', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 45 }), (steps) => {
        const db = freshDb(7);
        try {
          steps.forEach((s, i) => apply(db, s, i));
          migrate(db);
          expect(summaryDifferences(db)).toEqual([]);
          expect(reportsDifferingFromRaw(db, FILTERS)).toEqual([]);
        } finally {
          db.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
