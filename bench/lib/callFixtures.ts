import Database from 'better-sqlite3';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { cycleFor } from '../../shared/domain/cycles';
import { DEFAULT_OFFERS } from '../../shared/domain/offers';
import { DEFAULT_TAXONOMY } from '../../shared/domain/taxonomy';
import { seededRandom, PRODUCTS, SEGMENTS } from './fixtures';

export interface CallsFixture {
  calls: number;
  customers: number;
  agentIds: string[];
  /** Seconds to write the rows, and to upgrade them to the newest schema (migration 7 builds the report summaries). */
  writeSeconds: number;
  migrateSeconds: number;
}

const TEAMS = ['Billing desk', 'Support North', 'Support South', 'Retail stores', 'Online', 'Field service'] as const;
const OUTCOMES = ['recovered', 'recovered', 'declined', 'declined', 'declined', 'considering', 'callback', 'no_answer', 'no_answer', 'wrong_number'] as const;

/**
 * A console after a year of recovery calls: twelve monthly cycles, a departed customer per three
 * calls, 20 agents, 3 executives and a manager calling, most calls diagnosed (seven in ten find the
 * stated reason), an offer on most, a tenth of the customers with a stated text the taxonomy does not
 * know. Written straight into the tables at schema 6, in one transaction, then upgraded the way a
 * console is: migration 7 builds the report summaries from these rows. Deterministic for a seed.
 */
export function fillCalls(path: string, calls: number, seed = 7, customerCount?: number): CallsFixture {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  migrate(db, MIGRATIONS.slice(0, 6));
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const reasons = DEFAULT_TAXONOMY.flatMap((c) => c.reasons.map((r) => r.id));
  const offers = DEFAULT_OFFERS.map((o) => o.id);
  const cycles = Array.from({ length: 12 }, (_, i) => cycleFor(new Date(Date.UTC(2026, i, 1)), 'monthly'));
  const agentIds = Array.from({ length: 20 }, (_, i) => `bench-agent-${i}`);
  const executiveIds = Array.from({ length: 3 }, (_, i) => `bench-exec-${i}`);
  const customers = customerCount ?? Math.max(100, Math.round(calls / 3));
  const now = '2026-12-31T12:00:00.000Z';

  const started = performance.now();
  db.transaction(() => {
    const person = db.prepare('INSERT INTO people (id, name, role, created_at) VALUES (?, ?, ?, ?)');
    agentIds.forEach((id, i) => person.run(id, `Bench Agent ${i}`, 'agent', now));
    executiveIds.forEach((id, i) => person.run(id, `Bench Executive ${i}`, 'executive', now));
    person.run('bench-manager', 'Bench Manager', 'manager', now);
    const cycle = db.prepare('INSERT INTO cycles (id, name, kind, starts_on, ends_on, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const c of cycles) cycle.run(c.id, c.name, c.kind, c.startsOn, c.endsOn, now);

    const customer = db.prepare(
      `INSERT INTO customers (id, external_id, name, phone, segment, product, monthly_revenue, departed_at, stated_reason_text,
         stated_reason_id, frontline_team, cycle_id, created_at, updated_at)
       VALUES (?, ?, ?, '+1 555-0100', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const departed: { cycle: number; day: number; stated: string | null }[] = [];
    for (let i = 1; i <= customers; i += 1) {
      const c = Math.floor(rnd() * cycles.length);
      const day = 1 + Math.floor(rnd() * 28);
      const r = rnd();
      const stated = r < 0.1 ? null : pick(reasons);
      const text = stated === null ? (r < 0.05 ? `Left for reason ${Math.floor(r * 400)}` : null) : 'as stated';
      departed.push({ cycle: c, day, stated });
      customer.run(
        i,
        `BENCH-${String(i).padStart(7, '0')}`,
        `Customer ${i} (fictional)`,
        pick(SEGMENTS),
        pick(PRODUCTS),
        Math.round((18 + rnd() * 100) * 100) / 100,
        `${cycles[c]?.startsOn.slice(0, 8) ?? '2026-01-'}${String(day).padStart(2, '0')}`,
        text,
        stated,
        pick(TEAMS),
        cycles[c]?.id ?? null,
        now,
        now,
      );
    }

    const call = db.prepare(
      `INSERT INTO calls (id, customer_id, caller_id, caller_role, cycle_id, started_at, completed_at, outcome, reason_confirmed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const reason = db.prepare('INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES (?, ?, ?)');
    const offer = db.prepare('INSERT INTO call_offers (call_id, offer_id, answer) VALUES (?, ?, ?)');
    for (let i = 1; i <= calls; i += 1) {
      const customerId = 1 + Math.floor(rnd() * customers);
      const d = departed[customerId - 1] ?? { cycle: 0, day: 1, stated: null };
      // Calls follow the departure by a few days to a few weeks, so some land in the next month.
      const at = new Date(Date.UTC(2026, d.cycle, d.day + 1 + Math.floor(rnd() * 30), 9 + Math.floor(rnd() * 9)));
      const r = rnd();
      const [callerId, role] = r < 0.9 ? [pick(agentIds), 'agent'] : r < 0.98 ? [pick(executiveIds), 'executive'] : ['bench-manager', 'manager'];
      const outcome = pick(OUTCOMES);
      const id = `bench-call-${String(i).padStart(8, '0')}`;
      const iso = at.toISOString();
      const diagnosed = outcome !== 'no_answer' && outcome !== 'wrong_number';
      call.run(id, customerId, callerId, role, cycles[d.cycle]?.id ?? null, iso, iso, outcome, diagnosed ? 1 : 0);
      if (!diagnosed) continue;
      const primary = d.stated !== null && rnd() < 0.7 ? d.stated : pick(reasons);
      reason.run(id, primary, 1);
      if (rnd() < 0.3) {
        const other = pick(reasons);
        if (other !== primary) reason.run(id, other, 0);
      }
      if (rnd() < 0.8) offer.run(id, pick(offers), outcome === 'recovered' ? 'accepted' : pick(['declined', 'considering', 'not_offered']));
    }
  })();
  const writeSeconds = (performance.now() - started) / 1000;
  const migrating = performance.now();
  migrate(db);
  const migrateSeconds = (performance.now() - migrating) / 1000;
  db.pragma('optimize');
  db.close();
  return { calls, customers, agentIds, writeSeconds, migrateSeconds };
}
