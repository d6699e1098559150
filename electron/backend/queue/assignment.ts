import type { Person } from '../../../shared/api/session';
import type { ServiceDeps } from '../types';
import { countAssigned, getAssignable, setAssignee, topUnassigned } from '../../../db/repos/assignment';
import { getPerson, listPeople } from '../../../db/repos/people';
import { readQueueSettings } from '../../../db/repos/queueSettings';
import { ensureSelectionFresh } from '../../../db/repos/selection';
import { getCycle } from '../../../db/repos/cycles';
import { audit } from '../../../db/repos/audit';
import { appError } from '../i18n/errors';
import { said } from '../../../shared/i18n/said';

function cycleName(deps: ServiceDeps, cycleId: string | null): string {
  return (cycleId && getCycle(deps.db, cycleId)?.name) || 'no cycle';
}

/**
 * Assigns customers to one person (or back to the shared queue with null). An executive's
 * handful is capped per cycle: the whole request is refused when it would go over, so a manager
 * never ends up with half an assignment.
 */
export function assignCustomers(
  deps: ServiceDeps,
  customerIds: readonly number[],
  personId: string | null,
  actorId: string | null,
): number {
  const { db } = deps;
  const now = deps.now().toISOString();
  const person = personId === null ? null : getPerson(db, personId);
  if (personId !== null && !person) throw appError('not_found', 'person.notHere');
  if (person?.role === 'manager')
    throw appError('invalid_input', 'assignment.notToManagers');
  const rows = getAssignable(db, customerIds);
  if (rows.length !== new Set(customerIds).size)
    throw appError('not_found', 'assignment.customersGone');
  db.transaction(() => {
    if (person?.role === 'executive') {
      const cap = readQueueSettings(db).executiveCap;
      const adding = new Map<string | null, number>();
      for (const r of rows) if (r.assigned_to !== person.id) adding.set(r.cycle_id, (adding.get(r.cycle_id) ?? 0) + 1);
      for (const [cycleId, extra] of adding) {
        const has = countAssigned(db, person.id, cycleId);
        if (has + extra > cap) {
          throw appError('conflict', 'assignment.overCap', { name: person.name, count: has + extra, cycle: cycleName(deps, cycleId), cap });
        }
      }
    }
    for (const r of rows) setAssignee(db, r.id, person?.id ?? null, now);
    audit(db, {
      at: now,
      actorId,
      action: 'assignment.assign',
      entity: 'customers',
      detail: { customers: rows.length, personId },
    });
  })();
  return rows.length;
}

/**
 * By rule: the N highest-value unassigned customers of a cycle who are in the queue, dealt round
 * the people of a role in turn. Executives stop at their cap; the rest stay in the shared queue.
 */
export function assignByRule(
  deps: ServiceDeps,
  input: { cycleId: string; role: 'agent' | 'executive'; count: number },
  actorId: string | null,
) {
  const { db } = deps;
  const now = deps.now().toISOString();
  if (!getCycle(db, input.cycleId)) throw appError('not_found', 'cycle.notFound', { id: input.cycleId });
  const people = listPeople(db, input.role);
  if (people.length === 0) {
    throw appError('conflict', 'assignment.nobodyInRole', { role: said(`role.${input.role}`) });
  }
  ensureSelectionFresh(db, now.slice(0, 10));
  const settings = readQueueSettings(db);
  const perPerson = new Map<string, { person: Person; count: number; room: number }>();
  for (const p of people) {
    const room =
      input.role === 'executive'
        ? Math.max(0, settings.executiveCap - countAssigned(db, p.id, input.cycleId))
        : Number.POSITIVE_INFINITY;
    perPerson.set(p.id, { person: p, count: 0, room });
  }
  const candidates = topUnassigned(db, input.cycleId, settings.maxAttempts, input.count);
  let assigned = 0;
  db.transaction(() => {
    let turn = 0;
    for (const customerId of candidates) {
      const open = people.filter((p) => (perPerson.get(p.id)?.room ?? 0) > 0);
      if (open.length === 0) break;
      const p = open[turn % open.length];
      const slot = p && perPerson.get(p.id);
      if (!p || !slot) break;
      setAssignee(db, customerId, p.id, now);
      slot.count += 1;
      slot.room -= 1;
      assigned += 1;
      turn += 1;
    }
    audit(db, { at: now, actorId, action: 'assignment.byRule', entity: 'customers', detail: { ...input, assigned } });
  })();
  let shortBecause: string | null = null;
  if (assigned < input.count) {
    shortBecause =
      candidates.length < input.count
        ? `Only ${candidates.length} unassigned customers of this cycle are in the queue.`
        : `The executives' handfuls are full (at most ${settings.executiveCap} each per cycle).`;
  }
  return {
    assigned,
    perPerson: [...perPerson.values()]
      .filter((s) => s.count > 0)
      .map((s) => ({ personId: s.person.id, name: s.person.name, count: s.count })),
    shortBecause,
  };
}

/** Everyone who takes calls, with how many customers each holds (of one cycle, when named). */
export function assignmentOverview(deps: ServiceDeps, input: { cycleId: string }) {
  const cap = readQueueSettings(deps.db).executiveCap;
  return listPeople(deps.db)
    .filter((p): p is Person & { role: 'agent' | 'executive' } => p.role !== 'manager')
    .map((p) => ({
      personId: p.id,
      name: p.name,
      role: p.role,
      assigned: countAssigned(deps.db, p.id, input.cycleId),
      cap: p.role === 'executive' ? cap : null,
    }));
}
