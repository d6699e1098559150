import { openDatabase } from '../../db/open';
import { upsertCycle } from '../../db/repos/cycles';
import { cycleFor } from '../../shared/domain/cycles';
import { DEFAULT_OFFER_RULES } from '../../shared/domain/offers';
import type { Outcome } from '../../shared/domain/outcomes';
import type { Role } from '../../shared/domain/roles';
import { addFeedback, amendCall, insertCall } from './calls';

/**
 * Completed calls on top of the demo (as if the demo agents and executive had worked the queue for
 * a while), plus a previous cycle so the trend lines have more than one point. Deterministic.
 */
export function addCallsToDemo(dbPath: string, count = 120): { cycleName: string; previousCycleName: string; calls: number } {
  const db = openDatabase(dbPath);
  try {
    const people = db.prepare('SELECT id, name, role FROM people ORDER BY name').all() as { id: string; name: string; role: Role }[];
    const callers = people.filter((p) => p.name.endsWith('(demo)'));
    if (callers.length === 0) throw new Error('Load the demo first.');
    const cycle = db.prepare('SELECT id, name, starts_on FROM cycles ORDER BY starts_on DESC LIMIT 1').get() as { id: string; name: string; starts_on: string };
    const before = new Date(`${cycle.starts_on}T00:00:00Z`);
    before.setUTCMonth(before.getUTCMonth() - 1);
    const previous = cycleFor(before, 'monthly');
    upsertCycle(db, previous, new Date().toISOString());
    db.prepare('UPDATE customers SET cycle_id = ?, departed_at = ? WHERE id % 4 = 0').run(previous.id, previous.startsOn);

    const customers = db
      .prepare(
        `SELECT c.external_id, c.cycle_id, c.departed_at, c.stated_reason_id, r.category_id
         FROM customers c LEFT JOIN reasons r ON r.id = c.stated_reason_id
         WHERE coalesce(r.category_id, '') <> 'not-recoverable' ORDER BY c.id LIMIT ?`,
      )
      .all(count) as { external_id: string; cycle_id: string; departed_at: string; stated_reason_id: string | null; category_id: string | null }[];
    const outcomes: Outcome[] = ['recovered', 'declined', 'considering', 'recovered', 'no_answer', 'declined', 'callback', 'recovered'];
    const answers = { recovered: 'accepted', declined: 'declined', considering: 'considering', callback: 'considering' } as const;
    customers.forEach((c, i) => {
      const caller = callers[Math.floor(i / 3) % callers.length];
      if (!caller) return;
      const outcome = outcomes[i % outcomes.length] ?? 'declined';
      const day = new Date(`${c.departed_at}T10:00:00Z`);
      day.setUTCDate(day.getUTCDate() + 2 + (i % 9));
      // Every fifth call finds a different reason than the one stated at departure.
      const primary = i % 5 === 4 ? 'service.support-attitude' : (c.stated_reason_id ?? 'unknown.dont-know');
      const category = i % 5 === 4 ? 'service' : (c.category_id ?? 'unknown');
      const offer = DEFAULT_OFFER_RULES.filter((r) => r.categoryId === category).sort((a, b) => a.priority - b.priority)[0]?.offerId;
      insertCall(db, {
        id: `demo-call-${i + 1}`,
        customer: c.external_id,
        callerId: caller.id,
        callerRole: caller.role,
        cycleId: c.cycle_id,
        completedAt: day.toISOString(),
        outcome,
        primary: outcome === 'no_answer' ? undefined : primary,
        offers: outcome === 'no_answer' || !offer ? [] : [{ offerId: offer, answer: answers[outcome as keyof typeof answers] ?? 'declined' }],
      });
    });
    // A manager's later correction: the third call did win the customer back.
    amendCall(db, 'demo-call-3', { outcome: 'recovered' });
    addFeedback(db, { id: 'demo-feedback-1', callId: 'demo-call-2', rep: 'Rep Blake (demo)', team: 'Support South', text: 'Nobody called back after the outage.', createdAt: new Date().toISOString() });
    return { cycleName: cycle.name, previousCycleName: previous.name, calls: customers.length };
  } finally {
    db.close();
  }
}
