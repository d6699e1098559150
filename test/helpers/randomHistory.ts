import fc from 'fast-check';
import Database from 'better-sqlite3';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { openDatabase, type Db } from '../../db/open';
import { prepareCustomerUpsert, type CustomerInput } from '../../db/repos/customers';
import { mapReasonText } from '../../db/repos/unmappedReasons';

/**
 * Random histories of a console, written the way every writer writes (the import's upsert, the call
 * screen's rows, amendments rewriting them and answering offers again, mapping a stated text later,
 * and a few changes no screen makes today but a later one or a sync might), with every outcome, no
 * answer and wrong number included. `step` draws one step, `apply` writes it in a transaction of its
 * own, `freshDb` is the console they start from.
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

export const step = fc.oneof(
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
export function freshDb(version?: number): Db {
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

export type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;
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

export function apply(db: Db, s: Step, n: number): void {
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

/**
 * One history that takes every trigger through cells other calls also hold: two customers with the
 * same facts and a third with others, several calls each with the same reason and offer (agents and
 * an executive), then every writer of `step` on them: offers answered again, made anew and taken
 * back, amendments of outcome and diagnosis, a re-import, a stated text mapped, and the odd changes.
 * Random histories reach such cells only now and then.
 */
export const SHARED_CELLS_HISTORY: Step[] = (() => {
  const same = { segment: 'Month-to-month', product: 'DSL', team: 'Billing desk', revenue: 20.25, cycle: '2026-10', departed: '2026-10-03', stated: 'price.too-expensive', text: null } as const;
  const other = { segment: 'One year', product: 'Fiber optic', team: null, revenue: 10.5, cycle: '2026-11', departed: '2026-11-02', stated: null, text: 'moved' } as const;
  const call = (who: number, caller: number, outcome: (typeof OUTCOMES)[number], at: number, primary: (typeof REASONS)[number] | null, answer: (typeof ANSWERS)[number]): Step => ({
    kind: 'call',
    who,
    caller,
    outcome,
    at: CALL_TIMES[at] ?? '2026-10-05T10:00:00.000Z',
    ownCycle: null,
    primary,
    secondary: null,
    offer: { id: 'offer.loyalty-discount', answer },
  });
  const odd = (what: Extract<Step, { kind: 'odd' }>['what'], which: number, who = 0): Step => ({ kind: 'odd', which, who, what });
  return [
    { kind: 'customer', facts: same },
    { kind: 'customer', facts: same },
    { kind: 'customer', facts: other },
    // Calls 0 to 6: each customer recovered and declined under the same reason and offer.
    call(0, 0, 'recovered', 0, 'price.too-expensive', 'accepted'),
    call(0, 0, 'declined', 1, 'price.too-expensive', 'declined'),
    call(1, 1, 'recovered', 1, 'price.too-expensive', 'accepted'),
    call(1, 0, 'recovered', 3, 'price.too-expensive', 'accepted'),
    call(1, 2, 'declined', 4, null, 'declined'),
    call(2, 0, 'recovered', 2, 'competitor.better-offer', 'accepted'),
    call(2, 1, 'no_answer', 3, 'competitor.better-offer', 'not_offered'),
    { kind: 'offer', which: 0, offer: { id: 'offer.loyalty-discount', answer: 'declined' } },
    { kind: 'offer', which: 2, offer: { id: 'offer.pause', answer: 'accepted' } },
    { kind: 'offer', which: 3, offer: { id: 'offer.pause', answer: 'accepted' } },
    { kind: 'offer', which: 6, offer: { id: 'offer.loyalty-discount', answer: 'accepted' } },
    { kind: 'amend', which: 0, outcome: 'declined', primary: undefined },
    { kind: 'amend', which: 2, outcome: undefined, primary: 'price.extra-charges' },
    { kind: 'amend', which: 3, outcome: 'considering', primary: null },
    { kind: 'amend', which: 4, outcome: 'recovered', primary: 'price.too-expensive' },
    { kind: 'reimport', who: 0, facts: { ...same, revenue: 33.33 } },
    { kind: 'reimport', who: 1, facts: { ...same, segment: 'One year', team: null } },
    { kind: 'map', text: 'moved', reason: 'service.support-attitude' },
    odd('withdraw offer', 2),
    odd('new caller', 1),
    odd('redate call', 5),
    odd('recycle call', 6),
    odd('recycle call', 2),
    odd('stated text only', 0, 2),
    odd('move call', 5, 0),
    odd('move call', 2, 2),
    { kind: 'reimport', who: 2, facts: { ...other, segment: 'Month-to-month', product: 'DSL', team: 'Billing desk' } },
    odd('delete call', 1),
    odd('delete call', 0),
    { kind: 'amend', which: 0, outcome: 'recovered', primary: 'price.extra-charges' },
  ];
})();
