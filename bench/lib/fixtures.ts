import { DEFAULT_TAXONOMY } from '../../shared/domain/taxonomy';
import { cycleFor } from '../../shared/domain/cycles';
import type { Db } from '../../db/open';

/** A small, fast, seeded generator: the same seed gives the same database on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SEGMENTS = ['Month-to-month', 'One year', 'Two year'] as const;
export const PRODUCTS = ['DSL', 'Fiber optic', 'No internet'] as const;
const SETTLED = ['recovered', 'declined', 'wrong_number', 'do_not_contact'] as const;
/** One open outcome in five is an agreed callback. */
const OPEN = ['considering', 'no_answer', 'no_answer', 'considering', 'callback'] as const;

export interface DepartedFixture {
  customers: number;
  cycleIds: string[];
  agentIds: string[];
  executiveIds: string[];
  /** The newest cycle: most of a queue's filters name it. */
  currentCycleId: string;
}

/**
 * Fills a migrated database with departed customers shaped like a real console's after a year:
 * twelve monthly cycles, most customers unassigned (a tenth with an agent, a few with an executive),
 * a quarter already called (settled or still open, 2.6% with an agreed callback, a few of them due),
 * 1% do-not-contact, 0.5% unrecoverable, 3% without a phone. Names and phones are plainly fictional.
 */
export function fillDeparted(db: Db, count: number, now: Date, seed = 42): DepartedFixture {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const nowIso = now.toISOString();
  const cycles = Array.from({ length: 12 }, (_, i) =>
    cycleFor(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)), 'monthly'),
  );
  const reasons = DEFAULT_TAXONOMY.flatMap((c) => c.reasons.map((r) => ({ id: r.id, recoverable: c.recoverable })));
  const recoverable = reasons.filter((r) => r.recoverable).map((r) => r.id);
  const unrecoverable = reasons.filter((r) => !r.recoverable).map((r) => r.id);
  const agentIds = Array.from({ length: 20 }, (_, i) => `bench-agent-${i}`);
  const executiveIds = Array.from({ length: 3 }, (_, i) => `bench-exec-${i}`);

  db.transaction(() => {
    const cycle = db.prepare(
      'INSERT OR IGNORE INTO cycles (id, name, kind, starts_on, ends_on, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const c of cycles) cycle.run(c.id, c.name, c.kind, c.startsOn, c.endsOn, nowIso);
    const person = db.prepare('INSERT OR IGNORE INTO people (id, name, role, created_at) VALUES (?, ?, ?, ?)');
    agentIds.forEach((id, i) => person.run(id, `Bench Agent ${i}`, 'agent', nowIso));
    executiveIds.forEach((id, i) => person.run(id, `Bench Executive ${i}`, 'executive', nowIso));

    const insert = db.prepare(`
      INSERT INTO customers (external_id, name, phone, email, timezone, segment, product, monthly_revenue,
        tenure_months, departed_at, stated_reason_text, stated_reason_id, frontline_rep, frontline_team, cycle_id,
        assigned_to, do_not_contact, attempts, last_outcome, callback_at, created_at, updated_at)
      VALUES (?, ?, ?, NULL, 'America/Chicago', ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (let i = 0; i < count; i += 1) {
      const c = pick(cycles);
      const r = rnd();
      const outcome = r < 0.12 ? pick(SETTLED) : r < 0.25 ? pick(OPEN) : null;
      // Callbacks are agreed for the next two weeks; agents work due ones first, so few are overdue.
      const callbackAt =
        outcome === 'callback' ? new Date(now.getTime() + (rnd() * 16 - 2) * 86_400_000).toISOString() : null;
      const a = rnd();
      const assigned = a < 0.1 ? pick(agentIds) : a < 0.105 ? pick(executiveIds) : null;
      insert.run(
        `BENCH-${String(i).padStart(7, '0')}`,
        `Customer ${i} (fictional)`,
        rnd() < 0.03 ? null : `+1 555-01${String(i % 100).padStart(2, '0')}`,
        pick(SEGMENTS),
        pick(PRODUCTS),
        Math.round((18 + rnd() * 100) * 100) / 100,
        Math.floor(rnd() * 72),
        c.startsOn,
        rnd() < 0.005 ? pick(unrecoverable) : rnd() < 0.1 ? null : pick(recoverable),
        `Bench Rep ${i % 30}`,
        `Team ${i % 5}`,
        c.id,
        assigned,
        rnd() < 0.01 ? 1 : 0,
        outcome ? 1 + Math.floor(rnd() * 3) : 0,
        outcome,
        callbackAt,
        nowIso,
        nowIso,
      );
    }
  })();
  return {
    customers: count,
    cycleIds: cycles.map((c) => c.id),
    agentIds,
    executiveIds,
    currentCycleId: cycles[0]?.id ?? '',
  };
}
