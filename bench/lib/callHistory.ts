import type { Db } from '../../db/open';
import { DEFAULT_OFFERS } from '../../shared/domain/offers';
import { OUTCOMES } from '../../shared/domain/outcomes';
import { DEFAULT_TAXONOMY } from '../../shared/domain/taxonomy';
import { PRODUCTS, SEGMENTS, seededRandom } from './fixtures';

/** Things customers say, with the commas, quotes and line breaks a CSV writer must get right. */
const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86_400_000;

const WORDS = [
  'The bill went up twice this year.',
  'Your competitor offered more data, and a phone.',
  'I moved to "the city" and you do not cover it.',
  'Support kept me waiting;\nthree times.',
  '',
];

/**
 * A year of completed calls on a console: `calls` calls over a third as many departed customers,
 * twelve monthly cycles, six callers, a primary diagnosed reason and an offer answer on every call
 * that reached the customer. Written in one transaction with statements prepared once.
 */
export function fillCallHistory(db: Db, calls: number, seed = 11): { calls: number; customers: number } {
  const rnd = seededRandom(seed);
  const customers = Math.max(1000, Math.round(calls / 3));
  const reasons = DEFAULT_TAXONOMY.flatMap((c) => c.reasons.map((r) => r.id));
  const offers = DEFAULT_OFFERS.map((o) => o.id);
  db.transaction(() => {
    const roles = ['agent', 'agent', 'agent', 'agent', 'executive', 'manager'] as const;
    const person = db.prepare('INSERT INTO people (id, name, role, created_at) VALUES (?, ?, ?, ?)');
    roles.forEach((role, i) => person.run(`bench-caller-${i}`, `Bench Caller ${i}`, role, '2025-01-01'));
    const cycle = db.prepare("INSERT INTO cycles (id, name, kind, starts_on, ends_on, created_at) VALUES (?, ?, 'monthly', ?, ?, '2025-01-01')");
    for (let m = 1; m <= 12; m += 1) {
      const id = `2025-${String(m).padStart(2, '0')}`;
      cycle.run(id, `Month ${m} 2025`, `${id}-01`, `${id}-28`);
    }
    const customer = db.prepare(
      `INSERT INTO customers (id, external_id, name, phone, segment, product, monthly_revenue, departed_at, stated_reason_text,
         stated_reason_id, frontline_team, cycle_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-01-01', '2025-01-01')`,
    );
    for (let i = 1; i <= customers; i += 1) {
      const month = String((i % 12) + 1).padStart(2, '0');
      const reason = reasons[i % reasons.length] ?? null;
      customer.run(
        i,
        `C${String(i).padStart(7, '0')}`,
        i % 50 === 0 ? `Customer ${i}, Jr. (fictional)` : `Customer ${i} (fictional)`,
        `+1 555-01${String(i % 100).padStart(2, '0')}`,
        SEGMENTS[i % 3],
        PRODUCTS[i % 3],
        Math.round((18 + rnd() * 100) * 100) / 100,
        `2025-${month}-${String((i % 27) + 1).padStart(2, '0')}`,
        reason,
        reason,
        `Team ${i % 4}`,
        `2025-${month}`,
      );
    }
    const call = db.prepare(
      `INSERT INTO calls (id, customer_id, caller_id, caller_role, cycle_id, started_at, completed_at, outcome, customer_words, reason_confirmed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const why = db.prepare('INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES (?, ?, 1)');
    const offer = db.prepare('INSERT INTO call_offers (call_id, offer_id, answer) VALUES (?, ?, ?)');
    for (let i = 1; i <= calls; i += 1) {
      const id = `K${String(i).padStart(8, '0')}`;
      const customerId = (i % customers) + 1;
      // Saved as they are completed: one every half minute or so through 2025, to the millisecond.
      const completed = new Date(YEAR_START + Math.floor(((i - 1 + rnd()) * YEAR_MS) / calls));
      const at = completed.toISOString();
      const month = at.slice(5, 7);
      const p = i % 6;
      const outcome = OUTCOMES[i % OUTCOMES.length] ?? 'declined';
      const reached = outcome !== 'no_answer' && outcome !== 'wrong_number';
      call.run(id, customerId, `bench-caller-${p}`, roles[p], `2025-${month}`, at, at, outcome, reached ? (WORDS[i % WORDS.length] ?? '') : '', reached ? 1 : 0);
      if (reached) {
        why.run(id, reasons[(i * 7) % reasons.length]);
        offer.run(id, offers[i % offers.length], outcome === 'recovered' ? 'accepted' : 'declined');
      }
    }
  })();
  return { calls, customers };
}
